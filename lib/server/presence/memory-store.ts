// Presence in this process's memory: the embedded default (one instance). Every MemoryPresenceStore
// in a process shares one table, as every MemoryBus shares one broker, so that tests can stand two
// hubs on it like two instances.
import type { InstanceEntry, PresenceStore, PresenceView } from "./store";

interface Held {
  readonly entry: PresenceView;
  readonly expiresAt: number;
}

const shared = new Map<string, Map<string, Held>>();

export class MemoryPresenceStore implements PresenceStore {
  readonly kind = "memory";

  constructor(
    private readonly now: () => number = Date.now,
    private readonly boards: Map<string, Map<string, Held>> = shared,
  ) {}

  async write(
    boardId: string,
    instanceId: string,
    entry: PresenceView | undefined,
    ttlMs: number,
  ): Promise<InstanceEntry[]> {
    const now = this.now();
    let board = this.boards.get(boardId);
    if (!board) {
      board = new Map();
      this.boards.set(boardId, board);
    }
    for (const [instance, held] of board) if (held.expiresAt <= now) board.delete(instance);
    if (entry) board.set(instanceId, { entry, expiresAt: now + ttlMs });
    else board.delete(instanceId);
    if (board.size === 0) this.boards.delete(boardId);
    return [...board].map(([instance, held]) => ({ instanceId: instance, entry: held.entry }));
  }

  async close(): Promise<void> {}
}
