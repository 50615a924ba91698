// The one place the board's event stream is opened. It feeds confirmed events to the store in
// small batches, keeps the status line true, repairs version gaps from the log, reloads on reset,
// and tells the sender when the server is reachable again.
import { emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import { boardReloaded, connectionChanged, eventsReceived } from "./board-slice";
import { type AppStore, replayOutbox } from "./store";

/** Events arriving within this window are folded in one action (a burst renders once). */
const BATCH_MS = 16;
const LOG_PAGE = 5000;

export function connectBoard(store: AppStore): () => void {
  const { boardId } = store.getState().board;
  let source: EventSource | undefined;
  let buffer: StoredEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let repairing = false;
  let stopped = false;

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    store.dispatch(eventsReceived(batch));
  };

  const status = () => store.dispatch(connectionChanged(navigator.onLine ? "connecting" : "offline"));

  const open = () => {
    clearTimeout(reopenTimer);
    if (stopped) return;
    source?.close();
    status();
    // `after` only matters for the first request: on its own reconnects EventSource sends Last-Event-ID.
    const url = `/api/boards/${encodeURIComponent(boardId)}/events?after=${store.getState().board.version}`;
    const opened = new EventSource(url);
    source = opened;
    opened.onmessage = (message) => {
      buffer.push(JSON.parse(message.data) as StoredEvent);
      flushTimer ??= setTimeout(flush, BATCH_MS);
    };
    opened.addEventListener("ready", () => {
      flush();
      failures = 0;
      store.dispatch(connectionChanged("live"));
      store.dispatch(replayOutbox());
    });
    opened.addEventListener("reset", () => {
      buffer = [];
      void reload();
    });
    opened.onerror = () => {
      flush();
      status();
      // EventSource retries by itself after a network error; after an HTTP error it gives up.
      if (opened.readyState === EventSource.CLOSED) {
        failures++;
        reopenTimer = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
      }
    };
  };

  /** Reads events after `after` from the log, page by page. */
  async function readLog(after: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let from = after; ; ) {
      const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/log?after=${from}&limit=${LOG_PAGE}`, {
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`log answered ${response.status}`);
      const page = (await response.json()) as { events: StoredEvent[]; version: number };
      events.push(...page.events);
      if (page.events.length < LOG_PAGE) return events;
      from = page.events[page.events.length - 1].version;
    }
  }

  async function repairGap(after: number) {
    repairing = true;
    try {
      store.dispatch(eventsReceived(await readLog(after)));
    } catch {
      // The stream will bring the events, or the next gap triggers another read.
    } finally {
      repairing = false;
    }
  }

  async function reload() {
    try {
      const events = await readLog(0);
      const version = events.at(-1)?.version ?? 0;
      store.dispatch(boardReloaded({ version, state: fold(emptyBoard, events) }));
    } catch {
      open();
    }
  }

  const unsubscribe = store.subscribe(() => {
    const { gapAfter } = store.getState().board;
    if (gapAfter !== null && !repairing) void repairGap(gapAfter);
  });
  // A stream that looked open through an outage may be dead or stalled: start a fresh one (it
  // resumes from the store's version), and its `ready` sends what is queued.
  const online = () => open();
  const offline = () => store.dispatch(connectionChanged("offline"));
  window.addEventListener("online", online);
  window.addEventListener("offline", offline);
  open();

  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener("online", online);
    window.removeEventListener("offline", offline);
    clearTimeout(flushTimer);
    clearTimeout(reopenTimer);
    source?.close();
  };
}
