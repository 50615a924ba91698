// The durable outbox: every command is stored before it is sent, survives reloads, tab closes and
// deploys, and is sent in order until the server answers for it. Only one tab replays a board at
// a time (Web Locks); idempotent commandIds make any double send (two tabs, Background Sync, a
// retry after a lost answer) harmless. A board created on this device offline has its creation
// first in its queue: it is sent alone, before anything else, and the rest follows only if it was.
import {
  type BoardChange,
  type BoardCreation,
  COMMAND_SCHEMA_VERSION,
  type Command,
  type CommandAnswer,
  isCreation,
} from "@/lib/domain";
import { AskedAgain } from "./asked-again";

/** The server's answer to one command: the same type the server answers with (README, "HTTP API"). */
export type { CommandAnswer };

export interface QueuedCommand {
  readonly boardId: string;
  /** Order of issue across tabs and reloads. */
  readonly seq: number;
  readonly command: BoardChange;
  /** The command shape it was made with (replayed to a later server after a deploy). */
  readonly schemaVersion: number;
  readonly queuedAt: number;
}

export interface OutboxStorage {
  put(entry: QueuedCommand): Promise<void>;
  remove(commandIds: readonly string[]): Promise<void>;
  /** A board's queued commands in order of issue. */
  list(boardId: string): Promise<QueuedCommand[]>;
}

/** Thrown by a transport when the server could not be reached or failed (5xx): try again later. */
export class RetryLater extends Error {
  constructor(
    message: string,
    /** The server asked to wait this long (a 429's Retry-After), in ms. */
    readonly afterMs?: number,
    /** The server refused for its rate limits (429): the whole request counted as too many. */
    readonly limited = false,
  ) {
    super(message);
  }
}

export interface OutboxTransport {
  /** The online path (server action) for a single fresh command. */
  sendOne(boardId: string, command: Command): Promise<CommandAnswer>;
  /** The stable replay route: `POST /api/boards/:id/commands` with a batch. "queued": the service worker kept it. */
  sendBatch(boardId: string, commands: readonly Command[], schemaVersion: number): Promise<CommandAnswer[] | "queued">;
  /** `POST /api/boards` with the board's client-made id: its creation, answered like a command. */
  create?(boardId: string, creation: BoardCreation): Promise<CommandAnswer>;
}

export interface OutboxEvents {
  accepted(answer: Extract<CommandAnswer, { status: "accepted" }>): void;
  rejected(command: BoardChange, answer: Extract<CommandAnswer, { status: "rejected" }>): void;
  /** The server asked to wait (too many changes): sending resumes at `until` (ms since epoch); null once it has. */
  paused?(until: number | null): void;
  /**
   * The changes this page shows as pending, in order. One the storage no longer holds was answered
   * elsewhere — another tab, Background Sync, this page before a reload — and that answer may
   * never reach this page (its board already had the change when it loaded): it is asked again.
   */
  pending?(): readonly BoardChange[];
}

export type Lock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export type Schedule = (task: () => void, ms: number) => unknown;

/**
 * The browser's timer, called as a plain function: `setTimeout` taken as a method of another object
 * (`this.schedule(...)` with `schedule = setTimeout`) throws "Illegal invocation" in browsers, which
 * once left refused changes waiting forever.
 */
const defaultSchedule: Schedule = (task, ms) => setTimeout(task, ms);
const defaultCancel = (timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>);

export const REPLAY_BATCH = 100;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

/** Exponential back-off with ±50% jitter, so that many devices coming back do not retry in step. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random()));
}

let lastSeq = 0;
/** Strictly increasing in this tab; ordered by time across tabs. */
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

/** The outbox entry of a change issued now. */
export function queuedEntry(boardId: string, command: BoardChange): QueuedCommand {
  return { boardId, seq: nextSeq(), command, schemaVersion: COMMAND_SCHEMA_VERSION, queuedAt: Date.now() };
}

