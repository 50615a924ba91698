// The service worker (Serwist, built by `next build --webpack` into public/sw.js).
// - The app shell is precached; the start page, board pages and their JSON are cached when visited
//   (network first), so they reopen offline; other pages fall back to /~offline, and a board's page
//   not kept here to /~board, which opens this device's copy of the board (one created offline).
// - A page first opened before this worker controlled it (the first visit, or a client-side
//   navigation, which fetches no document) is kept when the page asks (`keep-page`), so one visit
//   is enough — see README "Offline and installing".
// - The event stream and server actions are never cached. A cached page the network now answers
//   404 for (a forgotten board, a replaced read-only link) is dropped; read-only pages are kept a day.
// - A command replay that fails offline is kept in a Background Sync queue and sent again by the
//   browser when it is back online (the page replays too where there is no Background Sync;
//   commandIds make a double send harmless).
// - The page can make this device forget a board, or everything (`forget-board`, `forget-all`).
import type { PrecacheEntry, SerwistGlobalConfig, SerwistPlugin } from "serwist";
import { BackgroundSyncQueue, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist } from "serwist";
import { type WorkerMessage, workerMessage } from "@/lib/client/worker-messages";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const ID = "[A-Za-z0-9_-]{22}";
/** Pages of the board itself (the edit capability): the start page, a board, its history. */
const BOARD_PAGE = new RegExp(`^/(b/${ID}(/history)?)?$`);
/** Read-only pages and their JSON: kept a short time (a replaced link must not live on here). */
const SHARED_PAGE = new RegExp(`^/r/${ID}$`);
/** A board's own page (not its history): the one /~board can stand in for. */
const BOARD_ONLY = new RegExp(`^/b/${ID}$`);
const SHARED_JSON = new RegExp(`^/api/share/${ID}$`);
const BOARD_JSON = new RegExp(`^/api/boards/${ID}(/log)?$`);
const COMMANDS = new RegExp(`^/api/boards/${ID}/commands$`);

const DAY = 24 * 60 * 60;

/** Drops the cached copy of what the network now says is gone. */
function forgetGone(cacheName: string): SerwistPlugin {
  return {
    fetchDidSucceed: async ({ request, response }) => {
      if (response.status === 404 || response.status === 410) await (await caches.open(cacheName)).delete(request.url);
      return response;
    },
  };
}

const CACHES = { pages: "driftless-boards", data: "driftless-board-data", shared: "driftless-shared" } as const;

// Room for every board the start page lists (RECENT_MAX, lib/client/device.ts), its history page
// and the start page itself, so that keeping the listed boards never evicts one of them.
const boardPages = new NetworkFirst({
  cacheName: CACHES.pages,
  networkTimeoutSeconds: 4,
  plugins: [new ExpirationPlugin({ maxEntries: 150, maxAgeSeconds: 30 * DAY }), forgetGone(CACHES.pages)],
});
const boardData = new NetworkFirst({
  cacheName: CACHES.data,
  networkTimeoutSeconds: 4,
  plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * DAY }), forgetGone(CACHES.data)],
});
const sharedPages = new NetworkFirst({
  cacheName: CACHES.shared,
  networkTimeoutSeconds: 4,
  plugins: [new ExpirationPlugin({ maxEntries: 50, maxAgeSeconds: DAY }), forgetGone(CACHES.shared)],
});

const replays = new BackgroundSyncQueue("driftless-commands", {
  maxRetentionTime: 7 * 24 * 60, // minutes: a week offline is still a week of work
});

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new version waits until the person agrees to reload (the page shows "Update available").
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.method === "POST" && COMMANDS.test(url.pathname),
      method: "POST",
      handler: new NetworkOnly({
        plugins: [
          {
            fetchDidFail: async ({ request }) => {
              await replays.pushRequest({ request });
            },
            // Offline: the request is now queued for Background Sync; tell the page so, instead
            // of a network error (it keeps the commands in its own outbox as well).
            handlerDidError: async () =>
              new Response(JSON.stringify({ status: "queued" }), {
                status: 202,
                headers: { "Content-Type": "application/json", "X-Driftless-Queued": "1" },
              }),
          },
        ],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && BOARD_PAGE.test(url.pathname),
      handler: boardPages,
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && SHARED_PAGE.test(url.pathname),
      handler: sharedPages,
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.method === "GET" && SHARED_JSON.test(url.pathname),
      handler: sharedPages,
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.method === "GET" && BOARD_JSON.test(url.pathname),
      handler: boardData,
    },
  ],
  fallbacks: {
    // The first that matches answers.
    entries: [
      {
        url: "/~board",
        matcher: ({ request }) => request.destination === "document" && BOARD_ONLY.test(new URL(request.url).pathname),
      },
      { url: "/~offline", matcher: ({ request }) => request.destination === "document" },
    ],
  },
});

