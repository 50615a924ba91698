// The v1 build's state and view, kept verbatim (commit 034e929) as the oracle that v2 must agree with on
// v1 logs and commands: only imports were changed (and v1's command type narrowed to v1's commands).
// The state every view folds from the log, and its mapping to the API's `state` JSON.
import { Table } from "@/lib/domain";

export interface ColumnState {
  readonly columnId: string;
  readonly title: string;
  readonly position: string;
}

export interface ItemState {
  readonly itemId: string;
  readonly columnId: string;
  readonly title: string;
  readonly completed: boolean;
  readonly position: string;
}

/** What is left of a removed column or item: enough to tell a person what it was. */
export interface Tombstone {
  readonly kind: "column" | "item";
  readonly title: string;
  /** Set when an item left the board because its column was removed. */
  readonly column?: string;
}

/**
 * Normalised board state. Tables are keyed by id and never mutated: a change replaces the changed
 * entries only, so an unchanged item keeps its identity (cheap memoisation on the client), and a
 * fold copies a few short arrays rather than every entry (see table.ts).
 */
export interface BoardState {
  readonly title: string;
  readonly columns: Table<ColumnState>;
  readonly items: Table<ItemState>;
  /** Ids that were used once; they stay taken so that replays cannot resurrect them. */
  readonly removed: Table<Tombstone>;
}

export const emptyBoard: BoardState = {
  title: "",
  columns: Table.empty(),
  items: Table.empty(),
  removed: Table.empty(),
};

/**
 * A board state as plain data: what crosses a boundary where a Table cannot (a server component's
 * props, IndexedDB's structured clone) and what a snapshot stores as JSON. `JSON.stringify` of a
 * BoardState writes this shape too.
 */
export interface BoardRecord {
  readonly title: string;
  readonly columns: Readonly<Record<string, ColumnState>>;
  readonly items: Readonly<Record<string, ItemState>>;
  readonly removed: Readonly<Record<string, Tombstone>>;
}

export function toRecord(state: BoardState): BoardRecord {
  return {
    title: state.title,
    columns: state.columns.toJSON(),
    items: state.items.toJSON(),
    removed: state.removed.toJSON(),
  };
}

export function fromRecord(record: BoardRecord): BoardState {
  return {
    title: record.title,
    columns: Table.from(record.columns),
    items: Table.from(record.items),
    removed: Table.from(record.removed),
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

export function itemsInOrder(state: BoardState, columnId: string): ItemState[] {
  const items: ItemState[] = [];
  state.items.forEach((item) => {
    if (item.columnId === columnId) items.push(item);
  });
  return sortItems(items);
}

export function sortItems(items: readonly ItemState[]): ItemState[] {
  return items
    .map((item) => ({ item, position: item.position, id: item.itemId }))
    .sort(byPosition)
    .map((entry) => entry.item);
}

export interface BoardView {
  readonly title: string;
  readonly columns: readonly {
    readonly columnId: string;
    readonly title: string;
    readonly position: string;
    readonly items: readonly {
      readonly itemId: string;
      readonly title: string;
      readonly completed: boolean;
      readonly position: string;
    }[];
  }[];
}

/** The API's `state` JSON: columns and their items in display order. */
export function toView(state: BoardState): BoardView {
  const itemsByColumn = new Map<string, ItemState[]>();
  state.items.forEach((item) => {
    const list = itemsByColumn.get(item.columnId);
    if (list) list.push(item);
    else itemsByColumn.set(item.columnId, [item]);
  });
  return {
    title: state.title,
    columns: columnsInOrder(state).map(({ columnId, title, position }) => ({
      columnId,
      title,
      position,
      items: sortItems(itemsByColumn.get(columnId) ?? []).map(({ itemId, title, completed, position }) => ({
        itemId,
        title,
        completed,
        position,
      })),
    })),
  };
}

/**
 * The state behind a view (a read-only page folds live events onto what the server rendered).
 * Tombstones are not in a view: events about removed things change nothing, as in `evolve`.
 */
export function fromView(view: BoardView): BoardState {
  const columns = Table.empty<ColumnState>().edit();
  const items = Table.empty<ItemState>().edit();
  for (const column of view.columns) {
    columns.set(column.columnId, { columnId: column.columnId, title: column.title, position: column.position });
    for (const { itemId, title, completed, position } of column.items) {
      items.set(itemId, { itemId, columnId: column.columnId, title, completed, position });
    }
  }
  return { title: view.title, columns: columns.finish(), items: items.finish(), removed: Table.empty() };
}
