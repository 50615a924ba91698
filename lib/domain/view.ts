// The API's `state` JSON (README, HTTP API): the board as a person reads it, in display order.
import type { Actor, LabelColor } from "./events";
import {
  type BoardState,
  columnsInOrder,
  type ItemState,
  labelsInOrder,
  membersInOrder,
  type Removal,
  sortItems,
} from "./state";

export interface ItemView {
  readonly itemId: string;
  readonly title: string;
  readonly completed: boolean;
  readonly position: string;
  readonly description: string;
  readonly due: string | null;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly checklist: readonly { readonly entryId: string; readonly text: string; readonly done: boolean }[];
  readonly comments: readonly {
    readonly commentId: string;
    readonly text: string;
    readonly author: Actor;
    readonly at: string;
    readonly edited: boolean;
  }[];
}

export interface ColumnView {
  readonly columnId: string;
  readonly title: string;
  readonly position: string;
  readonly limit: number | null;
  readonly items: readonly ItemView[];
}

export interface BoardView {
  readonly title: string;
  readonly columns: readonly ColumnView[];
  /** In creation order. */
  readonly labels: readonly { readonly labelId: string; readonly name: string; readonly color: LabelColor }[];
  readonly members: readonly { readonly memberId: string; readonly name: string }[];
  /** Most recent first; an item that left with its column is in its column's entry. */
  readonly removed: readonly { readonly kind: "item" | "column"; readonly id: string; readonly title: string }[];
}

function itemView(item: ItemState): ItemView {
  return {
    itemId: item.itemId,
    title: item.title,
    completed: item.completed,
    position: item.position,
    description: item.description,
    due: item.due,
    labels: item.labels,
    assignees: item.assignees,
    checklist: item.checklist.map(({ entryId, text, done }) => ({ entryId, text, done })),
    comments: item.comments.map(({ commentId, text, author, at, edited }) => ({
      commentId,
      text,
      author: { id: author.id, name: author.name },
      at,
      edited,
    })),
  };
}

/** The removed list: what a restore can bring back, most recent first. */
export function removedInOrder(state: Pick<BoardState, "bin">): { id: string; removal: Removal }[] {
  const listed: { id: string; removal: Removal }[] = [];
  state.bin.forEach((removal, id) => {
    if (removal.kind === "column" || removal.withColumn === null) listed.push({ id, removal });
  });
  return listed.sort((a, b) => b.removal.order - a.removal.order);
}

/** The API's `state` JSON: columns and their items in display order, with the board's labels, members and removed list. */
export function toView(state: BoardState): BoardView {
  const itemsByColumn = new Map<string, ItemState[]>();
  state.items.forEach((item) => {
    const list = itemsByColumn.get(item.columnId);
    if (list) list.push(item);
    else itemsByColumn.set(item.columnId, [item]);
  });
  return {
    title: state.title,
    columns: columnsInOrder(state).map(({ columnId, title, position, limit }) => ({
      columnId,
      title,
      position,
      limit,
      items: sortItems(itemsByColumn.get(columnId) ?? []).map(itemView),
    })),
    labels: labelsInOrder(state).map(({ labelId, name, color }) => ({ labelId, name, color })),
    members: membersInOrder(state).map(({ memberId, name }) => ({ memberId, name })),
    removed: removedInOrder(state).map(({ id, removal }) =>
      removal.kind === "item"
        ? { kind: "item", id, title: removal.item.title }
        : { kind: "column", id, title: removal.column.title },
    ),
  };
}
