// The service worker (Serwist, built by `next build --webpack` into public/sw.js).
// - The app shell is precached; board pages and their JSON are cached when visited (network first),
//   so a visited board reopens offline; other pages fall back to /~offline.
// - The event stream and server actions are never cached.
// - A command replay that fails offline is kept in a Background Sync queue and sent again by the
//   browser when it is back online (the page replays too where there is no Background Sync;
//   commandIds make a double send harmless).
import type { PrecacheEntry, SerwistGlobalConfig } from "serwist";
import { BackgroundSyncPlugin, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const BOARD_PAGE = /^\/(b|r)\/[A-Za-z0-9_-]{22}(\/history)?$/;
const BOARD_JSON = /^\/api\/(boards|share)\/[A-Za-z0-9_-]{22}(\/log)?$/;
const COMMANDS = /^\/api\/boards\/[A-Za-z0-9_-]{22}\/commands$/;

const replays = new BackgroundSyncPlugin("driftless-commands", {
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
          replays,
          {
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
      handler: new NetworkFirst({
        cacheName: "driftless-boards",
        networkTimeoutSeconds: 4,
        plugins: [new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 30 * 24 * 60 * 60 })],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.method === "GET" && BOARD_JSON.test(url.pathname),
      handler: new NetworkFirst({
        cacheName: "driftless-board-data",
        networkTimeoutSeconds: 4,
        plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 })],
      }),
    },
  ],
  fallbacks: {
    entries: [{ url: "/~offline", matcher: ({ request }) => request.destination === "document" }],
  },
});

self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

serwist.addEventListeners();
