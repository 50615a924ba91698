// The one client connection to a board, for the board page and the read-only page alike: the
// live stream (live-stream.ts: batching, back-off, `ready`, `reset`), a version the page lacks
// read from the board's log at once, and the board read again from its log on `reset`. What the
// events mean to the page is the follower's (README, "The event stream").
import { type BoardState, emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import {
  browserStreamEnvironment,
  openLiveStream,
  type PresenceNews,
  type StreamEnvironment,
  type StreamStatus,
} from "./live-stream";

const LOG_PAGE = 5000;

export interface ConnectionEnvironment extends StreamEnvironment {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Where the server is ("" in the browser: the page's own origin). */
  readonly base: string;
}

export const browserConnectionEnvironment: ConnectionEnvironment = {
  ...browserStreamEnvironment,
  fetch: (url, init) => fetch(url, init),
  base: "",
};

/** What a page does with its board. */
export interface Follower {
  /** The version the page has: the stream starts, and a gap is read, after it. */
  position(): number;
  /** Confirmed events: in order, possibly some the page already has, possibly after a gap. */
  received(events: StoredEvent[]): void;
  /** The board as its log has it now (after a `reset`). */
  reloaded(version: number, state: BoardState): void;
  /** The stream has caught up with the board's head. */
  ready(head: number): void;
  status(status: StreamStatus): void;
  /** Who has the board open (the board page's stream says; see live-stream.ts). */
  presence?(news: PresenceNews): void;
  /** The server refused the stream; answers whether to try again (see live-stream.ts). */
  refused?(): Promise<boolean>;
}

export interface BoardConnection {
  /** Reads the events after `after` from the log (a version the page lacks), unless a read is under way. */
  repair(after: number): void;
  /** Opens the stream again now (what it was opened with changed, such as the name cookie). */
  reconnect(): void;
  stop(): void;
}

/** Follows the board at `path` (`/api/boards/:boardId` or `/api/share/:viewToken`). */
export function followBoard({
  path,
  follower,
  environment = browserConnectionEnvironment,
}: {
  path: string;
  follower: Follower;
  environment?: ConnectionEnvironment;
}): BoardConnection {
  const board = `${environment.base}${path}`;
  let repairing = false;

  /** The board's events after `after`, page by page. */
  async function fetchLog(after: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let from = after; ; ) {
      const response = await environment.fetch(`${board}/log?after=${from}&limit=${LOG_PAGE}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`log answered ${response.status}`);
      const page = (await response.json()) as { events: StoredEvent[]; version: number };
      events.push(...page.events);
      if (page.events.length < LOG_PAGE) return events;
      from = page.events[page.events.length - 1].version;
    }
  }

  const repair = (after: number) => {
    if (repairing) return;
    repairing = true;
    fetchLog(after)
      .then((events) => follower.received(events))
      // The stream will bring the events, or the next gap reads again.
      .catch(() => {})
      .finally(() => {
        repairing = false;
      });
  };

  const stream = openLiveStream({
    url: (after) => `${board}/events?after=${after}`,
    environment,
    handlers: {
      position: follower.position,
      events: (batch) => {
        follower.received(batch);
        // A stream sends each version once and in order; a batch that still leaves the page
        // behind skipped what the page lacks (a stream resumed after another source moved it).
        const position = follower.position();
        if (batch.length > 0 && position < batch[batch.length - 1].version) repair(position);
      },
      ready: follower.ready,
      status: follower.status,
      reset: () => {
        void fetchLog(0).then(
          (events) => follower.reloaded(events.at(-1)?.version ?? 0, fold(emptyBoard, events)),
          () => stream.reopen(),
        );
      },
      presence: follower.presence,
      refused: follower.refused,
    },
  });

  return { repair, reconnect: () => stream.reopen(), stop: () => stream.stop() };
}
