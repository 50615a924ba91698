import "server-only";
// Who has a board open (README, "Presence"). Each instance counts the streams of every board it
// holds — a person's tabs once, read-only links and streams without a signed visitor as viewers —
// and keeps its one entry per board in the presence store, refreshed before it expires; a change
// is written at once, announced on the board's bus channel (`{"presence":"<instance>"}`), and the
// instances that hear it read the store again. Every stream gets `event: presence` after `ready`
// and whenever what it says changes. Presence is never written to Postgres.
import { randomUUID } from "node:crypto";
import { log, redact } from "../log";
import { type InstanceEntry, mergeViews, type Person, type PresenceStore, type PresenceView } from "../presence/store";
import type { BoardFeeds } from "./board-feeds";
import type { LiveSink } from "./sink";
import { StreamTimer } from "./stream-timer";

const KIND = "presence";
const encoder = new TextEncoder();

export interface PresenceOptions {
  /** How long an entry lives unless refreshed: an instance that died leaves within it (+ one refresh). */
  readonly ttlMs: number;
  /** How often each instance refreshes its entries and reads the others' (expired ones drop then). */
  readonly refreshMs: number;
  /**
   * The shortest time between two rounds (write, announce, frames) for one board: a burst of tabs
   * opening (a deploy's reconnect wave, 10,000 streams on one board) makes one round, not one per tab.
   */
  readonly roundMs: number;
  /**
   * The most bytes of presence frames per second one board's streams are sent, together: a board
   * held open by 1,000 tabs of 100 people (5 KB frames) is told of changes every ~10 s, by 10,000
   * tabs every ~100 s, not every second (a stream that opens gets the board's presence at once all
   * the same, and boards of a few dozen tabs are told within a round).
   */
  readonly tellBytesPerSecond: number;
}

/** The longest PRESENCE_TTL_SECONDS taken: with one refresh on top, a dead instance's people leave within 60 s. */
const MAX_TTL_SECONDS = 45;
/** See PresenceOptions.tellBytesPerSecond (measured with `npm run bench -- --only idle`). */
const TELL_BYTES_PER_SECOND = 512 * 1024;

export function presenceOptionsFromEnv(env: Record<string, string | undefined> = process.env): PresenceOptions {
  const raw = Number(env.PRESENCE_TTL_SECONDS);
  const seconds = env.PRESENCE_TTL_SECONDS && Number.isFinite(raw) && raw > 0 ? Math.min(raw, MAX_TTL_SECONDS) : 30;
  return {
    ttlMs: seconds * 1000,
    refreshMs: (seconds * 1000) / 3,
    roundMs: Math.min(1000, (seconds * 1000) / 6),
    tellBytesPerSecond: TELL_BYTES_PER_SECOND,
  };
}

/** The frame every stream of a board gets: `event: presence` with the people and the viewers. */
export function presenceFrame(view: PresenceView): Uint8Array {
  return encoder.encode(`event: presence\ndata: ${presenceJson(view)}\n\n`);
}

function presenceJson(view: PresenceView): string {
  return JSON.stringify({ people: view.people.map(({ id, name }) => ({ id, name })), viewers: view.viewers });
}

interface Tabs {
  name: string;
  count: number;
}

/** One board as this instance holds it. */
class BoardPresence {
  readonly people = new Map<string, Tabs>();
  viewers = 0;
  streams = 0;
  /** Streams that said `ready`: the ones frames go to (one catching up gets the frame at its ready). */
  readonly ready = new Set<LiveSink>();
  /** The other instances' entries, as the store last answered. */
  others: readonly PresenceView[] = [];
  /** This instance's entry changed since it was last written and announced. */
  changed = false;
  /** A change whose write failed: the next round that succeeds announces it. */
  unannounced = false;
  /** The other instances may have changed (an announcement, a refresh): read the store. */
  stale = false;
  /** What the streams were last sent. */
  sent: string | undefined;
  private current: { json: string; frame: Uint8Array } | undefined;
  round: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  lastRound = Number.NEGATIVE_INFINITY;
  lastTold = Number.NEGATIVE_INFINITY;
  tellTimer: NodeJS.Timeout | undefined;
  written = false;

