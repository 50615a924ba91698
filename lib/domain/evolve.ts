// evolve: event → state. The one projection every view uses (server, SSR, history, Redux).
import type { DomainEvent } from "./events";
import { type BoardState, type ColumnState, type ItemState, lookup, type Tombstone } from "./state";

/** Applies one event. Pure: `state` is left untouched. */
export function evolve(state: BoardState, event: DomainEvent): BoardState {
  return fold(state, [event]);
}

/**
 * Applies events in order. Pure from the outside; inside, each record is copied once per call
 * (not once per event), so folding a long tail costs O(board + events).
 */
export function fold(state: BoardState, events: Iterable<DomainEvent>): BoardState {
  const draft = new Draft(state);
  for (const event of events) apply(draft, event);
  return draft.result();
}

class Draft {
  title: string;
  private columns: Readonly<Record<string, ColumnState>>;
  private items: Readonly<Record<string, ItemState>>;
  private removed: Readonly<Record<string, Tombstone>>;
  private copied = { columns: false, items: false, removed: false };

  constructor(private readonly base: BoardState) {
    this.title = base.title;
    this.columns = base.columns;
    this.items = base.items;
    this.removed = base.removed;
  }

  column(id: string): ColumnState | undefined {
    return lookup(this.columns, id);
  }

  item(id: string): ItemState | undefined {
    return lookup(this.items, id);
  }

  allItems(): Iterable<ItemState> {
    return Object.values(this.items);
  }

  setColumn(column: ColumnState): void {
    this.writableColumns()[column.columnId] = column;
  }

  setItem(item: ItemState): void {
    this.writableItems()[item.itemId] = item;
  }

  removeColumn(id: string): void {
    const column = this.column(id);
    if (!column) return;
    delete this.writableColumns()[id];
    this.writableRemoved()[id] = { kind: "column", title: column.title };
  }

  removeItem(id: string, column?: ColumnState): void {
    const item = this.item(id);
    if (!item) return;
    delete this.writableItems()[id];
    this.writableRemoved()[id] = column
      ? { kind: "item", title: item.title, column: column.title }
      : { kind: "item", title: item.title };
  }

  result(): BoardState {
    const { base } = this;
    if (
      this.title === base.title &&
      this.columns === base.columns &&
      this.items === base.items &&
      this.removed === base.removed
    ) {
      return base;
    }
    return { title: this.title, columns: this.columns, items: this.items, removed: this.removed };
  }

  private writableColumns(): Record<string, ColumnState> {
    if (!this.copied.columns) {
      this.columns = { ...this.columns };
      this.copied.columns = true;
    }
    return this.columns as Record<string, ColumnState>;
  }

  private writableItems(): Record<string, ItemState> {
    if (!this.copied.items) {
      this.items = { ...this.items };
      this.copied.items = true;
    }
    return this.items as Record<string, ItemState>;
  }

  private writableRemoved(): Record<string, Tombstone> {
    if (!this.copied.removed) {
      this.removed = { ...this.removed };
      this.copied.removed = true;
    }
    return this.removed as Record<string, Tombstone>;
  }
}

// Events are facts: one that refers to something already gone changes nothing rather than fail.
function apply(draft: Draft, event: DomainEvent): void {
  switch (event.type) {
    case "BoardCreated":
    case "BoardRenamed":
      draft.title = event.data.title;
      return;
    case "ColumnAdded": {
      const { columnId, title, position } = event.data;
      draft.setColumn({ columnId, title, position });
      return;
    }
    case "ColumnRenamed": {
      const column = draft.column(event.data.columnId);
      if (column) draft.setColumn({ ...column, title: event.data.title });
      return;
    }
    case "ColumnMoved": {
      const column = draft.column(event.data.columnId);
      if (column) draft.setColumn({ ...column, position: event.data.position });
      return;
    }
    case "ColumnRemoved": {
      const { columnId } = event.data;
      const column = draft.column(columnId);
      const leaving = [...draft.allItems()].filter((item) => item.columnId === columnId);
      for (const item of leaving) draft.removeItem(item.itemId, column);
      draft.removeColumn(columnId);
      return;
    }
    case "ItemAdded": {
      const { itemId, columnId, title, position } = event.data;
      draft.setItem({ itemId, columnId, title, position, completed: false });
      return;
    }
    case "ItemTitleUpdated": {
      const item = draft.item(event.data.itemId);
      if (item) draft.setItem({ ...item, title: event.data.newTitle });
      return;
    }
    case "ItemCompleted":
    case "ItemReopened": {
      const item = draft.item(event.data.itemId);
      if (item) draft.setItem({ ...item, completed: event.type === "ItemCompleted" });
      return;
    }
    case "ItemMoved": {
      const item = draft.item(event.data.itemId);
      const { columnId, position } = event.data;
      if (item) draft.setItem({ ...item, columnId, position });
      return;
    }
    case "ItemRemoved":
      draft.removeItem(event.data.itemId);
      return;
    default: {
      const _never: never = event;
      throw new Error(`Unknown event type: ${JSON.stringify(_never)}`);
    }
  }
}
