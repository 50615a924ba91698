// GET /api/share/:viewToken — a shared board's snapshot (read-only; no boardId in it)
import { toView } from "@/lib/domain";
import { guard, json, rejection } from "@/lib/server/http";
import { getShared } from "@/lib/server/share";

export async function GET(_request: Request, { params }: { params: Promise<{ viewToken: string }> }) {
  return guard("GET /api/share/:viewToken", async () => {
    const shared = await getShared((await params).viewToken);
    if (!shared.ok) return rejection(shared.rejection);
    const { version, state } = shared.value;
    return json({ version, state: toView(state) }, 200, { "X-Robots-Tag": "noindex" });
  });
}