  entry(): PresenceView {
    const people: Person[] = [];
    for (const [id, tabs] of this.people) people.push({ id, name: tabs.name });
    return { people, viewers: this.viewers };
  }

  empty(): boolean {
    return this.streams === 0;
  }

  invalidate(): void {
    this.current = undefined;
  }

  /** The board as it stands: this instance's streams now, the others as last read. */
  view(): { json: string; frame: Uint8Array } {
    if (!this.current) {
      const view = mergeViews([...this.others, this.entry()]);
      this.current = { json: presenceJson(view), frame: presenceFrame(view) };
    }
    return this.current;
  }
}

export class Presence {
  readonly instanceId = randomUUID();
  private readonly boards = new Map<string, BoardPresence>();
  private readonly timer: StreamTimer;
  private storeDown = false;
  private closed = false;

  constructor(
    private readonly feeds: Pick<BoardFeeds, "watch" | "handle" | "publish" | "counts">,
    private readonly store: PresenceStore,
    private readonly options: PresenceOptions,
  ) {
    feeds.watch({
      streamAttached: (sink) => this.attached(sink),
      streamDetached: (sink) => this.detached(sink),
    });
    feeds.handle(KIND, (boardId, value) => {
      if (value === this.instanceId) return; // this instance's own announcement
      const board = this.boards.get(boardId);
      if (!board) return;
      board.stale = true;
      this.schedule(boardId, board);
    });
    this.timer = new StreamTimer(feeds, options.refreshMs, () => void this.refresh());
  }

  /** A stream said `ready`: it gets the board's presence now, and every change from here on. */
  streamReady(sink: LiveSink): void {
    const board = this.boards.get(sink.boardId);
    if (!board || this.closed) return;
    board.ready.add(sink);
    sink.send(board.view().frame);
  }

  /** Refreshes this instance's entries and reads the others' (the timer's tick; a test's clock). */
  async refresh(): Promise<void> {
    for (const [boardId, board] of this.boards) {
      board.stale = true;
      this.schedule(boardId, board);
    }
    await Promise.all([...this.boards.values()].map((board) => board.round));
  }

  /** The people and viewers of a board as this instance's streams are told (tests, health). */
  viewOf(boardId: string): PresenceView | undefined {
    const json = this.boards.get(boardId)?.view().json;
    return json === undefined ? undefined : (JSON.parse(json) as PresenceView);
  }

  get running(): boolean {
    return this.timer.running;
  }

