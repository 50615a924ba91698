// Keeps a board's undo and redo stacks on this device (IndexedDB, with the outbox: see
// local-db.ts), so that a reload, online or offline, can still take back what was done before it.
import type { AppStore } from "./store";
import { stacksRestored, type UndoStep } from "./undo-slice";

export interface KeptStacks {
  readonly boardId: string;
  readonly done: readonly UndoStep[];
  readonly undone: readonly UndoStep[];
}

export interface UndoStorage {
  load(boardId: string): Promise<KeptStacks | undefined>;
  save(stacks: KeptStacks): Promise<void>;
}

/** Stacks kept in memory (tests, and a page whose browser has no IndexedDB). */
export function memoryUndo(): UndoStorage & { kept: Map<string, KeptStacks> } {
  const kept = new Map<string, KeptStacks>();
  return {
    kept,
    async load(boardId) {
      return kept.get(boardId);
    },
    async save(stacks) {
      kept.set(stacks.boardId, structuredClone(stacks));
    },
  };
}

/**
 * Reads the kept stacks into the store, then writes them back whenever they change. Nothing is
 * written before they are read (an empty page would overwrite what the last one kept). `loaded`
 * settles once they are in, or storage turned out to be unavailable (the stacks then live as long
 * as the page).
 */
export function keepUndo(store: AppStore, storage: UndoStorage): { loaded: Promise<void>; stop(): void } {
  const { boardId } = store.getState().board;
  let ready = false;
  let last = store.getState().undo;
  const save = () => {
    last = store.getState().undo;
    storage.save({ boardId, done: last.done, undone: last.undone }).catch(() => {});
  };
  const unsubscribe = store.subscribe(() => {
    const now = store.getState().undo;
    if (ready && (now.done !== last.done || now.undone !== last.undone)) save();
  });
  const loaded = storage
    .load(boardId)
    .then((kept) => {
      if (kept) store.dispatch(stacksRestored({ done: kept.done, undone: kept.undone }));
    })
    .catch(() => {})
    .finally(() => {
      ready = true;
      save();
    });
  return { loaded, stop: unsubscribe };
}
