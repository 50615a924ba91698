// decide: (state, command, actor) → the events it appends, or a rejection in words. No I/O, no clock.
// This file decides the board's structure (its title, columns, items, where they are, removing and
// restoring them); decide-details.ts decides what is on an item and the board's labels.
import type { Command } from "./commands";
import { decideDetails } from "./decide-details";
import {
  accept,
  BOARD_LIMITS,
  count,
  type Decision,
  full,
  idInUse,
  missingColumn,
  missingItem,
  reject,
} from "./decision";
import type { Actor } from "./events";
import { positionAfter, positionAt } from "./positions";
import { type BoardState, columnsInOrder, itemsInOrder, lastItem } from "./state";

export { BOARD_LIMITS, type Decision, ITEM_LIMITS } from "./decision";

/**
 * Decides `command` on `state`, issued by `actor` (who may edit a comment depends on who asks;
 * nothing else does). The actor is the one the events will be stamped with.
 */
export function decide(state: BoardState, command: Command, actor: Actor): Decision {
  switch (command.type) {
    case "renameBoard":
      return accept({ type: "BoardRenamed", data: { title: command.title } });

    case "addColumn": {
      const { columnId, title, afterColumnId } = command;
      const taken = idInUse(state, columnId) ?? full(state, "columns");
      if (taken) return taken;
      if (afterColumnId) {
        const missing = missingColumn(state, afterColumnId);
        if (missing) return missing;
      }
      const position = positionAfter(columnSiblings(state), afterColumnId) as string;
      return accept({ type: "ColumnAdded", data: { columnId, title, position } });
    }

    case "renameColumn": {
      const missing = missingColumn(state, command.columnId);
      if (missing) return missing;
      return accept({ type: "ColumnRenamed", data: { columnId: command.columnId, title: command.title } });
    }

    case "moveColumn": {
      const { columnId, afterColumnId } = command;
      const missing =
        missingColumn(state, columnId) ?? (afterColumnId ? missingColumn(state, afterColumnId) : undefined);
      if (missing) return missing;
      if (afterColumnId === columnId) return reject("invalid", "A column cannot be moved after itself.");
      const position = positionAfter(columnSiblings(state), afterColumnId, columnId) as string;
      return accept({ type: "ColumnMoved", data: { columnId, position } });
    }

    case "removeColumn": {
      const missing = missingColumn(state, command.columnId);
      if (missing) return missing;
      return accept({ type: "ColumnRemoved", data: { columnId: command.columnId } });
    }

    case "setColumnLimit": {
      const { columnId, limit } = command;
      const missing = missingColumn(state, columnId);
      if (missing) return missing;
      const column = state.columns.get(columnId);
      if (column?.limit === limit) {
        return reject(
          "conflict",
          limit === null
            ? `Column “${column.title}” has no limit already.`
            : `Column “${column.title}” already has a limit of ${limit}.`,
        );
      }
      return accept({ type: "ColumnLimitSet", data: { columnId, limit } });
    }

    case "restoreColumn":
      return restoreColumn(state, command);

    case "addItem": {
      const { itemId, columnId, title, afterItemId } = command;
      const problem = idInUse(state, itemId) ?? missingColumn(state, columnId) ?? full(state, "items");
      if (problem) return problem;
      const position = placeInColumn(state, columnId, afterItemId);
      if (typeof position !== "string") return position;
      return accept({ type: "ItemAdded", data: { itemId, columnId, title, position } });
    }

    case "renameItem": {
      const missing = missingItem(state, command.itemId);
      if (missing) return missing;
      return accept({ type: "ItemTitleUpdated", data: { itemId: command.itemId, newTitle: command.title } });
    }

    case "completeItem":
    case "reopenItem": {
      const { itemId } = command;
      const missing = missingItem(state, itemId);
      if (missing) return missing;
      const item = state.items.get(itemId);
      const completing = command.type === "completeItem";
      if (item?.completed === completing) {
        return reject("conflict", `Item “${item.title}” is already ${completing ? "completed" : "open"}.`);
      }
      return accept(
        completing ? { type: "ItemCompleted", data: { itemId } } : { type: "ItemReopened", data: { itemId } },
      );
    }

    case "moveItem": {
      const { itemId, columnId, afterItemId } = command;
      const missing = missingItem(state, itemId) ?? missingColumn(state, columnId);
      if (missing) return missing;
      if (afterItemId === itemId) return reject("invalid", "An item cannot be moved after itself.");
      const position = placeInColumn(state, columnId, afterItemId, itemId);
      if (typeof position !== "string") return position;
      return accept({ type: "ItemMoved", data: { itemId, columnId, position } });
    }

    case "removeItem": {
      const missing = missingItem(state, command.itemId);
      if (missing) return missing;
      return accept({ type: "ItemRemoved", data: { itemId: command.itemId } });
    }

    case "restoreItem":
      return restoreItem(state, command);

    case "describeItem":
    case "setItemDue":
    case "addLabel":
    case "editLabel":
    case "removeLabel":
    case "labelItem":
    case "unlabelItem":
    case "assignItem":
    case "unassignItem":
    case "addChecklistEntry":
    case "editChecklistEntry":
    case "checkChecklistEntry":
    case "uncheckChecklistEntry":
    case "removeChecklistEntry":
    case "moveChecklistEntry":
    case "commentOnItem":
    case "editComment":
    case "removeComment":
      return decideDetails(state, command, actor);

    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function columnSiblings(state: BoardState) {
  return columnsInOrder(state).map((column) => ({ id: column.columnId, position: column.position }));
}

function itemSiblings(state: BoardState, columnId: string) {
  return itemsInOrder(state, columnId).map((item) => ({ id: item.itemId, position: item.position }));
}

/** The position after `afterItemId` in `columnId`, or why there is none. */
function placeInColumn(
  state: BoardState,
  columnId: string,
  afterItemId: string | null | undefined,
  movingId?: string,
): string | Decision {
  if (afterItemId) {
    const missing = missingItem(state, afterItemId);
    if (missing) return missing;
    const after = state.items.get(afterItemId);
    if (after && after.columnId !== columnId) {
      const column = state.columns.get(columnId);
      return reject("conflict", `Item “${after.title}” is not in column “${column?.title}”.`);
    }
  }
  // At the end: only the last item matters, found in one pass instead of sorting the column (an
  // import adds thousands of items, each at the end).
  if (afterItemId === undefined && movingId === undefined) {
    const last = lastItem(state, columnId);
    return positionAfter(last ? [{ id: last.itemId, position: last.position }] : [], undefined) as string;
  }
  return positionAfter(itemSiblings(state, columnId), afterItemId, movingId) as string;
}

/**
 * Brings a removed item back, whole. Said nothing of where: to its old place in its old column
 * (undo relies on it); else to the column asked (its old one by default), after the item asked
 * (at the end by default, at the top for null).
 */
function restoreItem(state: BoardState, command: Extract<Command, { type: "restoreItem" }>): Decision {
  const { itemId, afterItemId } = command;
  const removal = state.bin.get(itemId);
  if (removal?.kind !== "item") {
    const item = state.items.get(itemId);
    if (item) return reject("conflict", `Item “${item.title}” is not removed.`);
    return reject("not_found", `There is no removed item ${itemId} on this board.`);
  }
  const { item } = removal;
  const itemsFull = full(state, "items");
  if (itemsFull) return itemsFull;
  const columnId = command.columnId ?? item.columnId;
  if (command.columnId === undefined && !state.columns.has(columnId)) {
    const column = state.removed.get(columnId)?.title;
    return reject(
      "not_found",
      `The column of item “${item.title}”${column === undefined ? "" : ` (“${column}”)`} was removed: restore it first, or say which column the item goes back to.`,
    );
  }
  const missing = missingColumn(state, columnId);
  if (missing) return missing;
  const position =
    command.columnId === undefined && afterItemId === undefined
      ? positionAt(itemSiblings(state, columnId), item.position)
      : placeInColumn(state, columnId, afterItemId);
  if (typeof position !== "string") return position;
  return accept({ type: "ItemRestored", data: { itemId, columnId, position } });
}

/** Brings a removed column back with the items that left with it, at its old place unless told otherwise. */
function restoreColumn(state: BoardState, command: Extract<Command, { type: "restoreColumn" }>): Decision {
  const { columnId, afterColumnId } = command;
  const removal = state.bin.get(columnId);
  if (removal?.kind !== "column") {
    const column = state.columns.get(columnId);
    if (column) return reject("conflict", `Column “${column.title}” is not removed.`);
    return reject("not_found", `There is no removed column ${columnId} on this board.`);
  }
  const columnsFull = full(state, "columns");
  if (columnsFull) return columnsFull;
  const returning = removal.items.filter((itemId) => {
    const left = state.bin.get(itemId);
    return left?.kind === "item" && left.withColumn === columnId;
  }).length;
  if (state.items.size + returning > BOARD_LIMITS.items) {
    return reject(
      "conflict",
      `Column “${removal.column.title}” would bring back ${count(returning)} items, more than this board has room for (${count(BOARD_LIMITS.items)} at most).`,
    );
  }
  if (afterColumnId) {
    const missing = missingColumn(state, afterColumnId);
    if (missing) return missing;
  }
  const position =
    afterColumnId === undefined
      ? positionAt(columnSiblings(state), removal.column.position)
      : (positionAfter(columnSiblings(state), afterColumnId) as string);
  return accept({ type: "ColumnRestored", data: { columnId, position } });
}
