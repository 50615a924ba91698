// The one client side of a board's event stream, for the board page and the read-only page alike:
// it opens the stream after the version the page has, hands events over in short batches (a burst
// renders once), says `ready` and `reset`, keeps the connection state true, and opens the stream
// again after an error, with back-off, or at once when the network comes back. What the events
// mean — folding them, repairing a gap, reloading — is the caller's (see connection.ts and the
// read-only page). Everything it touches outside comes in an environment, so a test runs the real
// loop in Node against real servers, with the network cut per client.
import { type Presence, parsePresence, type StoredEvent } from "@/lib/domain";

/** Who has the board open, as `event: presence` says (README, "Presence"). */
export type PresenceNews = Presence;

/** The parts of a browser's EventSource the stream uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onmessage: ((message: { data: string }) => void) | null;
  onerror: ((error: unknown) => void) | null;
  addEventListener(type: "ready" | "reset" | "presence", listener: (message: { data: string }) => void): void;
  close(): void;
}

export interface StreamEnvironment {
  eventSource(url: string): EventSourceLike;
  online(): boolean;
  /** Calls back when the network comes back and when it goes; answers a function that stops it. */
  watchNetwork(onOnline: () => void, onOffline: () => void): () => void;
  schedule(task: () => void, ms: number): unknown;
  cancel(timer: unknown): void;
}

/** EventSource's `readyState` once it has given up (after an HTTP error it does not retry). */
const CLOSED = 2;

/** The browser's own: timers called as plain functions (a method call of setTimeout throws there). */
export const browserStreamEnvironment: StreamEnvironment = {
  eventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
  online: () => navigator.onLine,
  watchNetwork(onOnline, onOffline) {
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  },
  schedule: (task, ms) => setTimeout(task, ms),
  cancel: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export type StreamStatus = "connecting" | "live" | "offline";

export interface StreamHandlers {
  /** The version the page has: the stream starts after it. */
  position(): number;
  /** Confirmed events in arrival order (each stream sends a version once, in order). */
  events(batch: StoredEvent[]): void;
  /** The catch-up is sent: the page is up to date with the board's head. */
  ready(head: number): void;
  /** The page is ahead of the board (its store was replaced): it must read the board again. */
  reset(head: number): void;
  status(status: StreamStatus): void;
  /** Who has the board open (after `ready`, then on every change). */
  presence?(news: PresenceNews): void;
  /**
   * The server refused the stream (EventSource gave up after an HTTP error). Answers whether to
   * try again (a read-only link replaced meanwhile: no).
   */
  refused?(): Promise<boolean>;
}

/** Events arriving within this window are handed over together (a burst renders once). */
export const BATCH_MS = 16;

export interface LiveStream {
  /** Opens a fresh stream now (after a reset, a gap the caller wants read by the stream). */
  reopen(): void;
  stop(): void;
}

export function openLiveStream({
  url,
  handlers,
  environment = browserStreamEnvironment,
}: {
  /** The stream's address for a start position. */
  url(after: number): string;
  handlers: StreamHandlers;
  environment?: StreamEnvironment;
}): LiveStream {
  const env = environment;
  let source: EventSourceLike | undefined;
  let buffer: StoredEvent[] = [];
  let flushTimer: unknown;
  let reopenTimer: unknown;
  let failures = 0;
  let stopped = false;

  const flush = () => {
    env.cancel(flushTimer);
    flushTimer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    handlers.events(batch);
  };
  const status = () => handlers.status(env.online() ? "connecting" : "offline");

  const open = () => {
    env.cancel(reopenTimer);
    if (stopped) return;
    source?.close();
    status();
    // The position matters for the first request only: on its own reconnects EventSource sends Last-Event-ID.
    const opened = env.eventSource(url(handlers.position()));
    source = opened;
    opened.onmessage = (message) => {
      buffer.push(JSON.parse(message.data) as StoredEvent);
      flushTimer ??= env.schedule(flush, BATCH_MS);
    };
    opened.addEventListener("ready", (message) => {
      flush();
      failures = 0;
      handlers.status("live");
      handlers.ready((JSON.parse(message.data) as { version: number }).version);
    });
    opened.addEventListener("presence", (message) => {
      const news = parsePresence(message.data);
      if (news) handlers.presence?.(news);
    });
    opened.addEventListener("reset", (message) => {
      buffer = [];
      handlers.reset((JSON.parse(message.data) as { version: number }).version);
    });
    opened.onerror = () => {
      flush();
      if (stopped || source !== opened) return;
      status();
      // EventSource retries by itself after a network error; after an HTTP error it gives up.
      if (opened.readyState !== CLOSED) return;
      failures++;
      const again = () => {
        if (!stopped && source === opened)
          reopenTimer = env.schedule(open, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
      };
      if (!handlers.refused) again();
      else
        void handlers.refused().then(
          (retry) => retry && again(),
          () => again(),
        );
    };
  };

  // A stream that looked open through an outage may be dead or stalled: start a fresh one (it
  // resumes from the page's version).
  const unwatch = env.watchNetwork(
    () => open(),
    () => handlers.status("offline"),
  );
  open();

  return {
    reopen: open,
    stop() {
      stopped = true;
      unwatch();
      env.cancel(flushTimer);
      env.cancel(reopenTimer);
      source?.close();
    },
  };
}
