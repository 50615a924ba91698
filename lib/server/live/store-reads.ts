import "server-only";
// What the live layer reads from the store: a board's events in a range, in batches, the heads of
// the boards it has streams of, and the pages of a stream's catch-up. Postgres is the truth the bus only rings for.
import { readEvents, readEventsAfter, readHeads } from "@/db/queries";
import { getStore } from "@/db/store";
import type { CatchUpSource } from "./board-stream";
import { CatchUp, CatchUpReads } from "./catch-up";
import type { RangeReader } from "./sequencer";

const READ_BATCH = 1000;

/** A board's head and the view token that opens it read-only now. */
export interface BoardHead {
  readonly version: number;
  readonly viewToken: string;
}

export type HeadsReader = (boardIds: readonly string[]) => Promise<ReadonlyMap<string, BoardHead>>;

/** A reader of one board's events from the store, in batches. */
export function readRange(boardId: string): RangeReader {
  return async function* (after, upTo) {
    const { db } = await getStore();
    let from = after;
    while (from < upTo) {
      const batch = await readEvents(db, { boardId, after: from, upTo, limit: READ_BATCH });
      if (batch.length === 0) return;
      yield batch;
      from = batch[batch.length - 1].version;
    }
  };
}

export const readBoardHeads: HeadsReader = async (boardIds) => readHeads((await getStore()).db, { boardIds });

/** Events per catch-up read, and the bytes of frames they may fill: a client further behind gets several. */
const CATCH_UP_LIMIT = 10_000;
const CATCH_UP_BYTES = 512 * 1024;

/** The head and a page of events after `after`, as their JSON texts (undefined: no such board). */
async function readPageAfter(boardId: string, after: number): Promise<CatchUp | undefined> {
  const read = await readEventsAfter(await getStore(), {
    boardId,
    after,
    limit: CATCH_UP_LIMIT,
    maxBytes: CATCH_UP_BYTES,
  });
  return read && new CatchUp(read.head, read.events);
}

const shared = globalThis as typeof globalThis & { __driftlessCatchUps?: CatchUpReads };
shared.__driftlessCatchUps ??= new CatchUpReads(readPageAfter);
const firstPages = shared.__driftlessCatchUps;

/** Catch-up pages from the store: the first shared by streams opening together (see catch-up.ts). */
export const storeCatchUp: CatchUpSource = {
  first: (boardId, after) => firstPages.read(boardId, after),
  next: readPageAfter,
};
