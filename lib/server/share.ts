import "server-only";
// Read-only links: a view token opens one board to read, never to write, and never reveals its
// boardId (the edit capability). Replacing the token stops the old one at once, everywhere.
import { findBoardByViewToken, readViewToken, replaceViewToken } from "@/db/queries";
import { getStore } from "@/db/store";
import type { BoardState, Rejection, StoredEvent } from "@/lib/domain";
import { stateAt } from "./board-state";
import { BOARD_ID, newCapability, type Result, readLog, VIEW_TOKEN } from "./boards";
import { unknownBoard } from "./errors";
import { getHub } from "./live/hub";

export const notShared: Rejection = {
  code: "unknown_board",
  reason: "This read-only link does not exist or was replaced by a new one.",
};

/** The board a view token opens, or undefined (a malformed, unknown or replaced token). */
export async function boardOfViewToken(viewToken: string): Promise<string | undefined> {
  if (!VIEW_TOKEN.test(viewToken)) return undefined;
  const { db } = await getStore();
  return (await findBoardByViewToken(db, { viewToken }))?.boardId;
}

/**
 * The shared board for a view token: its version and state, nothing that grants writing (a
 * BoardState names no boardId). The JSON route gives its view, the page its plain record.
 */
export async function getShared(viewToken: string): Promise<Result<{ version: number; state: BoardState }>> {
  if (!VIEW_TOKEN.test(viewToken)) return { ok: false, rejection: notShared };
  const { db } = await getStore();
  const board = await findBoardByViewToken(db, { viewToken });
  if (!board) return { ok: false, rejection: notShared };
  const loaded = await stateAt(db, board.boardId, board.version);
  return { ok: true, value: { version: loaded.version, state: loaded.state } };
}

/** A shared board's events after `after` (the read-only page repairs a gap with it), with its head. */
export async function readSharedLog(
  viewToken: string,
  query: { after: number; limit: number },
): Promise<Result<{ events: StoredEvent[]; version: number }>> {
  const boardId = await boardOfViewToken(viewToken);
  if (!boardId) return { ok: false, rejection: notShared };
  const log = await readLog(boardId, query);
  // The board went away between the two reads: for this link, it is not shared any more.
  return log.ok ? log : { ok: false, rejection: notShared };
}

/** The board's current view token (the owner's share panel). */
export async function currentViewToken(boardId: string): Promise<string | undefined> {
  if (!BOARD_ID.test(boardId)) return undefined;
  const { db } = await getStore();
  return readViewToken(db, { boardId });
}

/** A new read-only link for the board; the old one answers 404 from now on and its streams end. */
export async function replaceShareLink(boardId: string): Promise<Result<{ viewToken: string }>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const { db } = await getStore();
  const viewToken = newCapability();
  const old = await db.transaction(async (tx) => {
    const previous = await readViewToken(tx, { boardId });
    if (previous === undefined) return undefined;
    await replaceViewToken(tx, { boardId, viewToken });
    return previous;
  });
  if (old === undefined) return { ok: false, rejection: unknownBoard };
  getHub().revokeShare(boardId, old);
  return { ok: true, value: { viewToken } };
}
