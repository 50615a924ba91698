import "server-only";
// A bounded cache of recent board states, keyed by board and version. It is only a head start:
// another instance may have appended since, so readers fold the tail after the cached version.
import { type BoardState, fold, type StoredEvent } from "@/lib/domain";

export interface VersionedState {
  readonly version: number;
  readonly state: BoardState;
}

const configured = Number(process.env.BOARD_CACHE_SIZE);
/** BOARD_CACHE_SIZE=0 turns the cache off (benchmarks measure the store path with it). */
const CAPACITY = process.env.BOARD_CACHE_SIZE && Number.isInteger(configured) && configured >= 0 ? configured : 500;

const cache = globalThis as typeof globalThis & { __driftlessBoards?: Map<string, VersionedState> };
cache.__driftlessBoards ??= new Map();
const entries = cache.__driftlessBoards;

export function cachedBoard(boardId: string): VersionedState | undefined {
  const entry = entries.get(boardId);
  if (entry) {
    // Map iteration order is insertion order: re-inserting marks it most recently used.
    entries.delete(boardId);
    entries.set(boardId, entry);
  }
  return entry;
}

/** Remembers a committed state; an older version never replaces a newer one. */
export function rememberBoard(boardId: string, entry: VersionedState): void {
  const current = entries.get(boardId);
  if (current && current.version > entry.version) return;
  entries.delete(boardId);
  entries.set(boardId, entry);
  if (entries.size > CAPACITY) entries.delete(entries.keys().next().value as string);
}

/**
 * Folds committed events (from the bus: another instance's appends) onto a cached board when they
 * continue it, so that this instance's next append on the board is decided right the first time.
 */
export function advanceBoard(boardId: string, events: readonly StoredEvent[]): void {
  const entry = entries.get(boardId);
  if (!entry) return;
  let version = entry.version;
  const next: StoredEvent[] = [];
  for (const event of events) {
    if (event.version <= version) continue;
    if (event.version !== version + 1) break; // a gap: the next append reads it from the store
    next.push(event);
    version = event.version;
  }
  if (next.length > 0) entries.set(boardId, { version, state: fold(entry.state, next) });
}

/** Drops one board's entry (its history was replaced under this instance). */
export function forgetBoard(boardId: string): void {
  entries.delete(boardId);
}

export function forgetBoards(): void {
  entries.clear();
}
