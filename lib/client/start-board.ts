// What a board page does once in the browser, in this order: restore this device's copy (a newer
// confirmed state, and the pending changes from the outbox) and the person's undo steps, follow
// the other tabs, then connect — the stream catches up first and its `ready` replays the outbox
// (fetch, then replay).
import { fromRecord, toRecord } from "@/lib/domain";
import { boardReloaded, commandIssued, commandRejected } from "./board-slice";
import { connectBoard } from "./connection";
import { indexedDbUndo, loadSavedBoard, saveBoard } from "./local-db";
import type { AppStore } from "./store";
import { replayOutbox } from "./store";
import type { TabMessage } from "./tabs";
import { keepUndo, type UndoStorage } from "./undo-keeper";
import { shareUndo } from "./undo-tabs";

const SAVE_DELAY_MS = 500;

export function startBoard(
  store: AppStore,
  {
    waiting,
    channel,
    undoStorage = indexedDbUndo,
  }: {
    waiting: () => Promise<{ command: import("@/lib/domain").Command }[]>;
    channel: (onMessage: (message: TabMessage) => void) => { close(): void };
    undoStorage?: UndoStorage;
  },
): () => void {
  const { boardId } = store.getState().board;
  let stopped = false;
  let disconnect: (() => void) | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let savedVersion = -1;

  const undoKept = keepUndo(store, undoStorage);
  const undoShared = shareUndo(store);
  const tabs = channel((message) => {
    if (message.type === "queued") store.dispatch(commandIssued(message.command));
    else if (message.type === "undo") undoShared.receive(message);
    else store.dispatch(commandRejected(message));
  });

  const save = () => {
    const { version, confirmed } = store.getState().board;
    if (version === savedVersion) return;
    savedVersion = version;
    saveBoard({ boardId, version, state: toRecord(confirmed), savedAt: Date.now() }).catch(() => {
      savedVersion = -1; // storage unavailable: try again on the next change
    });
  };
  const unsubscribe = store.subscribe(() => {
    if (store.getState().board.version === savedVersion) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  });

  const visible = () => {
    if (document.visibilityState !== "visible") {
      // Leaving (a reload, a closed tab, another app): what was confirmed since the last save must be
      // on the device for an offline reopen, not wait for the save's delay.
      clearTimeout(saveTimer);
      save();
      return;
    }
    if (store.getState().board.connection === "live") store.dispatch(replayOutbox());
  };
  document.addEventListener("visibilitychange", visible);
  const leaving = () => {
    clearTimeout(saveTimer);
    save();
  };
  window.addEventListener("pagehide", leaving);

  void (async () => {
    try {
      const saved = await loadSavedBoard(boardId);
      if (saved && saved.version > store.getState().board.version) {
        store.dispatch(boardReloaded({ version: saved.version, state: fromRecord(saved.state) }));
      }
      for (const entry of await waiting()) store.dispatch(commandIssued(entry.command));
    } catch {
      // No IndexedDB (private mode, policy): the page still works, from the server's render.
    }
    if (!stopped) {
      save();
      disconnect = connectBoard(store);
    }
  })();

  return () => {
    stopped = true;
    unsubscribe();
    undoKept.stop();
    undoShared.stop();
    clearTimeout(saveTimer);
    tabs.close();
    document.removeEventListener("visibilitychange", visible);
    window.removeEventListener("pagehide", leaving);
    disconnect?.();
  };
}
