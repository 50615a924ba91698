// The state every view folds from the log: the board, its columns and items with their details,
// its labels and members, and what was removed (whole, so that it can come back).
import type { Actor, LabelColor } from "./events";
import { Table } from "./table";

export interface ColumnState {
  readonly columnId: string;
  readonly title: string;
  readonly position: string;
  /** The work-in-progress limit: shown, never enforced (a column over it is shown as such). */
  readonly limit: number | null;
}

export interface ChecklistEntryState {
  readonly entryId: string;
  readonly text: string;
  readonly done: boolean;
  readonly position: string;
}

export interface CommentState {
  readonly commentId: string;
  readonly text: string;
  /** Who wrote it, with the name they had then (from the event's envelope). */
  readonly author: Actor;
  /** When it was written (the event's `at`); an edit keeps it and sets `edited`. */
  readonly at: string;
  readonly edited: boolean;
}

export interface ItemState {
  readonly itemId: string;
  readonly columnId: string;
  readonly title: string;
  readonly completed: boolean;
  readonly position: string;
  /** "" for none. */
  readonly description: string;
  /** `YYYY-MM-DD`, or null for none. */
  readonly due: string | null;
  /** Label ids, in the order they were put on. */
  readonly labels: readonly string[];
  /** Member ids, in the order they were assigned. */
  readonly assignees: readonly string[];
  /** In display order (by position, then id). */
  readonly checklist: readonly ChecklistEntryState[];
  /** Oldest first. */
  readonly comments: readonly CommentState[];
}

// Labels and members are listed in the order they came, which is kept as a number: a table's own
// iteration order is no order at all (see table.ts).
export interface LabelState {
  readonly labelId: string;
  readonly name: string;
  readonly color: LabelColor;
  /** How many labels the board had made before this one. */
  readonly order: number;
}

export interface MemberState {
  readonly memberId: string;
  /** The display name of their latest event on this board. */
  readonly name: string;
  /** How many members the board had before this one (members never leave). */
  readonly order: number;
}

/** What is left of a removed column, item or label: enough to tell a person what it was. */
export interface Tombstone {
  readonly kind: "column" | "item" | "label";
  readonly title: string;
  /** Set when an item left the board because its column was removed. */
  readonly column?: string;
}

/**
 * Something `removeItem`/`removeColumn` took off the board, whole, so that a restore brings it back
 * with everything it had. `order` counts removals on this board: the removed list shows the most
 * recent first, and a fold has no clock.
 */
export type Removal =
  | {
      readonly kind: "item";
      readonly item: ItemState;
      readonly order: number;
      /** The column it left with, when that column's removal took it (restoring the column brings it back). */
      readonly withColumn: string | null;
    }
  | {
      readonly kind: "column";
      readonly column: ColumnState;
      /** The items that left with it. */
      readonly items: readonly string[];
      readonly order: number;
    };

/** Where a comment is, so that `editComment`/`removeComment`, which name only the comment, find it at once. */
export interface CommentRef {
  readonly itemId: string;
  readonly authorId: string;
  /** A removed comment's id stays taken, like every id on a board. */
  readonly removed: boolean;
}

/**
 * Normalised board state. Tables are keyed by id and never mutated: a change replaces the changed
 * entries only, so an unchanged item keeps its identity (cheap memoisation on the client), and a
 * fold copies a few short arrays rather than every entry (see table.ts). The lists inside an item
 * (labels, checklist, comments) are small arrays, copied when they change, never written in place.
 */
export interface BoardState {
  readonly title: string;
  readonly columns: Table<ColumnState>;
  readonly items: Table<ItemState>;
  /** Ids that were used once and are gone; they stay taken so that replays cannot resurrect them. */
  readonly removed: Table<Tombstone>;
  /** In creation order: see labelsInOrder. */
  readonly labels: Table<LabelState>;
  /** Everyone whose actor id is on the board's events: see membersInOrder. */
  readonly members: Table<MemberState>;
  /** What a restore can bring back: removed items and columns, keyed by their id. */
  readonly bin: Table<Removal>;
  /** Every comment ever made on the board, by commentId. */
  readonly comments: Table<CommentRef>;
  /** How many removals the board has seen: the `order` of the next one. */
  readonly removals: number;
  /** How many labels the board has made: the `order` of the next one. */
  readonly labelsMade: number;
}

export const emptyBoard: BoardState = {
  title: "",
  columns: Table.empty(),
  items: Table.empty(),
  removed: Table.empty(),
  labels: Table.empty(),
  members: Table.empty(),
  bin: Table.empty(),
  comments: Table.empty(),
  removals: 0,
  labelsMade: 0,
};

