import "server-only";
// Appends, one board at a time per instance, in groups: commands that arrive while the board's
// previous append is in flight wait in its queue, and are then decided one after another on the
// state the last one left and written together, in ONE statement (one round trip, one commit).
// Across instances, the statement itself checks that the head is where the group was decided.
import { type AppendResult, appendGroup, readEvents, readHead, readOutcomes, saveSnapshot } from "@/db/queries";
import { getStore } from "@/db/store";
import {
  type Actor,
  type BoardChange,
  type BoardCreation,
  type BoardState,
  type Command,
  type CommandAnswer,
  decide,
  decideCreation,
  emptyBoard,
  fold,
  isCreation,
  type Rejection,
  type StoredEvent,
} from "@/lib/domain";
import { cachedBoard, forgetBoard, rememberBoard, type VersionedState } from "./board-cache";
import { stateAt } from "./board-state";
import { isStoreUnavailable, sqlState, unknownBoard } from "./errors";
import { getHub } from "./live/hub";
import { log, redact } from "./log";

/** What a command came to: the answer the client reads, one type for both (lib/domain/answer.ts). */
export type CommandOutcome = CommandAnswer;

export const SNAPSHOT_EVERY = 100;

/** The state a creation is decided on: no board, no events. */
const NO_BOARD: VersionedState = { version: 0, state: emptyBoard };
/** Commands written in one statement at most (a 500-command offline batch takes a few). */
const GROUP_MAX = 100;
/** Another instance moving the head this many times in a row under one group is a fault, not a race. */
const ATTEMPTS_MAX = 50;

interface Submitted {
  readonly command: BoardChange;
  readonly actor: Actor;
  /** A creation's view token, used if it creates the board. */
  readonly viewToken?: string;
  resolve(outcome: CommandOutcome): void;
  reject(error: unknown): void;
}

const state = globalThis as typeof globalThis & { __driftlessWriters?: Map<string, BoardWriter> };
state.__driftlessWriters ??= new Map();
const writers = state.__driftlessWriters;

/** Decides and appends a valid command on its board; resolves with its outcome once committed. */
export function submitCommand(boardId: string, command: Command, actor: Actor): Promise<CommandOutcome> {
  return writerOf(boardId).submit({ command, actor });
}

/**
 * Creates the board `boardId` (with `viewToken` for its read-only link), in the board's queue like
 * any command: the same creation again answers its recorded outcome, a taken id is a conflict.
 */
export function submitCreation(
  boardId: string,
  creation: BoardCreation,
  actor: Actor,
  viewToken: string,
): Promise<CommandOutcome> {
  return writerOf(boardId).submit({ command: creation, actor, viewToken });
}

function writerOf(boardId: string): BoardWriter {
  let writer = writers.get(boardId);
  if (!writer) {
    writer = new BoardWriter(boardId);
    writers.set(boardId, writer);
  }
  return writer;
}

export function rejected(commandId: string | null, rejection: Rejection): CommandOutcome {
  return { status: "rejected", commandId, code: rejection.code, reason: rejection.reason };
}

class BoardWriter {
  private readonly queue: Submitted[] = [];
  private running = false;

  constructor(private readonly boardId: string) {}

