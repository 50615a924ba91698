// POST /api/boards — create a board (README, "HTTP API"): with a client-made boardId and commandId
// when replayed from a device that created it offline.
import { createBoard } from "@/lib/server/boards";
import { clientAddress } from "@/lib/server/client-address";
import { checkOrigin, guard, json, readJsonBody, rejection, visitorOf } from "@/lib/server/http";
import { getLimiter } from "@/lib/server/rate-limit";

export async function POST(request: Request) {
  return guard("POST /api/boards", async () => {
    const forbidden = checkOrigin(request);
    if (forbidden) return rejection(forbidden);
    const body = await readJsonBody(request);
    if (!body.ok) return rejection(body.rejection);
    const limited = await getLimiter().take([[getLimiter().limits.boardsPerIp, clientAddress(request.headers)]]);
    if (!limited.ok)
      return rejection(limited.rejection, undefined, { "Retry-After": String(limited.retryAfterSeconds) });
    const visitor = await visitorOf(request);
    const created = await createBoard(body.value, visitor);
    return visitor.withCookie(
      created.ok ? json(created.value, created.value.duplicate ? 200 : 201) : rejection(created.rejection),
    );
  });
}
