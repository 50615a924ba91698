// What a board page does once in the browser, in this order: restore this device's copy (a newer
// confirmed state, and the pending changes from the outbox) and the person's undo steps, follow
// the other tabs, then connect — the stream catches up first and its `ready` replays the outbox
// (fetch, then replay). A board created on this device offline has no stream yet: its creation
// is sent first, then it connects.
import { type BoardChange, fromRecord, isCreation } from "@/lib/domain";
import { keepBoard } from "./board-keeper";
import { boardReloaded, commandIssued, commandRejected } from "./board-slice";
import { connectBoard } from "./connection";
import { untilCreationSent } from "./creation-sent";
import { indexedDbUndo, loadSavedBoard } from "./local-db";
import { keepThisPage } from "./offline-ready";
import type { AppStore } from "./store";
import { replayOutbox } from "./store";
import type { TabMessage } from "./tabs";
import { keepUndo, type UndoStorage } from "./undo-keeper";
import { shareUndo } from "./undo-tabs";

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

  const kept = keepBoard(store);
  const undoKept = keepUndo(store, undoStorage);
  const undoShared = shareUndo(store);
  const tabs = channel((message) => {
    if (message.type === "queued") store.dispatch(commandIssued(message.command));
    else if (message.type === "undo") undoShared.receive(message);
    else store.dispatch(commandRejected(message));
  });
  // Back on the page: send what is waiting, if the stream is up (else its `ready` will).
  const visible = () => {
    if (document.visibilityState === "visible" && store.getState().board.connection === "live") {
      store.dispatch(replayOutbox());
    }
  };
  document.addEventListener("visibilitychange", visible);

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
    kept.saveNow();
    if (creation !== undefined) {
      const created = untilCreationSent(store, creation);
      stopCreating = created.stop;
      await created.done;
      // Offline, the worker could not keep this page (it opened from this device's copy): now it can.
      if (!stopped) void keepThisPage();
    }
    if (!stopped) disconnect = connectBoard(store);
  })();

  return () => {
    stopped = true;
    kept.stop();
    undoKept.stop();
    undoShared.stop();
    tabs.close();
    document.removeEventListener("visibilitychange", visible);
    stopCreating?.();
    disconnect?.();
  };
}
