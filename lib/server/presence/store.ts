// Where an instance keeps who has a board open on it, for the other instances to read: one entry
// per instance per board, living until its expiry unless refreshed (README, "Presence"). Nothing of
// it is ever written to Postgres: presence is not history.

import type { Person, Presence } from "@/lib/domain";

export type { Person };
/** What one instance (or all of them together) says about a board. */
export type PresenceView = Presence;

/** One instance's entry, as a store answers it. */
export interface InstanceEntry {
  readonly instanceId: string;
  readonly entry: PresenceView;
}

export interface PresenceStore {
  readonly kind: "redis" | "memory";
  /**
   * Writes this instance's entry for a board (refreshing its expiry to `ttlMs` from now), or
   * removes it (`undefined`), drops the entries of other instances that expired, and answers the
   * entries still alive, this one's included. One round trip, touching one board's keys only.
   */
  write(boardId: string, instanceId: string, entry: PresenceView | undefined, ttlMs: number): Promise<InstanceEntry[]>;
  close(): Promise<void>;
}

/** The board as every instance's entries say: one person once (by id), the viewers summed. */
export function mergeViews(entries: readonly PresenceView[]): PresenceView {
  const people = new Map<string, Person>();
  let viewers = 0;
  for (const entry of entries) {
    for (const person of entry.people) people.set(person.id, person);
    viewers += entry.viewers;
  }
  // A stable order, so that the same people make the same frame on every instance.
  const sorted = [...people.values()].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
  return { people: sorted, viewers };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An entry read back from a store, or undefined when it is not one (a foreign or damaged value). */
export { parsePresence as parseEntry } from "@/lib/domain";
