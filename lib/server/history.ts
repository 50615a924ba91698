import "server-only";
// The board's history in words: who did what, when, newest first, a page at a time.
import { readEvents, readHead } from "@/db/queries";
import { getStore } from "@/db/store";
import { describeEvent, fold } from "@/lib/domain";
import { stateAt } from "./board-state";
import { BOARD_ID, type Result } from "./boards";
import { unknownBoard } from "./errors";

export const HISTORY_PAGE = 50;

export interface HistoryEntry {
  readonly version: number;
  readonly who: string;
  readonly what: string;
  readonly at: string;
}

/** Entries with version ≤ `upTo` (default: the head), newest first, at most HISTORY_PAGE. */
export async function readHistory(
  boardId: string,
  upTo?: number,
): Promise<Result<{ head: number; entries: HistoryEntry[] }>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const { db } = await getStore();
  const head = await readHead(db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  const last = Math.min(upTo ?? head, head);
  const first = Math.max(1, last - HISTORY_PAGE + 1);
  // Each event is described against the board just before it, so removed things keep their names.
  let before = (await stateAt(db, boardId, first - 1)).state;
  const events = await readEvents(db, { boardId, after: first - 1, upTo: last });
  const entries: HistoryEntry[] = [];
  for (const event of events) {
    entries.push({ version: event.version, who: event.actor.name, what: describeEvent(before, event), at: event.at });
    before = fold(before, [event]);
  }
  return { ok: true, value: { head, entries: entries.reverse() } };
}
