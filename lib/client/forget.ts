// "Forget this board on this device" and "Forget everything on this device", for shared computers:
// the next person at the keyboard finds no edit link, no copy of a board, nothing waiting to be
// sent. What the server holds is untouched; a board forgotten here opens again from its link.
import { forgetDeviceData, forgetRecentBoard, readRecentBoards } from "./device";
import { deleteLocalDb, forgetSavedBoard } from "./local-db";
import { forgetKeptForOffline } from "./offline-ready";
import { askWorker } from "./worker-messages";

export interface Forgotten {
  /** False when the service worker could not be asked (none installed): its caches held nothing then. */
  readonly caches: boolean;
}

/** What a person is asked before a board is forgotten here: what would be lost, or that nothing would. */
export function forgetBoardQuestion(waiting: number): string {
  const unsent =
    waiting > 0
      ? ` ${waiting} ${waiting === 1 ? "change" : "changes"} not sent yet will be lost.`
      : " Its link will no longer be listed here; the board stays on the server for whoever has the link.";
  return `Forget this board on this device?${unsent}`;
}

export async function forgetBoardOnDevice(boardId: string, viewToken?: string): Promise<Forgotten> {
  // Every read-only link of it this device showed, not only the one the caller knows.
  const listed = readRecentBoards().find((entry) => entry.boardId === boardId)?.viewTokens ?? [];
  const tokens = [...new Set([...(viewToken ? [viewToken] : []), ...listed])];
  forgetRecentBoard(boardId);
  forgetKeptForOffline([`/b/${boardId}`, `/b/${boardId}/history`, ...tokens.map((token) => `/r/${token}`)]);
  await forgetSavedBoard(boardId).catch(() => {});
  let caches = await askWorker({ type: "forget-board", boardId });
  for (const token of tokens) caches = (await askWorker({ type: "forget-board", boardId, viewToken: token })) && caches;
  return { caches };
}

export async function forgetEverythingOnDevice(): Promise<Forgotten> {
  forgetDeviceData();
  forgetKeptForOffline();
  await deleteLocalDb().catch(() => {});
  const caches = await askWorker({ type: "forget-all" });
  // The device's identity: the server expires its httpOnly cookie (a script cannot).
  await fetch("/api/device", { method: "DELETE" }).catch(() => {});
  return { caches };
}
