import "server-only";
// The one command executor behind every entry point (server actions and the commands route):
// validate, then hand the command to its board's writer (board-writer.ts), which repeats a known
// outcome or decides and appends it, grouped with the commands that arrived meanwhile.
import { readHead } from "@/db/queries";
import { getStore } from "@/db/store";
import {
  type Actor,
  COMMAND_SCHEMA_VERSION,
  type Command,
  parseCommand,
  type Rejection,
  upgradeCommand,
} from "@/lib/domain";
import { type CommandOutcome, rejected, submitCommand } from "./board-writer";
import { BOARD_ID } from "./boards";
import { statusOf, unknownBoard } from "./errors";
import { log, redact } from "./log";
import { isDraining, tracked } from "./shutdown";

export { type CommandOutcome, SNAPSHOT_EVERY } from "./board-writer";

/** A command checked before anything is charged for it or run: valid, or answered already. */
export type Checked =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly outcome: CommandOutcome };

/** Validates one command (no I/O): what the rate limits charge for is what passes this. */
export function checkCommand(input: unknown): Checked {
  const parsed = parseCommand(input);
  return parsed.ok
    ? { ok: true, command: parsed.command }
    : { ok: false, outcome: rejected(commandIdOf(input), parsed.rejection) };
}

/** Runs one command: validates it, then hands it to its board's writer. */
export async function executeCommand({
  boardId,
  input,
  actor,
}: {
  boardId: string;
  input: unknown;
  actor: Actor;
}): Promise<CommandOutcome> {
  const checked = checkCommand(input);
  return checked.ok ? runCommand({ boardId, command: checked.command, actor }) : checked.outcome;
}

/**
 * Runs a valid command. The hand-over to the board's writer happens before the first await, so
 * commands started one after another in the same tick are decided in that order.
 */
export async function runCommand({
  boardId,
  command,
  actor,
}: {
  boardId: string;
  command: Command;
  actor: Actor;
}): Promise<CommandOutcome> {
  if (!BOARD_ID.test(boardId)) return rejected(command.commandId, unknownBoard);
  if (isDraining()) return rejected(command.commandId, restarting);
  const started = performance.now();
  // Counted while it runs: a shutdown waits for it to finish.
  const outcome = await tracked(() => submitCommand(boardId, command, actor));
  log.info("command", {
    board: redact(boardId),
    commandId: command.commandId,
    type: command.type,
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
 * The commands route's body, checked (no I/O): one command, or `{ commands: [...] }` whose entries
 * are each valid or answered already. A batch that is not one at all is refused whole. `cost` is
 * how many commands will run: what the rate limits charge.
 */
export type CheckedBody =
  | { readonly ok: false; readonly status: number; readonly body: CommandOutcome }
  | { readonly ok: true; readonly batch: boolean; readonly entries: readonly Checked[]; readonly cost: number };

export function checkBody(body: unknown): CheckedBody {
  if (!isBatch(body)) {
    const checked = checkCommand(body);
    if (!checked.ok) return { ok: false, status: statusOfOutcome(checked.outcome), body: checked.outcome };
    return { ok: true, batch: false, entries: [checked], cost: 1 };
  }
  const { commands, schemaVersion = COMMAND_SCHEMA_VERSION } = body as { commands: unknown; schemaVersion?: unknown };
  const invalid = (reason: string) =>
    ({ ok: false, status: 400, body: rejected(null, { code: "invalid", reason }) }) as const;
  if (Object.keys(body).some((key) => key !== "commands" && key !== "schemaVersion")) {
    return invalid('A batch has only the fields "commands" and "schemaVersion".');
  }
  if (!Array.isArray(commands)) return invalid('"commands" must be a list of commands.');
  if (commands.length > BATCH_MAX) return invalid(`A batch holds at most ${BATCH_MAX} commands.`);
  if (typeof schemaVersion !== "number") return invalid('"schemaVersion" must be a number.');
  // Commands queued offline before a deploy arrive in the shape they were made with. A batch the
  // server cannot read at all (a newer schema) is refused whole, before anything is applied.
  const upgraded = commands.map((input) => upgradeCommand(input, schemaVersion));
  const unreadable = upgraded.find((result) => !result.ok && result.rejection.code !== "invalid");
  if (unreadable && !unreadable.ok) {
    return { ok: false, status: statusOf(unreadable.rejection.code), body: rejected(null, unreadable.rejection) };
  }
  const entries = upgraded.map(
    (result, index): Checked =>
      result.ok
        ? checkCommand(result.input)
        : { ok: false, outcome: rejected(commandIdOf(commands[index]), result.rejection) },
  );
  return { ok: true, batch: true, entries, cost: entries.filter((entry) => entry.ok).length };
}

/** Runs a checked body on its board; answers the status and JSON (a batch: each entry's outcome, in order). */
export async function runBody({
  boardId,
  checked,
  actor,
}: {
  boardId: string;
  checked: Extract<CheckedBody, { ok: true }>;
  actor: Actor;
}): Promise<{ status: number; body: unknown }> {
  if (!checked.batch) {
    const [entry] = checked.entries;
    const outcome = entry.ok ? await runCommand({ boardId, command: entry.command, actor }) : entry.outcome;
    return { status: statusOfOutcome(outcome), body: outcome };
  }
  if (!(await boardExists(boardId))) return { status: 404, body: rejected(null, unknownBoard) };
  // All handed over at once, in order: the board's writer decides them in that order, in groups
  // (a rejected one never stops the ones behind it).
  const results = await Promise.all(
    checked.entries.map((entry) =>
      entry.ok ? runCommand({ boardId, command: entry.command, actor }) : Promise.resolve(entry.outcome),
    ),
  );
  return { status: 200, body: { results } };
}

function statusOfOutcome(outcome: CommandOutcome): number {
  return outcome.status === "accepted" ? 200 : statusOf(outcome.code);
}

function isBatch(body: unknown): body is { commands: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) && Object.hasOwn(body, "commands");
}

async function boardExists(boardId: string): Promise<boolean> {
  if (!BOARD_ID.test(boardId)) return false;
  const { db } = await getStore();
  return (await readHead(db, { boardId })) !== undefined;
}
