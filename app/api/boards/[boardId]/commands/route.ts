// POST /api/boards/:boardId/commands — run one command or a batch (the offline queue's stable target)
import { clientAddress } from "@/lib/server/client-address";
import { checkBody, runBody } from "@/lib/server/command-executor";
import { checkOrigin, guard, json, readJsonBody, rejection, visitorOf } from "@/lib/server/http";
import { commandLimits, getLimiter } from "@/lib/server/rate-limit";

export async function POST(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("POST /api/boards/:boardId/commands", async () => {
    const refused = checkOrigin(request);
    if (refused) return rejection(refused, { commandId: null });
    const body = await readJsonBody(request);
    if (!body.ok) return rejection(body.rejection, { commandId: null });
    // Validated before anything is charged: only the commands that will run count against the limits.
    const checked = checkBody(body.value);
    if (!checked.ok) return json(checked.body, checked.status);
    const visitor = await visitorOf(request);
    const limits = commandLimits(visitor.id, clientAddress(request.headers));
    const limited = checked.cost > 0 ? await getLimiter().take(limits, checked.cost) : { ok: true as const };
    if (!limited.ok) {
      return rejection(limited.rejection, { commandId: null }, { "Retry-After": String(limited.retryAfterSeconds) });
    }
    const { boardId } = await params;
    const answer = await runBody({ boardId, checked, actor: visitor.forBoard(boardId) });
    return visitor.withCookie(json(answer.body, answer.status));
  });
}
