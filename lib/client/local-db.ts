// This device's copy of its boards, in IndexedDB (via idb): per board the confirmed state and
// version, the outbox of commands not yet answered, and (v2 of the database) the person's undo and
// redo stacks. A reload, online or offline, starts from here at once and catches up from the stream.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { type BoardRecord, RECORD_FORMAT } from "@/lib/domain";
import type { OutboxStorage, QueuedCommand } from "./outbox";
import type { KeptStacks, UndoStorage } from "./undo-keeper";

export interface SavedBoard {
  readonly boardId: string;
  readonly version: number;
  /** Plain: IndexedDB stores a structured clone, which keeps no class (a Table would come back as bare fields). */
  readonly state: BoardRecord;
  readonly savedAt: number;
  /** The record's RECORD_FORMAT. Copies saved before v2 have none. */
  readonly format?: number;
}

/**
 * A saved copy this code can read, or undefined: one of another format (saved by an older build)
 * is ignored, and the page starts from the server's state instead, never from a misread copy.
 */
export function readableCopy(saved: SavedBoard | undefined): SavedBoard | undefined {
  return saved?.format === RECORD_FORMAT ? saved : undefined;
}

/** Whether `next` may replace `existing`: never an older version (another tab saved meanwhile) of a readable copy. */
export function replacesCopy(existing: SavedBoard | undefined, next: SavedBoard): boolean {
  return readableCopy(existing) === undefined || (existing as SavedBoard).version <= next.version;
}

interface DriftlessDB extends DBSchema {
  boards: { key: string; value: SavedBoard };
  outbox: { key: string; value: QueuedCommand & { commandId: string }; indexes: { byBoard: [string, number] } };
  /** Since version 2. */
  undo: { key: string; value: KeptStacks };
}

/** 1: boards and outbox; 2: undo. An upgrade only adds stores: what an older build kept stays readable. */
export const LOCAL_DB_VERSION = 2;

let opening: Promise<IDBPDatabase<DriftlessDB>> | undefined;

export function localDb(): Promise<IDBPDatabase<DriftlessDB>> {
  if (opening) return opening;
  let blocked: (error: Error) => void = () => {};
  const open = openDB<DriftlessDB>("driftless", LOCAL_DB_VERSION, {
    // Each store is made when it is missing (not by the version upgraded from): a database that
    // another opener created empty still gets all of them, and one of version 1 keeps its rows.
    upgrade(db) {
      if (!db.objectStoreNames.contains("boards")) db.createObjectStore("boards", { keyPath: "boardId" });
      if (!db.objectStoreNames.contains("outbox")) {
        const outbox = db.createObjectStore("outbox", { keyPath: "commandId" });
        outbox.createIndex("byBoard", ["boardId", "seq"]);
      }
      if (!db.objectStoreNames.contains("undo")) db.createObjectStore("undo", { keyPath: "boardId" });
    },
    // A tab of an older build holds the database open at its version: this page goes on without
    // it (from the server, sending while it stays open) rather than wait for that tab to close.
    blocked: () => blocked(new Error("An older tab holds this device's storage open.")),
    // A newer build wants to upgrade: let go, and open again (at that version) on the next use.
    // (A deletion, "Forget everything" in another tab, waits for this tab as it always has.)
    blocking: (_current, next) => {
      if (next === null) return;
      void open.then((db) => db.close());
      opening = undefined;
    },
    terminated: () => {
      opening = undefined;
    },
  });
  const current = Promise.race([open, new Promise<never>((_, reject) => (blocked = reject))]).catch(
    (error: unknown) => {
      if (opening === current) opening = undefined;
      // Opened late, once the older tab let go: this attempt gave up already.
      void open.then((db) => db.close()).catch(() => {});
      throw error;
    },
  );
  opening = current;
  return current;
}

export async function loadSavedBoard(boardId: string): Promise<SavedBoard | undefined> {
  return readableCopy(await (await localDb()).get("boards", boardId));
}

export async function saveBoard(board: Omit<SavedBoard, "format">): Promise<void> {
  const copy: SavedBoard = { ...board, format: RECORD_FORMAT };
  const db = await localDb();
  const tx = db.transaction("boards", "readwrite");
  if (replacesCopy(await tx.store.get(board.boardId), copy)) await tx.store.put(copy);
  await tx.done;
}

export const indexedDbOutbox: OutboxStorage = {
  async put(entry) {
    await (await localDb()).put("outbox", { ...entry, commandId: entry.command.commandId });
  },
  async remove(commandIds) {
    if (commandIds.length === 0) return;
    const tx = (await localDb()).transaction("outbox", "readwrite");
    await Promise.all([...commandIds.map((id) => tx.store.delete(id)), tx.done]);
  },
  async list(boardId) {
    const range = IDBKeyRange.bound([boardId, -Infinity], [boardId, Infinity]);
    const rows = await (await localDb()).getAllFromIndex("outbox", "byBoard", range);
    return rows.map(({ commandId: _key, ...entry }) => entry);
  },
};

export const indexedDbUndo: UndoStorage = {
  async load(boardId) {
    return (await localDb()).get("undo", boardId);
  },
  async save(stacks) {
    await (await localDb()).put("undo", stacks);
  },
};

/** Removes this device's copy of a board, its unsent changes and its undo steps. */
export async function forgetSavedBoard(boardId: string): Promise<void> {
  const db = await localDb();
  const tx = db.transaction(["boards", "outbox", "undo"], "readwrite");
  const range = IDBKeyRange.bound([boardId, -Infinity], [boardId, Infinity]);
  const queued = await tx.objectStore("outbox").index("byBoard").getAllKeys(range);
  await Promise.all([
    tx.objectStore("boards").delete(boardId),
    tx.objectStore("undo").delete(boardId),
    ...queued.map((key) => tx.objectStore("outbox").delete(key)),
    tx.done,
  ]);
}

/** Deletes the whole database (every board's copy and every unsent change on this device). */
export async function deleteLocalDb(): Promise<void> {
  const open = opening;
  opening = undefined;
  // An open connection would block the deletion until this page closes.
  if (open) (await open.catch(() => undefined))?.close();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase("driftless");
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab still holds it open: it is deleted when that tab lets go; nothing is read meanwhile.
    request.onblocked = () => resolve();
  });
}