  submit(change: Omit<Submitted, "resolve" | "reject">): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...change, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Carried from one group to the next: this writer's own last commit is the head unless
    // another instance wrote since, which the next statement finds out.
    let current: VersionedState | undefined;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, GROUP_MAX);
      try {
        current = await this.write(group, current);
      } catch (error) {
        current = undefined;
        for (const submitted of group) submitted.reject(error);
      }
    }
    this.running = false;
    writers.delete(this.boardId);
  }

  /** Writes one group; answers the board's state after it (undefined when the board is unknown). */
  private async write(group: Submitted[], known: VersionedState | undefined): Promise<VersionedState | undefined> {
    const store = await getStore();
    // The newer of this writer's last commit and the cache (which the bus keeps current with other
    // instances' appends): the statement checks the head either way.
    let current = newer(known, cachedBoard(this.boardId)) ?? (await loadFromStore(this.boardId));
    let remaining = group;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      if (!current) {
        // No board (yet): only a creation applies, and what was sent to the board before it cannot.
        const first = remaining.findIndex((submitted) => isCreation(submitted.command));
        const early = first === -1 ? remaining : remaining.slice(0, first);
        for (const submitted of early) submitted.resolve(rejected(submitted.command.commandId, unknownBoard));
        if (first === -1) return undefined;
        remaining = remaining.slice(first);
        current = NO_BOARD;
      }
      if (attempt > ATTEMPTS_MAX) throw new Error(`the head of board ${redact(this.boardId)} kept moving`);
      const plan = planGroup(current, remaining, new Date());
      if (plan.failed.length > 0) remaining = remaining.filter((submitted) => !plan.failed.includes(submitted));
      let result: AppendResult;
      try {
        const viewToken = current === NO_BOARD ? remaining[0].viewToken : undefined;
        result = await appendGroup(store, {
          boardId: this.boardId,
          expected: current.version,
          events: plan.events,
          outcomes: plan.outcomes,
          creates: viewToken === undefined ? undefined : { viewToken },
        });
      } catch (error) {
        const code = sqlState(error);
        // Two groups inserting the same two commandIds in opposite orders (one sent to two boards
        // at once) can deadlock; Postgres cancels one, which simply tries again.
        if (code === "40P01") continue;
        // Under a stricter default isolation a concurrent append shows as a serialization
        // failure rather than as a moved head: the same answer, fold the tail and decide again.
        if (code === "40001") {
          current = await refresh(this.boardId, current);
          continue;
        }
        if (code !== "23505") {
          // Refused for something one command holds (text Postgres will not store, say): that must
          // not fail the others grouped with it. Written one at a time, only that one fails.
          if (remaining.length > 1 && !isStoreUnavailable(error)) return this.writeOneByOne(remaining, current);
          throw error;
        }
        // A commandId decided before (a replay, another tab, another instance): answer it with its
        // recorded outcome and write the others.
        remaining = await this.answerSeen(remaining);
        continue;
      }
      if (!result.written) {
        // Another instance appended since `current` (or created the board first): fold what it
        // wrote (the statement answered it), decide again.
        current =
          current === NO_BOARD ? await loadFromStore(this.boardId) : await refresh(this.boardId, current, result.since);
        continue;
      }
      const after = { version: plan.version, state: plan.state };
      this.committed(current.version, after, plan.events);
      plan.answer();
      return after;
    }
    return current;
  }

  /** Writes each command of the group in a statement of its own; a failure fails that command alone. */
  private async writeOneByOne(group: Submitted[], known: VersionedState): Promise<VersionedState | undefined> {
    let current: VersionedState | undefined = known;
    for (const submitted of group) {
      try {
        current = await this.write([submitted], current);
      } catch (error) {
        submitted.reject(error);
        current = undefined; // read again: nothing is known about what the failed statement left
      }
    }
    return current;
  }

  private async answerSeen(group: Submitted[]): Promise<Submitted[]> {
    const store = await getStore();
    const seen = await readOutcomes(store, { commandIds: group.map((submitted) => submitted.command.commandId) });
    if (seen.size === 0) throw new Error("an append failed on a unique key, but no commandId was seen before");
    const rest: Submitted[] = [];
    for (const submitted of group) {
      const prior = seen.get(submitted.command.commandId);
      if (!prior) rest.push(submitted);
      else if (prior.boardId !== this.boardId) {
        submitted.resolve(
          rejected(submitted.command.commandId, {
            code: "conflict",
            reason: "This commandId was already used for another board.",
          }),
        );
      } else submitted.resolve({ ...(prior.outcome as CommandOutcome), duplicate: true });
    }
    return rest;
  }

  private committed(before: number, after: VersionedState, events: readonly StoredEvent[]): void {
    rememberBoard(this.boardId, after);
    if (events.length === 0) return;
    // After commit, never before: a stream must not announce what a rollback could take back.
    try {
      getHub().announce(this.boardId, events);
    } catch (error) {
      log.warn("announcing an append failed; streams will catch up from the store", { error });
    }
    // Snapshots only spare readers a long fold: written off the command's path, and a lost one
    // costs nothing but a longer fold until the next.
    if (Math.floor(before / SNAPSHOT_EVERY) !== Math.floor(after.version / SNAPSHOT_EVERY)) {
      void getStore()
        .then(({ db }) => saveSnapshot(db, { boardId: this.boardId, ...after }))
        .catch((error: unknown) => log.warn("saving a snapshot failed", { board: redact(this.boardId), error }));
    }
  }
}