export class Outbox {
  private draining: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private retryTimer: unknown;
  private closed = false;
  /**
   * How many commands the next replay sends at most: halved each time the rate limits refuse a
   * batch whole (a batch larger than a limit's window could never pass), doubled back after each
   * batch that went through.
   */
  private batchSize = REPLAY_BATCH;

  constructor(
    private readonly boardId: string,
    private readonly storage: OutboxStorage,
    private readonly transport: OutboxTransport,
    private readonly on: OutboxEvents,
    private readonly lock: Lock = (_name, task) => task(),
    private readonly isOnline: () => boolean = () => true,
    private readonly schedule: Schedule = defaultSchedule,
    private readonly cancel: (timer: unknown) => void = defaultCancel,
  ) {}

  /** Commands this tab already handed to the service worker's Background Sync queue while offline. */
  private readonly handed = new Set<string>();
  /** What this tab knows of its pending changes, to ask again about those answered elsewhere. */
  private readonly known = new AskedAgain();

  /**
   * Stores the command (before anything is sent), then tries to send. One that could not be stored
   * is still sent from this page while it stays open (as a pending change the storage lacks).
   */
  async enqueue(command: BoardChange): Promise<QueuedCommand> {
    const entry = queuedEntry(this.boardId, command);
    this.known.storingStarted(command.commandId);
    try {
      await this.storage.put(entry);
    } catch (error) {
      this.known.found([entry]);
      throw error;
    } finally {
      this.known.storingEnded(command.commandId);
      void this.drain();
    }
    return entry;
  }

  /** What is waiting, in order (a reload shows these as pending). */
  async waiting(): Promise<QueuedCommand[]> {
    return this.found(await this.storage.list(this.boardId));
  }

  private found(queued: QueuedCommand[]): QueuedCommand[] {
    this.known.found(queued);
    return queued;
  }

