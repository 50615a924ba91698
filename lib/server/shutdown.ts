import "server-only";
// Graceful shutdown on SIGTERM (a deploy, a scale-in): stop taking work, end every stream with a
// short `retry:` so its client resumes on another instance, let in-flight commands finish, close
// the store and the bus, exit 0 — all within SHUTDOWN_MS.
import { closeStore } from "@/db/store";
import { closeHub, currentHub } from "./live/hub";
import { log } from "./log";

const SHUTDOWN_MS = 8000;
/** Time for ended streams and just-finished answers to leave the sockets (generous: a loaded host is slow). */
const FLUSH_MS = 1000;
const state = globalThis as typeof globalThis & { __driftlessDraining?: boolean; __driftlessInFlight?: number };

export function isDraining(): boolean {
  return state.__driftlessDraining === true;
}

/** Counts a command while it runs, so that shutdown waits for it. */
export async function tracked<T>(work: () => Promise<T>): Promise<T> {
  state.__driftlessInFlight = (state.__driftlessInFlight ?? 0) + 1;
  try {
    return await work();
  } finally {
    state.__driftlessInFlight = (state.__driftlessInFlight ?? 1) - 1;
  }
}

export async function shutdown(signal: string, { exit = true } = {}): Promise<void> {
  if (state.__driftlessDraining) return;
  state.__driftlessDraining = true;
  const started = Date.now();
  log.info("shutting down", { signal, streams: currentHub()?.stats().streams ?? 0 });
  currentHub()?.endAll(500);
  // Let the ended streams' last bytes (the retry hint, the end of the response) reach the sockets.
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
  while ((state.__driftlessInFlight ?? 0) > 0 && Date.now() - started < SHUTDOWN_MS) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const unfinished = state.__driftlessInFlight ?? 0;
  // A command that just finished still has its answer to write: give the responses time to leave.
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
  await Promise.race([
    Promise.allSettled([closeHub(), closeStore()]),
    new Promise((resolve) => setTimeout(resolve, 1500)),
  ]);
  log.info("shut down", { signal, ms: Date.now() - started, unfinished });
  if (exit) process.exit(unfinished > 0 ? 1 : 0);
}
