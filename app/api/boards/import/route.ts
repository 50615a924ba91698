// POST /api/boards/import — a new board from a Driftless export or a Trello board export
import { IMPORT_BODY_LIMIT } from "@/lib/domain/import/answer";
import { importBoard } from "@/lib/server/board-import";
import { clientAddress } from "@/lib/server/client-address";
import { checkOrigin, guard, json, readJsonBody, rejection, visitorOf } from "@/lib/server/http";
import { getLimiter } from "@/lib/server/rate-limit";

export async function POST(request: Request) {
  return guard("POST /api/boards/import", async () => {
    const forbidden = checkOrigin(request);
    if (forbidden) return rejection(forbidden);
    // An import makes a board: it counts against the same limit as creating one, taken before the
    // body so that an address over it is refused without the server reading 20 MB.
    const limited = await getLimiter().take([[getLimiter().limits.boardsPerIp, clientAddress(request.headers)]]);
    if (!limited.ok)
      return rejection(limited.rejection, undefined, { "Retry-After": String(limited.retryAfterSeconds) });
    const body = await readJsonBody(request, { limit: IMPORT_BODY_LIMIT, what: "The file" });
    if (!body.ok) return rejection(body.rejection);
    const visitor = await visitorOf(request);
    const imported = await importBoard(body.value, (boardId) => visitor.forBoard(boardId));
    return visitor.withCookie(imported.ok ? json(imported.value, 201) : rejection(imported.rejection));
  });
}
