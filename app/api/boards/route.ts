// POST /api/boards — create a board
import { createBoard } from "@/lib/server/boards";
import { clientAddress } from "@/lib/server/client-address";
import { actorOf, checkOrigin, guard, json, readJsonBody, rejection } from "@/lib/server/http";
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
    const actor = actorOf(request);
    const created = await createBoard(body.value, actor.actor);
    return actor.withCookie(created.ok ? json(created.value, 201) : rejection(created.rejection));
  });
}
