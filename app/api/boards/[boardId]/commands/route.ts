// POST /api/boards/:boardId/commands — run one command or a batch (the offline queue's stable target)

import { clientAddress } from "@/lib/server/client-address";
import { executeBody } from "@/lib/server/command-executor";
import { actorOf, checkOrigin, guard, json, readJsonBody, rejection } from "@/lib/server/http";
import { commandLimits, costOf, getLimiter } from "@/lib/server/rate-limit";

export async function POST(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("POST /api/boards/:boardId/commands", async () => {
    const refused = checkOrigin(request);
    if (refused) return rejection(refused, { commandId: null });
    const body = await readJsonBody(request);
    if (!body.ok) return rejection(body.rejection, { commandId: null });
    const actor = actorOf(request);
    const limited = await getLimiter().take(
      commandLimits(actor.actor.id, clientAddress(request.headers)),
      costOf(body.value),
    );
    if (!limited.ok) {
      return rejection(limited.rejection, { commandId: null }, { "Retry-After": String(limited.retryAfterSeconds) });
    }
    const answer = await executeBody({ boardId: (await params).boardId, body: body.value, actor: actor.actor });
    return actor.withCookie(json(answer.body, answer.status));
  });
}