/**
 * A board state as plain data: what crosses a boundary where a Table cannot (a server component's
 * props, IndexedDB's structured clone) and what a snapshot stores as JSON. `JSON.stringify` of a
 * BoardState writes this shape too. It names nothing that grants writing (no boardId), so the
 * read-only page gets it as the board page does.
 */
export interface BoardRecord {
  readonly title: string;
  readonly columns: Readonly<Record<string, ColumnState>>;
  readonly items: Readonly<Record<string, ItemState>>;
  readonly removed: Readonly<Record<string, Tombstone>>;
  readonly labels: Readonly<Record<string, LabelState>>;
  readonly members: Readonly<Record<string, MemberState>>;
  readonly bin: Readonly<Record<string, Removal>>;
  readonly comments: Readonly<Record<string, CommentRef>>;
  readonly removals: number;
  readonly labelsMade: number;
}

/**
 * The shape of BoardRecord, stored with every copy kept beyond one page (snapshots, the device's
 * copy). A copy of another format is never read: it is rebuilt by folding the log, which is the
 * truth. 1: v1 (no details, members or bin: a removed item kept only its title); 2: v2.
 */
export const RECORD_FORMAT = 2;

export function toRecord(state: BoardState): BoardRecord {
  return {
    title: state.title,
    columns: state.columns.toJSON(),
    items: state.items.toJSON(),
    removed: state.removed.toJSON(),
    labels: state.labels.toJSON(),
    members: state.members.toJSON(),
    bin: state.bin.toJSON(),
    comments: state.comments.toJSON(),
    removals: state.removals,
    labelsMade: state.labelsMade,
  };
}

/** The state of a record `toRecord` made (by this version of the code: see SNAPSHOT_FORMAT in db/event-encoding.ts). */
export function fromRecord(record: BoardRecord): BoardState {
  return {
    title: record.title,
    columns: Table.from(record.columns),
    items: Table.from(record.items),
    removed: Table.from(record.removed),
    labels: Table.from(record.labels),
    members: Table.from(record.members),
    bin: Table.from(record.bin),
    comments: Table.from(record.comments),
    removals: record.removals,
    labelsMade: record.labelsMade,
  };
}

function byPosition(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function columnsInOrder(state: Pick<BoardState, "columns">): ColumnState[] {
  return [...state.columns.values()]
    .map((column) => ({ column, position: column.position, id: column.columnId }))
    .sort(byPosition)
    .map((entry) => entry.column);
}

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

/** The board's labels in the order they were made. */
export function labelsInOrder(state: Pick<BoardState, "labels">): LabelState[] {
  return [...state.labels.values()].sort(byOrder);
}

/** The board's members in the order of their first event. */
export function membersInOrder(state: Pick<BoardState, "members">): MemberState[] {
  return [...state.members.values()].sort(byOrder);
}

/**
 * Members as a person tells them apart on screen, in the order given: a name someone earlier in
 * the list already has gets the next free number ("Anonymous", "Anonymous 2"), so every checkbox
 * and choice naming a person has a name of its own. The log and the API keep the names as chosen.
 */
export function namedApart<Member extends { readonly name: string }>(members: readonly Member[]): Member[] {
  const taken = new Set(members.map((member) => member.name));
  const shown = new Set<string>();
  return members.map((member) => {
    if (!shown.has(member.name)) {
      shown.add(member.name);
      return member;
    }
    let nth = 2;
    while (taken.has(`${member.name} ${nth}`) || shown.has(`${member.name} ${nth}`)) nth++;
    const name = `${member.name} ${nth}`;
    shown.add(name);
    return { ...member, name };
  });
}

export function itemsInOrder(state: BoardState, columnId: string): ItemState[] {
  const items: ItemState[] = [];
  state.items.forEach((item) => {
    if (item.columnId === columnId) items.push(item);
  });
  return sortItems(items);
}

/** The last item of a column in display order (what `itemsInOrder(...).at(-1)` is), without sorting. */
export function lastItem(state: Pick<BoardState, "items">, columnId: string): ItemState | undefined {
  let last: ItemState | undefined;
  state.items.forEach((item) => {
    if (item.columnId !== columnId) return;
    if (
      last === undefined ||
      item.position > last.position ||
      (item.position === last.position && item.itemId > last.itemId)
    ) {
      last = item;
    }
  });
  return last;
}

export function sortItems(items: readonly ItemState[]): ItemState[] {
  return items
    .map((item) => ({ item, position: item.position, id: item.itemId }))
    .sort(byPosition)
    .map((entry) => entry.item);
}

/** Whether entry `a` comes before entry `b` in a checklist (the order of columns and items: position, then id). */
export function entryBefore(a: ChecklistEntryState, b: ChecklistEntryState): boolean {
  return byPosition({ position: a.position, id: a.entryId }, { position: b.position, id: b.entryId }) < 0;
}