interface Plan {
  readonly version: number;
  readonly state: BoardState;
  readonly events: StoredEvent[];
  readonly outcomes: { commandId: string; outcome: CommandOutcome }[];
  /** Commands whose decision threw (a bug): failed on their own, left out of the statement. */
  readonly failed: Submitted[];
  /** Resolves every other command of the group (after commit). */
  answer(): void;
}

/** Decides the group's commands in order, each on the state the ones before it left. */
function planGroup(current: VersionedState, group: readonly Submitted[], at: Date): Plan {
  let { version, state: board } = current;
  const events: StoredEvent[] = [];
  const outcomes: { commandId: string; outcome: CommandOutcome }[] = [];
  const answers: (() => void)[] = [];
  const failed: Submitted[] = [];
  const decided = new Map<string, CommandOutcome>();
  const stamp = at.toISOString();
  for (const submitted of group) {
    const { command, actor } = submitted;
    const first = decided.get(command.commandId);
    if (first) {
      // The same command twice in one group (sent again before its answer came back).
      answers.push(() => submitted.resolve({ ...first, duplicate: true }));
      continue;
    }
    let outcome: CommandOutcome;
    try {
      const decision = isCreation(command) ? decideCreation(board, command) : decide(board, command, actor);
      if (decision.ok) {
        const stored = decision.events.map(
          (event, index): StoredEvent =>
            ({
              version: version + index + 1,
              ...event,
              commandId: command.commandId,
              actor: { id: actor.id, name: actor.name },
              at: stamp,
            }) as StoredEvent,
        );
        // The stored events, not the decided ones: their actor makes members and signs comments.
        board = fold(board, stored);
        version += stored.length;
        events.push(...stored);
        outcome = { status: "accepted", commandId: command.commandId, version, events: stored };
      } else {
        outcome = rejected(command.commandId, decision.rejection);
      }
    } catch (error) {
      // One command that breaks `decide` must not fail the other people's commands queued with it.
      submitted.reject(error);
      failed.push(submitted);
      continue;
    }
    decided.set(command.commandId, outcome);
    outcomes.push({ commandId: command.commandId, outcome });
    answers.push(() => submitted.resolve(outcome));
  }
  const answer = () => {
    for (const resolve of answers) resolve();
  };
  return { version, state: board, events, outcomes, failed, answer };
}

function newer(a: VersionedState | undefined, b: VersionedState | undefined): VersionedState | undefined {
  if (!a || !b) return a ?? b;
  return a.version >= b.version ? a : b;
}

/** The board's state at its head, from the store (a snapshot and the tail after it). */
async function loadFromStore(boardId: string): Promise<VersionedState | undefined> {
  const { db } = await getStore();
  const head = await readHead(db, { boardId });
  return head === undefined ? undefined : stateAt(db, boardId, head);
}

/**
 * `current` brought up to the store's head (events are never rewritten: folding the tail is
 * enough), with the tail when it is known already (a refused append answers it).
 */
async function refresh(
  boardId: string,
  current: VersionedState,
  known?: readonly StoredEvent[],
): Promise<VersionedState | undefined> {
  const { db } = await getStore();
  // None known is read: a refusal whose statement waited for another append's commit may not see it.
  const tail = known?.length ? known : await readEvents(db, { boardId, after: current.version });
  if (tail.length === 0) {
    // Nothing after our version, yet the head moved: it went back (a database restored under a
    // running instance). What this instance remembers of the board is from another history.
    forgetBoard(boardId);
    return loadFromStore(boardId);
  }
  const next = { version: tail[tail.length - 1].version, state: fold(current.state, tail) };
  rememberBoard(boardId, next);
  return next;
}
