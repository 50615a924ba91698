// The state every view folds from the log, and its mapping to the API's `state` JSON.

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
 * Normalised board state. Records are keyed by id and never mutated: a change replaces the
 * changed entries only, so an unchanged item keeps its identity (cheap memoisation on the client).
 */
export interface BoardState {
  readonly title: string;
  readonly columns: Readonly<Record<string, ColumnState>>;
  readonly items: Readonly<Record<string, ItemState>>;
  /** Ids that were used once; they stay taken so that replays cannot resurrect them. */
  readonly removed: Readonly<Record<string, Tombstone>>;
}

export const emptyBoard: BoardState = { title: "", columns: {}, items: {}, removed: {} };

/** Own-property lookup: ids come from clients, and `Object.prototype` must never answer. */
export function lookup<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

function byPosition(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function columnsInOrder(state: BoardState): ColumnState[] {
  return Object.values(state.columns)
    .map((column) => ({ column, position: column.position, id: column.columnId }))
    .sort(byPosition)
    .map((entry) => entry.column);
}

export function itemsInOrder(state: BoardState, columnId: string): ItemState[] {
  return sortItems(Object.values(state.items).filter((item) => item.columnId === columnId));
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
  for (const item of Object.values(state.items)) {
    const list = itemsByColumn.get(item.columnId);
    if (list) list.push(item);
    else itemsByColumn.set(item.columnId, [item]);
  }
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
  const columns: Record<string, ColumnState> = {};
  const items: Record<string, ItemState> = {};
  for (const column of view.columns) {
    columns[column.columnId] = { columnId: column.columnId, title: column.title, position: column.position };
    for (const item of column.items) items[item.itemId] = { ...item, columnId: column.columnId };
  }
  return { title: view.title, columns, items, removed: {} };
}
