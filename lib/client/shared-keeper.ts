// Keeps the read-only page's offline copy as current as the page (README, "Offline and
// installing"): the service worker keeps the server's HTML of the page, which shows the board as
// it was when it was fetched. While the page follows changes live, the worker fetches it again a
// moment after they settle (and at once when the page is left), so that reopening it offline shows
// what it last showed, not what it first showed. A link that stopped working is fetched once more
// too: the server's 404 makes the worker drop the copy, and the page no longer says it is kept.
import { forgetKeptForOffline } from "./offline-ready";
import { askWorker } from "./worker-messages";

/** After the last change, how long the page waits before the copy is fetched again. */
export const QUIET_MS = 2_000;
/** A board that never stops changing (a wall screen) is fetched again no more often than this. */
export const AT_MOST_EVERY_MS = 15_000;

export interface SharedKeeperEnvironment {
  /** Asks the worker to fetch and keep the page again: whether a copy is kept afterwards. */
  keepAgain(path: string): Promise<boolean>;
  online(): boolean;
  now(): number;
}

const browser: SharedKeeperEnvironment = {
  keepAgain: (url) => askWorker({ type: "keep-page", url }),
  online: () => navigator.onLine,
  now: () => Date.now(),
};

export interface SharedKeeper {
  /** The page shows a newer board than the kept copy. */
  changed(): void;
  /** The link answers 404: the kept copy goes. */
  gone(): void;
  stop(): void;
}

export function keepSharedPage(path: string, environment: SharedKeeperEnvironment = browser): SharedKeeper {
  let staleSince: number | undefined;
  let lastFetchAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fetchAgain = () => {
    clearTimeout(timer);
    timer = undefined;
    if (staleSince === undefined || !environment.online()) return; // offline, the worker could only keep the old copy
    staleSince = undefined;
    lastFetchAt = environment.now();
    environment.keepAgain(path).then(
      (kept) => {
        if (!kept) forgetKeptForOffline([path]);
      },
      () => {},
    );
  };
  const left = () => {
    if (typeof document === "undefined" || document.visibilityState !== "visible") fetchAgain();
  };
  if (typeof window !== "undefined") {
    document.addEventListener("visibilitychange", left);
    window.addEventListener("pagehide", fetchAgain);
  }

  return {
    changed() {
      const now = environment.now();
      staleSince ??= now;
      clearTimeout(timer);
      // Once things settle, but not later than a while after the first change not kept yet, and
      // not sooner than a while after the last fetch.
      const at = Math.max(Math.min(now + QUIET_MS, staleSince + AT_MOST_EVERY_MS), lastFetchAt + AT_MOST_EVERY_MS);
      timer = setTimeout(fetchAgain, at - now);
    },
    gone() {
      staleSince ??= environment.now();
      fetchAgain();
    },
    stop() {
      clearTimeout(timer);
      if (typeof window === "undefined") return;
      document.removeEventListener("visibilitychange", left);
      window.removeEventListener("pagehide", fetchAgain);
    },
  };
}
