// What a board page does once in the browser, in this order: restore this device's copy (a newer
// confirmed state, and the pending changes from the outbox) and the person's undo steps, follow
// the other tabs, then connect — the stream catches up first and its `ready` replays the outbox
// (fetch, then replay). A board created on this device offline has no stream yet: its creation
// is sent first, then it connects.
import { type BoardChange, fromRecord, isCreation, toRecord } from "@/lib/domain";
import { boardReloaded, commandIssued, commandRejected, connectionChanged } from "./board-slice";
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
    waiting: () => Promise<{ command: BoardChange }[]>;
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

  let stopCreating: (() => void) | undefined;
  void (async () => {
    let creation: string | undefined;
    try {
      const saved = await loadSavedBoard(boardId);
      if (saved && saved.version > store.getState().board.version) {
        store.dispatch(boardReloaded({ version: saved.version, state: fromRecord(saved.state) }));
      }
      for (const entry of await waiting()) {
        store.dispatch(commandIssued(entry.command));
        if (isCreation(entry.command)) creation = entry.command.commandId;
      }
    } catch {
      // No IndexedDB (private mode, policy): the page still works, from the server's render.
    }
    if (stopped) return;
    save();
    if (creation !== undefined) {
      const created = untilSent(store, creation);
      stopCreating = created.stop;
      await created.done;
    }
    if (!stopped) disconnect = connectBoard(store);
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
    stopCreating?.();
    disconnect?.();
  };
}

/**
 * Sends the board's creation (the outbox tries again by itself while the server cannot be
 * reached, and here when the network comes back); done once the server has answered for it.
 */
function untilSent(store: AppStore, creationId: string): { done: Promise<void>; stop(): void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    const answered = () => !store.getState().board.pending.entities[creationId];
    const send = () => {
      store.dispatch(connectionChanged(navigator.onLine ? "connecting" : "offline"));
      store.dispatch(replayOutbox());
    };
    const offline = () => store.dispatch(connectionChanged("offline"));
    const unsubscribe = store.subscribe(() => {
      if (answered()) stop();
    });
    window.addEventListener("online", send);
    window.addEventListener("offline", offline);
    stop = () => {
      unsubscribe();
      window.removeEventListener("online", send);
      window.removeEventListener("offline", offline);
      resolve();
    };
    if (answered()) stop();
    else send();
  });
  return { done, stop: () => stop() };
}