/**
 * Counts the times this device was told to forget: a page being kept while a forget runs (the
 * start page keeps the boards it lists as it opens, and the person may press "Forget everything"
 * at once) must not be put back after it.
 */
let forgets = 0;

/**
 * Fetches a page the person has open and keeps it, as if it had been opened under this worker
 * (with `ifMissing`, only when no copy is kept); fails when no copy is kept at the end.
 */
async function keepPage(event: ExtendableEvent, href: string, ifMissing = false): Promise<void> {
  const url = new URL(href, self.location.origin);
  if (url.origin !== self.location.origin) throw new Error("not this site's page");
  const kept = BOARD_PAGE.test(url.pathname)
    ? { strategy: boardPages, cacheName: CACHES.pages }
    : SHARED_PAGE.test(url.pathname)
      ? { strategy: sharedPages, cacheName: CACHES.shared }
      : undefined;
  if (!kept) throw new Error(`${url.pathname} is not a page kept for offline use`);
  const { strategy, cacheName } = kept;
  const request = new Request(url.pathname, { credentials: "same-origin" });
  const before = forgets;
  if (ifMissing && (await caches.match(request, { cacheName }))) return;
  const [response, stored] = strategy.handleAll({ event, request });
  await Promise.all([response, stored]); // answered, and the copy is in the cache
  // Looked up by name, not through a handle opened before the fetch: a "forget everything"
  // meanwhile deleted that cache, and the strategy wrote to a new one of the same name.
  if (forgets !== before) await (await caches.open(cacheName)).delete(request);
  // The answer may have been a fallback page (the server did not answer): then nothing is kept,
  // and the page must not say it is ("Available offline").
  if (!(await caches.match(request, { cacheName }))) throw new Error(`${url.pathname} is not kept`);
}

// The pages open when this worker first takes control were loaded without it: keep them now (the
// page asks as well, but a person may leave before the worker is ready to answer).
self.addEventListener("activate", (event) => {
  event.waitUntil(
    self.clients
      .matchAll({ type: "window" })
      .then((windows) => Promise.all(windows.map((client) => keepPage(event, client.url).catch(() => {})))),
  );
});

/** Removes what this device keeps of one board: its pages, its JSON, its queued replays. */
async function forgetBoard(boardId: string, viewToken: string | undefined): Promise<void> {
  forgets++;
  const mentions = (url: string) => {
    const { pathname } = new URL(url);
    return pathname.includes(`/${boardId}`) || (viewToken !== undefined && pathname.includes(`/${viewToken}`));
  };
  for (const name of Object.values(CACHES)) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (mentions(request.url)) await cache.delete(request);
  }
  await dropReplays((url) => mentions(url));
}

/** Everything this device keeps for people (not the app shell, which holds nothing of theirs). */
async function forgetAll(): Promise<void> {
  forgets++;
  for (const name of Object.values(CACHES)) await caches.delete(name);
  await dropReplays(() => true);
}

async function dropReplays(drop: (url: string) => boolean): Promise<void> {
  const kept = [];
  for (let entry = await replays.shiftRequest(); entry; entry = await replays.shiftRequest()) {
    if (!drop(entry.request.url)) kept.push(entry);
  }
  for (const entry of kept) await replays.pushRequest(entry);
}

async function handle(event: ExtendableMessageEvent, message: WorkerMessage): Promise<void> {
  switch (message.type) {
    case "keep-page":
      return keepPage(event, message.url, message.ifMissing);
    case "forget-board":
      return forgetBoard(message.boardId, message.viewToken);
    case "forget-all":
      return forgetAll();
    default: {
      const _never: never = message;
      return _never;
    }
  }
}

self.addEventListener("message", (event) => {
  // Serwist's window helper asks for this one (the "Reload to update" prompt).
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") {
    void self.skipWaiting();
    return;
  }
  const message = workerMessage(event.data);
  if (!message) return;
  const done = handle(event, message).then(
    () => true,
    () => false,
  );
  event.waitUntil(done);
  // The page waits for the answer where it must (forgetting before it says "forgotten").
  void done.then((ok) => event.ports[0]?.postMessage({ ok }));
});

serwist.addEventListeners();
