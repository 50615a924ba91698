// Which pages of this tab the service worker has said it keeps for offline use (README, "Offline
// and installing"): what "Available offline" shows on. Known per tab, from the worker's answer;
// nothing of it is stored.
import { useSyncExternalStore } from "react";

const kept = new Set<string>();
const listeners = new Set<() => void>();

/** The worker keeps the page at `path`: it opens without a network. */
export function markKeptForOffline(path: string): void {
  if (kept.has(path)) return;
  kept.add(path);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the page this tab shows opens offline, as far as the worker said (false before it has). */
export function useKeptForOffline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => kept.has(location.pathname),
    () => false,
  );
}
