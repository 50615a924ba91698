// An import, decided whole in memory (DESIGN "Decisions of v2"): the file is recognised, read and
// folded into the board it makes — a Driftless export event by event, a Trello export command by
// command — and only a file that passes whole comes out as events to write.
import type { StoredEvent } from "../events";
import type { BoardState } from "../state";
import { isBoardFile, readBoardFile } from "./board-file";
import { type ImportStamp, importTrello, isTrelloBoard, type LeftOut, type Shortened } from "./trello";

export { BOARD_FILE_FORMAT, BOARD_FILE_VERSION, type BoardFile, type BoardFileHeader } from "./board-file";
export type { ImportStamp, LeftOut, Shortened } from "./trello";

/** How much of each kind the new board holds, on it and in its Removed list (the answer's `imported`). */
export interface ImportedCounts {
  readonly columns: number;
  readonly items: number;
  readonly labels: number;
  readonly checklistEntries: number;
  readonly comments: number;
}

/** How many of the imported columns and items are in the board's Removed list (the answer's `removed`). */
export interface RemovedCounts {
  readonly columns: number;
  readonly items: number;
}

export type ImportDecision =
  | {
      readonly ok: true;
      readonly from: "driftless" | "trello";
      readonly title: string;
      /** Versions 1..N, as they are to be written. */
      readonly events: readonly StoredEvent[];
      readonly state: BoardState;
      readonly imported: ImportedCounts;
      readonly removed: RemovedCounts;
      /** Texts cut to fit (Trello only: an export's texts already fit). */
      readonly shortened: readonly Shortened[];
      /** What a Trello import left out (null for a Driftless export, which brings everything). */
      readonly leftOut: LeftOut | null;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Decides an import of `file`. A Driftless export keeps its own history (who, what, when); a Trello
 * export becomes one import by `stamp.actor`, at `stamp.at`, under `stamp.commandId`.
 */
export function decideImport(file: unknown, stamp: ImportStamp): ImportDecision {
  if (isBoardFile(file)) {
    const read = readBoardFile(file);
    if (!read.ok) return read;
    const { title, events, state } = read;
    return {
      ok: true,
      from: "driftless",
      title,
      events,
      state,
      imported: counted(state),
      removed: removedOf(state),
      shortened: [],
      leftOut: null,
    };
  }
  if (isTrelloBoard(file)) {
    const made = importTrello(file, stamp);
    if (!made.ok) return made;
    const { title, events, state, shortened, leftOut } = made;
    const imported = counted(state);
    return { ok: true, from: "trello", title, events, state, imported, removed: removedOf(state), shortened, leftOut };
  }
  return {
    ok: false,
    reason:
      "This file is neither a Driftless export nor a Trello board export (in Trello: the board's menu → Print, export and share → Export as JSON).",
  };
}

/** What a board holds, on it and restorable from its Removed list. */
export function counted(state: BoardState): ImportedCounts {
  let columns = state.columns.size;
  let items = 0;
  let checklistEntries = 0;
  let comments = 0;
  const tally = (item: { checklist: readonly unknown[]; comments: readonly unknown[] }) => {
    items++;
    checklistEntries += item.checklist.length;
    comments += item.comments.length;
  };
  state.items.forEach(tally);
  state.bin.forEach((removal) => {
    if (removal.kind === "column") columns++;
    else tally(removal.item);
  });
  return { columns, items, labels: state.labels.size, checklistEntries, comments };
}

/** What of the board waits in its Removed list, to be restored (a closed Trello card, say). */
export function removedOf(state: BoardState): RemovedCounts {
  let columns = 0;
  let items = 0;
  state.bin.forEach((removal) => {
    if (removal.kind === "column") columns++;
    else items++;
  });
  return { columns, items };
}
