// A board created on this device while the server cannot be reached (README, "Offline and
// installing"): its id and commandId are made here, an empty copy of it and its creation are kept
// in IndexedDB, and its page opens from that copy (the service worker answers /b/<id> with
// /~board). The outbox sends the creation first when the server answers again, then the board's
// own changes; sent twice, the same pair is answered as a duplicate.
import { emptyBoard, isCreation, toRecord } from "@/lib/domain";
import { addRecentBoard } from "./device";
import { newBoardId, newCommandId } from "./ids";
import { indexedDbOutbox, saveBoard } from "./local-db";
import { queuedEntry } from "./outbox";

/** Whether a board can be made here now: its page can only open offline through the service worker. */
export function canCreateHere(): boolean {
  return typeof navigator !== "undefined" && Boolean(navigator.serviceWorker?.controller) && "indexedDB" in window;
}

/** Keeps a new board `title` on this device; answers its id (open `/b/<id>`). */
export async function createBoardHere(title: string): Promise<string> {
  const boardId = newBoardId();
  await saveBoard({ boardId, version: 0, state: toRecord(emptyBoard), savedAt: Date.now() });
  await indexedDbOutbox.put(queuedEntry(boardId, { commandId: newCommandId(), type: "createBoard", title }));
  addRecentBoard(boardId, title);
  return boardId;
}

/** Whether this device still holds `boardId`'s creation, not yet answered by the server. */
export async function creationWaiting(boardId: string): Promise<boolean> {
  return (await indexedDbOutbox.list(boardId)).some((entry) => isCreation(entry.command));
}
