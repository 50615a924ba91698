"use server";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/server/client-address";
import { type CommandOutcome, checkCommand, runCommand } from "@/lib/server/command-executor";
import { commandLimits, getLimiter } from "@/lib/server/rate-limit";
import { actionCrossSiteRefusal, actionVisitor } from "@/lib/server/session";

/** The board page's online path: the same executor as POST /api/boards/:boardId/commands. */
export async function runCommandAction(boardId: string, command: unknown): Promise<CommandOutcome> {
  // Validated before anything is charged, as on the route.
  const checked = checkCommand(command);
  if (!checked.ok) return checked.outcome;
  const refused = await actionCrossSiteRefusal();
  if (refused) return { status: "rejected", commandId: checked.command.commandId, ...refused };
  const visitor = await actionVisitor();
  const limited = await getLimiter().take(commandLimits(visitor.id, clientAddress(await headers())));
  if (!limited.ok) {
    // The outbox waits this long before sending again (the route handler says it in Retry-After).
    return {
      status: "rejected",
      commandId: checked.command.commandId,
      ...limited.rejection,
      retryAfter: limited.retryAfterSeconds,
    };
  }
  return runCommand({ boardId, command: checked.command, actor: visitor.forBoard(boardId) });
}
