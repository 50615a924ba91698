// Which pages of this tab the service worker has said it keeps for offline use (README, "Offline
// and installing"): what "Available offline" shows on. Known per tab, from the worker's answer;
// nothing of it is stored.
import { useSyncExternalStore } from "react";
import { keepForOffline } from "./worker-messages";

const kept = new Set<string>();
const listeners = new Set<() => void>();

/** The worker keeps the page at `path`: it opens without a network. */
export function markKeptForOffline(path: string): void {
  if (kept.has(path)) return;
  kept.add(path);
  for (const listener of listeners) listener();
}

/**
 * Asks the worker to keep the page this tab is on (keepForOffline) and marks it kept once it says
 * so: on every page as it opens, and again on a board created offline once the server has it.
 */
export async function keepThisPage(): Promise<void> {
  if (typeof location === "undefined") return;
  const path = location.pathname;
  if (await keepForOffline().catch(() => false)) markKeptForOffline(path);
}

/** This device forgot these pages (`undefined`: every page): they are no longer said to be kept. */
export function forgetKeptForOffline(paths?: readonly string[]): void {
  const before = kept.size;
  if (paths === undefined) kept.clear();
  else for (const path of paths) kept.delete(path);
  if (kept.size !== before) for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the page at `path` opens offline, as far as the worker said (false before it has). */
export function isKeptForOffline(path: string | null): boolean {
  return path !== null && kept.has(path);
}

/** `isKeptForOffline`, as a component sees it. */
export function useKeptForOffline(path: string | null): boolean {
  return useSyncExternalStore(
    subscribe,
    () => isKeptForOffline(path),
    () => false,
  );
}