  /**
   * Sends everything queued, in order, until it is empty or the server cannot be reached.
   * Calls while a drain runs make it go round once more (a command queued meanwhile is not left).
   */
  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.cancel(this.retryTimer);
    this.draining = this.lock(`driftless-outbox:${this.boardId}`, () => this.sendAll()).finally(() => {
      this.draining = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.drain();
      }
    });
    return this.draining;
  }

  close(): void {
    this.closed = true;
    this.cancel(this.retryTimer);
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const queued = this.found(await this.storage.list(this.boardId));
      if (this.closed) return;
      if (queued.length === 0) {
        const asked = await this.askAgain();
        if (asked === "wait") return;
        this.failures = 0;
        this.resume();
        if (asked === "done") return;
        continue;
      }
      // Offline, each command is offered once to the service worker, whose Background Sync sends
      // it when the browser is back online (even if every tab is closed by then). Then this tab
      // waits for the `online` event instead of retrying into the void.
      const offline = !this.isOnline();
      const candidates = offline ? queued.filter((entry) => !this.handed.has(entry.command.commandId)) : queued;
      if (candidates.length === 0) return;
      const [first] = candidates;
      if (isCreation(first.command)) {
        // Offline too: there is no Background Sync for it, and nothing else can go before it.
        if (await this.sendCreation(first, first.command, queued)) continue;
        return;
      }
      const sent = await this.sendNext(candidates, offline ? "offline" : "online");
      if (!sent) return;
      const { batch, answers } = sent;
      if (answers === "queued") {
        for (const entry of batch) this.handed.add(entry.command.commandId);
        if (offline) continue;
        this.retryLater();
        return;
      }
      const { settled, stalled, waitMs } = this.answered(batch, answers);
      await this.storage.remove(settled);
      if (stalled || settled.length === 0) {
        this.retryLater(waitMs);
        return;
      }
      this.batchSize = Math.min(REPLAY_BATCH, this.batchSize * 2);
      this.failures = 0;
      this.resume();
    }
  }

  /**
   * Sends the first batch of `entries` (none is a creation, which always goes alone): as many as
   * the batch size allows, up to the next creation. Answers what was sent and the answers, or
   * nothing when the server could not be reached (a retry is then scheduled, unless offline: the
   * `online` event drains again). "again" sends through the replay route even a single command.
   */
  private async sendNext(
    entries: readonly QueuedCommand[],
    mode: "online" | "offline" | "again",
  ): Promise<{ batch: readonly QueuedCommand[]; answers: CommandAnswer[] | "queued" } | undefined> {
    const next = entries.findIndex((entry) => isCreation(entry.command));
    const batch = entries.slice(0, next === -1 ? this.batchSize : Math.min(this.batchSize, next));
    try {
      // A single fresh command goes the online way (a server action); anything else replays
      // through the stable route, whose address does not change with a deploy.
      const fresh =
        mode === "online" &&
        batch.length === 1 &&
        this.failures === 0 &&
        batch[0].schemaVersion === COMMAND_SCHEMA_VERSION;
      const answers = fresh
        ? [await this.transport.sendOne(this.boardId, batch[0].command as Command)]
        : await this.sendBatches(batch);
      return { batch, answers };
    } catch (error) {
      if (!(error instanceof RetryLater) && !(error instanceof TypeError)) throw error;
      if (error instanceof RetryLater && error.limited) this.batchSize = Math.max(1, Math.ceil(batch.length / 2));
      if (mode !== "offline") this.retryLater(error instanceof RetryLater ? error.afterMs : undefined);
      return undefined;
    }
  }

  /**
   * Sends the board's creation; answers whether the rest of the queue may go now. Refused (its id
   * taken, which 128 random bits make all but impossible), nothing queued for it may be sent
   * either, to whichever board has that id: each is refused here with the reason.
   */
  private async sendCreation(entry: QueuedCommand, creation: BoardCreation, queued: QueuedCommand[]): Promise<boolean> {
    let answer: CommandAnswer;
    try {
      if (!this.transport.create) throw new Error("this outbox's transport cannot create boards");
      answer = await this.transport.create(this.boardId, creation);
    } catch (error) {
      if (!(error instanceof RetryLater) && !(error instanceof TypeError)) throw error;
      if (this.isOnline()) this.retryLater(error instanceof RetryLater ? error.afterMs : undefined);
      return false;
    }
    if (answer.status === "accepted") {
      this.known.heardAnswer(creation.commandId, answer);
      this.on.accepted(answer);
      await this.storage.remove([creation.commandId]);
      this.failures = 0;
      this.resume();
      return true;
    }
    if (answer.code === "unavailable" || answer.code === "rate_limited") {
      this.retryLater(answer.retryAfter === undefined ? undefined : answer.retryAfter * 1000);
      return false;
    }
    this.known.heardAnswer(creation.commandId, answer);
    this.on.rejected(creation, answer);
    const reason = `the board “${creation.title}” could not be created (${answer.reason})`;
    for (const other of queued) {
      if (other === entry) continue;
      this.on.rejected(other.command, {
        status: "rejected",
        commandId: other.command.commandId,
        code: answer.code,
        reason,
      });
    }
    await this.storage.remove(queued.map((other) => other.command.commandId));
    return false;
  }

  /**
   * Once everything stored was sent: sends again the pending changes the storage held and no
   * longer does (answered elsewhere; the commandId makes the server repeat its answer, `"duplicate":
   * true`), in order of issue, so that none stays pending here for good (`AskedAgain`). Answers
   * "more" when there is more to ask than one batch.
   */
  private async askAgain(): Promise<"done" | "more" | "wait"> {
    const ask = this.known.toAsk(this.on.pending?.() ?? [], (answer) => this.on.accepted(answer));
    if (ask.length === 0) return "done";
    if (!this.isOnline()) return "wait";
    const [first] = ask;
    if (isCreation(first.command)) return (await this.sendCreation(first, first.command, [])) ? "more" : "wait";
    const sent = await this.sendNext(ask, "again");
    if (!sent) return "wait";
    const { batch, answers } = sent;
    if (answers === "queued") {
      this.retryLater();
      return "wait";
    }
    const { settled, stalled, waitMs } = this.answered(batch, answers);
    if (stalled || settled.length < batch.length) {
      this.retryLater(waitMs);
      return "wait";
    }
    this.batchSize = Math.min(REPLAY_BATCH, this.batchSize * 2);
    return ask.length > batch.length ? "more" : "done";
  }

  /**
   * Reports the server's answers to a batch, in order, and names the commands they settled. A
   * temporary refusal stalls the rest: not applied, it and those behind it wait, in order.
   */
  private answered(
    batch: readonly QueuedCommand[],
    answers: readonly CommandAnswer[],
  ): { settled: string[]; stalled: boolean; waitMs?: number } {
    const settled: string[] = [];
    for (const [index, answer] of answers.entries()) {
      const entry = batch[index];
      if (!entry) break;
      if (answer.status === "rejected" && (answer.code === "unavailable" || answer.code === "rate_limited"))
        return {
          settled,
          stalled: true,
          waitMs: answer.retryAfter === undefined ? undefined : answer.retryAfter * 1000,
        };
      this.known.heardAnswer(entry.command.commandId, answer);
      if (answer.status === "accepted") {
        this.on.accepted(answer);
      } else {
        // A permanent refusal leaves at once and never blocks the commands behind it.
        this.on.rejected(entry.command, answer);
      }
      settled.push(entry.command.commandId);
    }
    return { settled, stalled: false };
  }

  /** A batch has one schema version: split where the version changes (rare: across a deploy). */
  private async sendBatches(batch: readonly QueuedCommand[]): Promise<CommandAnswer[] | "queued"> {
    const answers: CommandAnswer[] = [];
    for (let start = 0; start < batch.length; ) {
      const version = batch[start].schemaVersion;
      let end = start;
      while (end < batch.length && batch[end].schemaVersion === version) end++;
      const part = await this.transport.sendBatch(
        this.boardId,
        batch.slice(start, end).map((entry) => entry.command as Command),
        version,
      );
      if (part === "queued") return answers.length > 0 ? answers : "queued";
      answers.push(...part);
      start = end;
    }
    return answers;
  }

  /** Tries again after the back-off, or after what the server asked for when that is longer. */
  private retryLater(afterMs?: number): void {
    this.failures++;
    this.cancel(this.retryTimer);
    const backoff = backoffDelay(this.failures);
    // A little past the server's time (its window ends then), spread so devices do not come back in step.
    const asked = afterMs === undefined ? 0 : afterMs + Math.round(250 + Math.random() * 750);
    const delay = Math.max(backoff, asked);
    this.retryTimer = this.schedule(() => void this.drain(), delay);
    if (afterMs !== undefined) {
      this.pausedUntil = Date.now() + delay;
      this.on.paused?.(this.pausedUntil);
    }
  }

  private pausedUntil: number | null = null;

  private resume(): void {
    if (this.pausedUntil === null) return;
    this.pausedUntil = null;
    this.on.paused?.(null);
  }
}

/** An outbox kept in memory (tests, and browsers where IndexedDB is unavailable). */
export function memoryOutbox(): OutboxStorage & { entries: Map<string, QueuedCommand> } {
  const entries = new Map<string, QueuedCommand>();
  return {
    entries,
    async put(entry) {
      entries.set(entry.command.commandId, entry);
    },
    async remove(commandIds) {
      for (const id of commandIds) entries.delete(id);
    },
    async list(boardId) {
      return [...entries.values()].filter((entry) => entry.boardId === boardId).sort((a, b) => a.seq - b.seq);
    },
  };
}
