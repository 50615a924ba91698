// POST /api/boards/import — a new board from a Driftless export or a Trello board export
import { IMPORT_BODY_LIMIT, importBoard } from "@/lib/server/board-import";
import { actorOf, checkOrigin, guard, json, readJsonBody, rejection } from "@/lib/server/http";
import { clientIp, getLimiter } from "@/lib/server/rate-limit";

export async function POST(request: Request) {
  return guard("POST /api/boards/import", async () => {
    const forbidden = checkOrigin(request);
    if (forbidden) return rejection(forbidden);
    // An import makes a board: it counts against the same limit as creating one, taken before the
    // body so that an address over it is refused without the server reading 20 MB.
    const limited = await getLimiter().take([[getLimiter().limits.boardsPerIp, clientIp(request.headers)]]);
    if (!limited.ok)
      return rejection(limited.rejection, undefined, { "Retry-After": String(limited.retryAfterSeconds) });
    const body = await readJsonBody(request, { limit: IMPORT_BODY_LIMIT, what: "The file" });
    if (!body.ok) return rejection(body.rejection);
    const actor = actorOf(request);
    const imported = await importBoard(body.value, actor.actor);
    return actor.withCookie(imported.ok ? json(imported.value, 201) : rejection(imported.rejection));
  });
}
