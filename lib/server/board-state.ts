import "server-only";
// Loading a board's state: the cached head or the latest snapshot, plus the tail folded on top.
import type { Database } from "@/db/client";
import { latestSnapshot, readEvents } from "@/db/queries";
import { emptyBoard, fold } from "@/lib/domain";
import { cachedBoard, type VersionedState } from "./board-cache";

/** The board as it was at `version` (the fold of events 1..version). */
export async function stateAt(db: Database, boardId: string, version: number): Promise<VersionedState> {
  let base = cachedBoard(boardId);
  if (!base || base.version > version) {
    base = (await latestSnapshot(db, { boardId, atMost: version })) ?? { version: 0, state: emptyBoard };
  }
  if (base.version === version) return base;
  const tail = await readEvents(db, { boardId, after: base.version, upTo: version });
  return { version, state: fold(base.state, tail) };
}
