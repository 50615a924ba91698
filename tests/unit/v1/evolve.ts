// The v1 build's fold, kept verbatim (commit 034e929) as the oracle that v2 must agree with on
// v1 logs and commands: only imports were changed (and v1's command type narrowed to v1's commands).
// evolve: event → state. The one projection every view uses (server, SSR, history, Redux).
import type { DomainEvent as AnyEvent, TableBuilder } from "@/lib/domain";
import type { BoardState, ColumnState, ItemState, Tombstone } from "./state";

export type DomainEvent = Extract<
  AnyEvent,
  {
    type:
      | "BoardCreated"
      | "BoardRenamed"
      | "ColumnAdded"
      | "ColumnRenamed"
      | "ColumnMoved"
      | "ColumnRemoved"
      | "ItemAdded"
      | "ItemTitleUpdated"
      | "ItemCompleted"
      | "ItemReopened"
      | "ItemMoved"
      | "ItemRemoved";
  }
>;

/** Applies one event. Pure: `state` is left untouched. */
export function evolve(state: BoardState, event: DomainEvent): BoardState {
  return fold(state, [event]);
}

/**
 * Applies events in order. Pure from the outside; inside, each table is changed through one
 * builder, which copies an array of the table the first time this call writes to it (not once per
 * event), so a fold costs O(events + arrays touched), never a copy of the whole board.
 */
export function fold(state: BoardState, events: Iterable<DomainEvent>): BoardState {
  const draft = new Draft(state);
  for (const event of events) apply(draft, event);
  return draft.result();
}

/** The tables of one fold, changed through builders, and the title. */
class Draft {
  title: string;
  readonly columns: TableBuilder<ColumnState>;
  readonly items: TableBuilder<ItemState>;
  readonly removed: TableBuilder<Tombstone>;

  constructor(private readonly base: BoardState) {
    this.title = base.title;
    this.columns = base.columns.edit();
    this.items = base.items.edit();
    this.removed = base.removed.edit();
  }

  removeColumn(id: string): void {
    const column = this.columns.get(id);
    if (!column) return;
    this.columns.delete(id);
    this.removed.set(id, { kind: "column", title: column.title });
  }

  removeItem(id: string, column?: ColumnState): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    this.removed.set(
      id,
      column ? { kind: "item", title: item.title, column: column.title } : { kind: "item", title: item.title },
    );
  }

  result(): BoardState {
    const { base } = this;
    const columns = this.columns.finish();
    const items = this.items.finish();
    const removed = this.removed.finish();
    if (this.title === base.title && columns === base.columns && items === base.items && removed === base.removed) {
      return base;
    }
    return { title: this.title, columns, items, removed };
  }
}

// Entries are written as whole literals, never `{ ...item, title }`: V8 spreads an object with an
// extra property some 30× slower than it builds a literal, and every item keeps one shape.
function column(columnId: string, title: string, position: string): ColumnState {
  return { columnId, title, position };
}

function item(itemId: string, columnId: string, title: string, completed: boolean, position: string): ItemState {
  return { itemId, columnId, title, completed, position };
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
      draft.columns.set(columnId, column(columnId, title, position));
      return;
    }
    case "ColumnRenamed": {
      const { columnId, title } = event.data;
      const found = draft.columns.get(columnId);
      if (found) draft.columns.set(columnId, column(found.columnId, title, found.position));
      return;
    }
    case "ColumnMoved": {
      const { columnId, position } = event.data;
      const found = draft.columns.get(columnId);
      if (found) draft.columns.set(columnId, column(found.columnId, found.title, position));
      return;
    }
    case "ColumnRemoved": {
      const { columnId } = event.data;
      const removing = draft.columns.get(columnId);
      const leaving = draft.items.values().filter((entry) => entry.columnId === columnId);
      for (const entry of leaving) draft.removeItem(entry.itemId, removing);
      draft.removeColumn(columnId);
      return;
    }
    case "ItemAdded": {
      const { itemId, columnId, title, position } = event.data;
      draft.items.set(itemId, item(itemId, columnId, title, false, position));
      return;
    }
    case "ItemTitleUpdated": {
      const { itemId, newTitle } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, item(found.itemId, found.columnId, newTitle, found.completed, found.position));
      return;
    }
    case "ItemCompleted":
    case "ItemReopened": {
      const { itemId } = event.data;
      const found = draft.items.get(itemId);
      const completed = event.type === "ItemCompleted";
      if (found) draft.items.set(itemId, item(found.itemId, found.columnId, found.title, completed, found.position));
      return;
    }
    case "ItemMoved": {
      const { itemId, columnId, position } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, item(found.itemId, columnId, found.title, found.completed, position));
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
