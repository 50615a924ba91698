"use server";
import { type CommandOutcome, executeCommand } from "@/lib/server/command-executor";
import { actionActor } from "@/lib/server/session";

/** The board page's online path: the same executor as POST /api/boards/:boardId/commands. */
export async function runCommandAction(boardId: string, command: unknown): Promise<CommandOutcome> {
  return executeCommand({ boardId, input: command, actor: await actionActor() });
}
