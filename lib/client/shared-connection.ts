// The read-only page's connection: the board's one client connection (follow-board.ts) folding
// into a plain record, and a link that answers 404 (replaced meanwhile) said once and left alone.
// It holds nothing that could write: no boardId, no commands.
import { type BoardState, fold, type StoredEvent } from "@/lib/domain";
import { browserConnectionEnvironment, type ConnectionEnvironment, followBoard } from "./follow-board";
import type { StreamStatus } from "./live-stream";

export type SharedStatus = StreamStatus | "gone";

export function connectSharedBoard(
  viewToken: string,
  initial: { version: number; state: BoardState },
  on: { changed(state: BoardState): void; status(status: SharedStatus): void },
  environment: ConnectionEnvironment = browserConnectionEnvironment,
): () => void {
  const path = `/api/share/${encodeURIComponent(viewToken)}`;
  let board = initial;
  const connection = followBoard({
    path,
    environment,
    follower: {
      position: () => board.version,
      received: (events) => {
        const next = continuing(board.version, events);
        if (next.length === 0) return;
        board = { version: next[next.length - 1].version, state: fold(board.state, next) };
        on.changed(board.state);
      },
      reloaded: (version, state) => {
        board = { version, state };
        on.changed(state);
      },
      ready: () => {},
      status: on.status,
      refused: async () => {
        const response = await environment
          .fetch(`${environment.base}${path}`, { cache: "no-store" })
          .catch(() => undefined);
        if (response?.status !== 404) return true;
        connection.stop();
        on.status("gone");
        return false;
      },
    },
  });
  return () => connection.stop();
}

/** The events that continue `version` without a gap (the rest waits for the gap's read). */
function continuing(version: number, events: readonly StoredEvent[]): StoredEvent[] {
  const next: StoredEvent[] = [];
  for (const event of events) {
    if (event.version <= version + next.length) continue;
    if (event.version !== version + next.length + 1) break;
    next.push(event);
  }
  return next;
}
