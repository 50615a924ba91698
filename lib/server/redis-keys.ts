import "server-only";
// Redis key names shared by everything that keeps state in Redis. On a Redis Cluster a script may
// only touch keys of one hash slot; `{…}` (a hash tag) decides the slot from the part inside the
// braces alone. See the README, Deploy → Redis Cluster and PgBouncer.

/** The bus channel of a board: one per board, so on a Cluster each lives on one shard. */
export const BOARD_CHANNEL_PREFIX = "driftless:board:";

/**
 * The hash tag of a board's keys (presence, …): it hashes like the board's bus channel, so a
 * board's keys live on the shard that carries its live events.
 */
export function boardKeyTag(boardId: string): string {
  return `{${BOARD_CHANNEL_PREFIX}${boardId}}`;
}

/** A rate-limit window's key: tagged on its own name, so a one-key script call touches one slot. */
export function limitKey(window: string): string {
  return `driftless:limit:{${window}}`;
}
