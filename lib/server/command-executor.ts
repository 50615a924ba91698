import "server-only";
// The one command executor behind every entry point (server actions and the commands route):
// validate, then hand the command to its board's writer (board-writer.ts), which repeats a known
// outcome or decides and appends it, grouped with the commands that arrived meanwhile.
import { readHead } from "@/db/queries";
import { getStore } from "@/db/store";
import { type Actor, COMMAND_SCHEMA_VERSION, parseCommand, type Rejection, upgradeCommand } from "@/lib/domain";
import { type CommandOutcome, rejected, submitCommand } from "./board-writer";
import { BOARD_ID } from "./boards";
import { statusOf, unknownBoard } from "./errors";
import { log, redact } from "./log";
import { isDraining, tracked } from "./shutdown";

export { type CommandOutcome, SNAPSHOT_EVERY } from "./board-writer";

/**
 * Runs one command. Validation and the hand-over to the board's writer happen before the first
 * await, so commands started one after another in the same tick are decided in that order.
 */
export async function executeCommand({
  boardId,
  input,
  actor,
}: {
  boardId: string;
  input: unknown;
  actor: Actor;
}): Promise<CommandOutcome> {
  const parsed = parseCommand(input);
  if (!parsed.ok) return rejected(commandIdOf(input), parsed.rejection);
  if (!BOARD_ID.test(boardId)) return rejected(parsed.command.commandId, unknownBoard);
  if (isDraining()) return rejected(parsed.command.commandId, restarting);
  const started = performance.now();
  // Counted while it runs: a shutdown waits for it to finish.
  const outcome = await tracked(() => submitCommand(boardId, parsed.command, actor));
  log.info("command", {
    board: redact(boardId),
    commandId: parsed.command.commandId,
    type: parsed.command.type,
    outcome: outcome.status === "accepted" ? "accepted" : outcome.code,
    ...(outcome.duplicate ? { duplicate: true } : {}),
    ...(outcome.status === "accepted" ? { version: outcome.version } : {}),
    ms: Math.round((performance.now() - started) * 10) / 10,
  });
  return outcome;
}

const restarting: Rejection = { code: "unavailable", reason: "This server is restarting; try again in a moment." };

/** The commandId of an invalid command, when it carries a usable one, so the client can match the answer. */
function commandIdOf(input: unknown): string | null {
  const value = (input as { commandId?: unknown } | null)?.commandId;
  return typeof value === "string" && value.length <= 64 ? value : null;
}

export const BATCH_MAX = 500;

/**
 * The commands route's body: one command, or `{ commands: [...] }` applied in order, each with
 * its own outcome (a rejected one never stops the ones behind it). Returns the status and JSON.
 */
export async function executeBody({
  boardId,
  body,
  actor,
}: {
  boardId: string;
  body: unknown;
  actor: Actor;
}): Promise<{ status: number; body: unknown }> {
  if (!isBatch(body)) {
    const outcome = await executeCommand({ boardId, input: body, actor });
    return { status: outcome.status === "accepted" ? 200 : statusOf(outcome.code), body: outcome };
  }
  const { commands, schemaVersion = COMMAND_SCHEMA_VERSION } = body as { commands: unknown; schemaVersion?: unknown };
  const invalid = (reason: string) => ({ status: 400, body: rejected(null, { code: "invalid", reason }) });
  if (Object.keys(body).some((key) => key !== "commands" && key !== "schemaVersion")) {
    return invalid('A batch has only the fields "commands" and "schemaVersion".');
  }
  if (!Array.isArray(commands)) return invalid('"commands" must be a list of commands.');
  if (commands.length > BATCH_MAX) return invalid(`A batch holds at most ${BATCH_MAX} commands.`);
  if (typeof schemaVersion !== "number") return invalid('"schemaVersion" must be a number.');
  if (!(await boardExists(boardId))) return { status: 404, body: rejected(null, unknownBoard) };
  // Commands queued offline before a deploy arrive in the shape they were made with. A batch the
  // server cannot read at all (a newer schema) is refused whole, before anything is applied.
  const upgraded = commands.map((input) => upgradeCommand(input, schemaVersion));
  const unreadable = upgraded.find((result) => !result.ok && result.rejection.code !== "invalid");
  if (unreadable && !unreadable.ok) {
    return { status: statusOf(unreadable.rejection.code), body: rejected(null, unreadable.rejection) };
  }
  // All handed over at once, in order: the board's writer decides them in that order, in groups.
  const results = await Promise.all(
    upgraded.map((result, index) =>
      result.ok
        ? executeCommand({ boardId, input: result.input, actor })
        : Promise.resolve(rejected(commandIdOf(commands[index]), result.rejection)),
    ),
  );
  return { status: 200, body: { results } };
}

function isBatch(body: unknown): body is { commands: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) && Object.hasOwn(body, "commands");
}

async function boardExists(boardId: string): Promise<boolean> {
  if (!BOARD_ID.test(boardId)) return false;
  const { db } = await getStore();
  return (await readHead(db, { boardId })) !== undefined;
}
