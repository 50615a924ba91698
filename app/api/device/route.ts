// DELETE /api/device — forget this browser's identity: expire its actor and name cookies
import { checkOrigin, expireDeviceCookies, guard, rejection } from "@/lib/server/http";

export async function DELETE(request: Request) {
  return guard("DELETE /api/device", async () => {
    const refused = checkOrigin(request);
    if (refused) return rejection(refused);
    return expireDeviceCookies(request, new Response(null, { status: 204 }));
  });
}
