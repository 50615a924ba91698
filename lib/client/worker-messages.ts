// What a page asks of the service worker (app/sw.ts), and the page's side of asking. One shape for
// both ends: the worker parses what it receives with `workerMessage`.

export type WorkerMessage =
  /**
   * Keep this page for offline use (it was opened before the worker controlled it); with
   * `ifMissing`, only when no copy is kept yet (the start page asks for the boards it lists).
   */
  | { readonly type: "keep-page"; readonly url: string; readonly ifMissing?: boolean }
  /** Drop the cached pages, JSON and queued replays of one board (and of its read-only link). */
  | { readonly type: "forget-board"; readonly boardId: string; readonly viewToken?: string }
  /** Drop every cached page, JSON and queued replay. */
  | { readonly type: "forget-all" };

const ID = /^[A-Za-z0-9_-]{22}$/;

export function workerMessage(data: unknown): WorkerMessage | undefined {
  const message = data as Partial<Record<string, unknown>> | null;
  switch (message?.type) {
    case "keep-page":
      return typeof message.url === "string"
        ? { type: "keep-page", url: message.url, ifMissing: message.ifMissing === true }
        : undefined;
    case "forget-board": {
      const { boardId, viewToken } = message;
      if (typeof boardId !== "string" || !ID.test(boardId)) return undefined;
      return typeof viewToken === "string" && ID.test(viewToken)
        ? { type: "forget-board", boardId, viewToken }
        : { type: "forget-board", boardId };
    }
    case "forget-all":
      return { type: "forget-all" };
    default:
      return undefined;
  }
}

/**
 * Sends a message to the active service worker and waits for its answer: true when it did what was
 * asked, false when there is no worker (not installed, not supported) or it failed.
 */
export async function askWorker(message: WorkerMessage, timeoutMs = 10_000): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.serviceWorker) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  const worker = registration?.active;
  if (!worker) return false;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), timeoutMs);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve((event.data as { ok?: boolean } | null)?.ok === true);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

// Captured when the page's code first runs: whether a worker served this document.
const loadedControlled = typeof navigator !== "undefined" && Boolean(navigator.serviceWorker?.controller);

/**
 * Makes sure the page the person is on opens again offline, and says whether it does (false
 * without a worker). A document served by the worker is cached already (the worker only checks);
 * one loaded before the worker took control (the first visit), or reached by a client-side
 * navigation (which fetches no document), is fetched once more by the worker and kept.
 */
export async function keepForOffline(): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.serviceWorker) return false;
  const online = navigator.onLine;
  const [entry] = performance.getEntriesByType("navigation");
  const arrivedByRouter = entry !== undefined && new URL(entry.name).pathname !== location.pathname;
  const path = location.pathname;
  // `ready` resolves once a worker is active: on a first visit, after it has installed.
  await navigator.serviceWorker.ready;
  // Offline the worker can only say whether it has a copy.
  const ifMissing = !online || (loadedControlled && !arrivedByRouter);
  const kept = await askWorker({ type: "keep-page", url: path, ifMissing });
  // A board's "All boards" leads to the start page: it opens offline too, even on a device where
  // that board, opened from a link, is all that was ever visited.
  if (online && path !== "/") await askWorker({ type: "keep-page", url: "/", ifMissing: true });
  return kept;
}

/**
 * The start page lists the boards opened on this device: each of them opens offline, even one
 * left before the worker was installed (a first visit of a few seconds).
 */
export async function keepListedBoards(paths: readonly string[]): Promise<void> {
  if (typeof navigator === "undefined" || !navigator.serviceWorker || !navigator.onLine) return;
  await navigator.serviceWorker.ready;
  for (const url of paths) await askWorker({ type: "keep-page", url, ifMissing: true });
}
