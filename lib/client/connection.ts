// The board page's connection: the live stream (live-stream.ts) feeding the store, the log read
// when a version is skipped, the board read again on `reset`, and the outbox told to send once the
// stream has caught up.
import { emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import { boardReloaded, connectionChanged, eventsReceived } from "./board-slice";
import { browserStreamEnvironment, openLiveStream, type StreamEnvironment } from "./live-stream";
import { type AppStore, replayOutbox } from "./store";

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

export function connectBoard(
  store: AppStore,
  environment: ConnectionEnvironment = browserConnectionEnvironment,
): () => void {
  const { boardId } = store.getState().board;
  const board = `${environment.base}/api/boards/${encodeURIComponent(boardId)}`;
  let repairing = false;

  /** Events after `after` from the log, page by page. */
  async function readLog(after: number): Promise<StoredEvent[]> {
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

  const stream = openLiveStream({
    url: (after) => `${board}/events?after=${after}`,
    environment,
    handlers: {
      position: () => store.getState().board.version,
      events: (batch) => store.dispatch(eventsReceived(batch)),
      ready: () => store.dispatch(replayOutbox()),
      status: (status) => store.dispatch(connectionChanged(status)),
      reset: () => {
        void readLog(0).then(
          (events) => {
            const version = events.at(-1)?.version ?? 0;
            store.dispatch(boardReloaded({ version, state: fold(emptyBoard, events) }));
          },
          () => stream.reopen(),
        );
      },
    },
  });

  // A skipped version (an event arrived before one it follows): read the gap from the log.
  const unsubscribe = store.subscribe(() => {
    const { gapAfter } = store.getState().board;
    if (gapAfter === null || repairing) return;
    repairing = true;
    readLog(gapAfter)
      .then((events) => store.dispatch(eventsReceived(events)))
      // The stream will bring the events, or the next gap reads again.
      .catch(() => {})
      .finally(() => {
        repairing = false;
      });
  });

  return () => {
    unsubscribe();
    stream.stop();
  };
}
