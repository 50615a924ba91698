import "server-only";
// The one command executor behind every entry point (server actions and the commands route):
// validate → lock the board → repeat a known outcome, or decide → append + record in one transaction.
import { appendCommand, lockBoardForCommand, readHead, recordOutcome, saveSnapshot } from "@/db/queries";
import { getStore } from "@/db/store";
import {
  type Actor,
  type BoardState,
  COMMAND_SCHEMA_VERSION,
  type Command,
  decide,
  fold,
  parseCommand,
  type Rejection,
  type StoredEvent,
  upgradeCommand,
} from "@/lib/domain";
import { rememberBoard } from "./board-cache";
import { stateAt } from "./board-state";
import { BOARD_ID } from "./boards";
import { sqlState, statusOf, unknownBoard } from "./errors";
import { getHub } from "./live/hub";
import { log, redact } from "./log";
import { isDraining, tracked } from "./shutdown";

export type CommandOutcome =
  | {
      readonly status: "accepted";
      readonly commandId: string;
      readonly version: number;
      readonly events: readonly StoredEvent[];
      readonly duplicate?: true;
    }
  | ({ readonly status: "rejected"; readonly commandId: string | null; readonly duplicate?: true } & Rejection);

export const SNAPSHOT_EVERY = 100;

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
  const outcome = await tracked(async () => {
    // Two commands racing to first use of one commandId on two boards: the loser's insert of the
    // outcome fails its unique key; once retried, it finds the winner's outcome.
    for (let attempt = 1; ; attempt++) {
      try {
        return await appendOnce(boardId, parsed.command, actor);
      } catch (error) {
        if (attempt < 3 && ["23505", "40001", "40P01"].includes(sqlState(error) ?? "")) continue;
        throw error;
      }
    }
  });
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

async function appendOnce(boardId: string, command: Command, actor: Actor): Promise<CommandOutcome> {
  const { db } = await getStore();
  const { commandId } = command;
  let committed: { version: number; state: BoardState; events: StoredEvent[] } | undefined;

  const outcome = await db.transaction(async (tx): Promise<CommandOutcome> => {
    // One round trip: lock the board row and look up an earlier answer to this commandId.
    const locked = await lockBoardForCommand(tx, { boardId, commandId });
    if (locked === undefined) return rejected(commandId, unknownBoard);
    const { version: head, prior } = locked;
    if (prior) {
      if (prior.boardId !== boardId) {
        return rejected(commandId, { code: "conflict", reason: "This commandId was already used for another board." });
      }
      return { ...(prior.outcome as CommandOutcome), duplicate: true };
    }

    // With the board row locked, the state at `head` cannot move under us.
    const current = await stateAt(tx, boardId, head);
    const decision = decide(current.state, command);
    if (!decision.ok) {
      const outcome = rejected(commandId, decision.rejection);
      await recordOutcome(tx, { commandId, boardId, outcome });
      return outcome;
    }

    const version = head + decision.events.length;
    let outcome: CommandOutcome | undefined;
    // Events, head and outcome in one statement: one round trip for the three writes.
    const events = await appendCommand(tx, {
      boardId,
      after: head,
      events: decision.events,
      commandId,
      actor,
      at: new Date(),
      outcome: (stored) => {
        outcome = { status: "accepted", commandId, version, events: stored };
        return outcome;
      },
    });
    const state = fold(current.state, decision.events);
    if (Math.floor(head / SNAPSHOT_EVERY) !== Math.floor(version / SNAPSHOT_EVERY)) {
      await saveSnapshot(tx, { boardId, version, state });
    }
    committed = { version, state, events };
    return outcome as CommandOutcome;
  });

  if (committed) {
    rememberBoard(boardId, { version: committed.version, state: committed.state });
    // After commit, never before: a stream must not announce what a rollback could take back.
    try {
      getHub().announce(boardId, committed.events);
    } catch (error) {
      log.warn("announcing an append failed; streams will catch up from the store", { error });
    }
  }
  return outcome;
}

function rejected(commandId: string | null, rejection: Rejection): CommandOutcome {
  return { status: "rejected", commandId, code: rejection.code, reason: rejection.reason };
}

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
  const results: CommandOutcome[] = [];
  for (const input of commands) {
    // Commands queued offline before a deploy arrive in the shape they were made with.
    const upgraded = upgradeCommand(input, schemaVersion);
    if (!upgraded.ok) {
      if (upgraded.rejection.code !== "invalid")
        return { status: statusOf(upgraded.rejection.code), body: rejected(null, upgraded.rejection) };
      results.push(rejected(commandIdOf(input), upgraded.rejection));
      continue;
    }
    results.push(await executeCommand({ boardId, input: upgraded.input, actor }));
  }
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
