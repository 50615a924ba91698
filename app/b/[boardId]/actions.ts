"use server";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/server/client-address";
import { type CommandOutcome, executeCommand } from "@/lib/server/command-executor";
import { commandLimits, getLimiter } from "@/lib/server/rate-limit";
import { actionActor } from "@/lib/server/session";

/** The board page's online path: the same executor as POST /api/boards/:boardId/commands. */
export async function runCommandAction(boardId: string, command: unknown): Promise<CommandOutcome> {
  const actor = await actionActor();
  const limited = await getLimiter().take(commandLimits(actor.id, clientAddress(await headers())));
  if (!limited.ok) {
    const commandId = (command as { commandId?: unknown } | null)?.commandId;
    return { status: "rejected", commandId: typeof commandId === "string" ? commandId : null, ...limited.rejection };
  }
  return executeCommand({ boardId, input: command, actor });
}