  /** Takes this instance's entries out of the store and says so (a shutdown); later changes are ignored. */
  async close(): Promise<void> {
    this.closed = true;
    this.timer.stop();
    const leaving = [...this.boards].map(async ([boardId, board]) => {
      clearTimeout(board.timer);
      clearTimeout(board.tellTimer);
      await board.round?.catch(() => {});
      if (!board.written) return;
      await this.store.write(boardId, this.instanceId, undefined, this.options.ttlMs);
      await this.announce(boardId);
    });
    this.boards.clear();
    await Promise.race([Promise.allSettled(leaving), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    await this.store.close();
  }

  private attached(sink: LiveSink): void {
    if (this.closed) return;
    let board = this.boards.get(sink.boardId);
    if (!board) {
      board = new BoardPresence();
      this.boards.set(sink.boardId, board);
    }
    board.streams++;
    const { person } = sink;
    if (person && sink.viewToken === undefined) {
      const tabs = board.people.get(person.id);
      if (!tabs) board.people.set(person.id, { name: person.name, count: 1 });
      else {
        tabs.count++;
        // One more tab of someone here changes nothing, unless it brings a new name (the newest
        // tab's name is theirs: a name saved in one tab shows once that tab's stream reopens).
        if (tabs.name === person.name) return;
        tabs.name = person.name;
      }
    } else board.viewers++;
    this.changed(sink.boardId, board);
  }

  private detached(sink: LiveSink): void {
    const board = this.boards.get(sink.boardId);
    if (!board) return;
    board.ready.delete(sink);
    board.streams--;
    const { person } = sink;
    if (person && sink.viewToken === undefined) {
      const tabs = board.people.get(person.id);
      if (tabs && --tabs.count > 0) return; // their other tabs keep them here: nothing changed
      board.people.delete(person.id);
    } else board.viewers--;
    this.changed(sink.boardId, board);
  }

  private changed(boardId: string, board: BoardPresence): void {
    board.changed = true;
    board.invalidate();
    this.schedule(boardId, board);
  }

  /** Starts a round for the board now, or when the last one is over and `roundMs` has passed. */
  private schedule(boardId: string, board: BoardPresence): void {
    if (board.round || board.timer || this.closed) return;
    const wait = board.lastRound + this.options.roundMs - Date.now();
    if (wait <= 0) {
      board.round = this.round(boardId, board);
      return;
    }
    board.timer = setTimeout(() => {
      board.timer = undefined;
      board.round = this.round(boardId, board);
    }, wait);
    board.timer.unref();
  }

  /** One round: write this instance's entry (or its removal), read the others', tell the streams. */
  private async round(boardId: string, board: BoardPresence): Promise<void> {
    board.lastRound = Date.now();
    const announce = board.changed || board.unannounced;
    board.changed = false;
    board.unannounced = false;
    board.stale = false;
    const leaving = board.empty();
    try {
      const alive = await this.store.write(
        boardId,
        this.instanceId,
        leaving ? undefined : board.entry(),
        this.options.ttlMs,
      );
      board.written = !leaving;
      if (this.storeDown) log.info("presence store reachable again");
      this.storeDown = false;
      board.others = others(alive, this.instanceId);
      board.invalidate();
      if (announce) await this.announce(boardId);
    } catch (error) {
      // The streams still hear of this instance's own changes; the next refresh (not sooner: the
      // store is down) writes again and announces, and a removal that failed is left to the TTL.
      if (!this.storeDown) log.warn("presence store write failed", { board: redact(boardId), error });
      this.storeDown = true;
      if (leaving) board.written = false;
      else board.unannounced ||= announce;
    } finally {
      board.round = undefined;
    }
    if (this.closed) return;
    this.tell(board);
    if (board.changed || board.stale) this.schedule(boardId, board);
    else if (board.empty() && !board.written) this.boards.delete(boardId);
  }

  private async announce(boardId: string): Promise<void> {
    try {
      await this.feeds.publish(boardId, KIND, JSON.stringify(this.instanceId));
    } catch (error) {
      // The others see the change at their next refresh.
      log.warn("bus publish of presence failed", { board: redact(boardId), error });
    }
  }

  /**
   * Sends the board's presence to its ready streams, if it changed since they were last told, and
   * no sooner than the board's byte budget allows (the latest presence then, when it does).
   */
  private tell(board: BoardPresence): void {
    if (this.closed) return;
    const { json, frame } = board.view();
    if (json === board.sent) return;
    const gapMs = (board.ready.size * frame.byteLength * 1000) / this.options.tellBytesPerSecond;
    const wait = board.lastTold + gapMs - Date.now();
    if (wait > 0) {
      board.tellTimer ??= setTimeout(() => {
        board.tellTimer = undefined;
        this.tell(board);
      }, wait);
      board.tellTimer.unref();
      return;
    }
    board.lastTold = Date.now();
    board.sent = json;
    for (const sink of board.ready) sink.send(frame);
  }
}

function others(alive: readonly InstanceEntry[], instanceId: string): PresenceView[] {
  return alive.filter((entry) => entry.instanceId !== instanceId).map((entry) => entry.entry);
}
