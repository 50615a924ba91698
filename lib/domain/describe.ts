// Changes in words, for people: the history page, rejection alerts, the pending list.
// Names come from the state the change applied to, so a removed item is still called by its title.
import type { Command } from "./commands";
import type { DomainEvent } from "./events";
import type { BoardState } from "./state";

const quote = (title: string) => `“${title}”`;

function itemName(state: BoardState, itemId: string): string {
  const title = state.items.get(itemId)?.title ?? state.removed.get(itemId)?.title;
  return title === undefined ? "an item" : `item ${quote(title)}`;
}

function columnName(state: BoardState, columnId: string): string {
  const title = state.columns.get(columnId)?.title ?? state.removed.get(columnId)?.title;
  return title === undefined ? "a column" : `column ${quote(title)}`;
}

/** What an event did, as a sentence fragment: "added item “Milk” to column “To do”". */
export function describeEvent(before: BoardState, event: DomainEvent): string {
  switch (event.type) {
    case "BoardCreated":
      return `created the board ${quote(event.data.title)}`;
    case "BoardRenamed":
      return `renamed the board to ${quote(event.data.title)}`;
    case "ColumnAdded":
      return `added column ${quote(event.data.title)}`;
    case "ColumnRenamed":
      return `renamed ${columnName(before, event.data.columnId)} to ${quote(event.data.title)}`;
    case "ColumnMoved":
      return `moved ${columnName(before, event.data.columnId)}`;
    case "ColumnRemoved":
      return `removed ${columnName(before, event.data.columnId)}`;
    case "ItemAdded":
      return `added item ${quote(event.data.title)} to ${columnName(before, event.data.columnId)}`;
    case "ItemTitleUpdated":
      return `renamed ${itemName(before, event.data.itemId)} to ${quote(event.data.newTitle)}`;
    case "ItemCompleted":
      return `completed ${itemName(before, event.data.itemId)}`;
    case "ItemReopened":
      return `reopened ${itemName(before, event.data.itemId)}`;
    case "ItemMoved": {
      const from = before.items.get(event.data.itemId)?.columnId;
      return from === event.data.columnId
        ? `moved ${itemName(before, event.data.itemId)} within ${columnName(before, event.data.columnId)}`
        : `moved ${itemName(before, event.data.itemId)} to ${columnName(before, event.data.columnId)}`;
    }
    case "ItemRemoved":
      return `removed ${itemName(before, event.data.itemId)}`;
    default: {
      const _never: never = event;
      throw new Error(`Unknown event: ${JSON.stringify(_never)}`);
    }
  }
}

/** What a command asks, as a phrase: "rename item “Milk” to “Oat milk”". */
export function describeCommand(state: BoardState, command: Command): string {
  switch (command.type) {
    case "renameBoard":
      return `rename the board to ${quote(command.title)}`;
    case "addColumn":
      return `add column ${quote(command.title)}`;
    case "renameColumn":
      return `rename ${columnName(state, command.columnId)} to ${quote(command.title)}`;
    case "moveColumn":
      return `move ${columnName(state, command.columnId)}`;
    case "removeColumn":
      return `remove ${columnName(state, command.columnId)}`;
    case "addItem":
      return `add item ${quote(command.title)} to ${columnName(state, command.columnId)}`;
    case "renameItem":
      return `rename ${itemName(state, command.itemId)} to ${quote(command.title)}`;
    case "completeItem":
      return `complete ${itemName(state, command.itemId)}`;
    case "reopenItem":
      return `reopen ${itemName(state, command.itemId)}`;
    case "moveItem":
      return `move ${itemName(state, command.itemId)} to ${columnName(state, command.columnId)}`;
    case "removeItem":
      return `remove ${itemName(state, command.itemId)}`;
    default: {
      const _never: never = command;
      throw new Error(`Unknown command: ${JSON.stringify(_never)}`);
    }
  }
}

/** The ids a command touches (to mark them as not yet saved). */
export function commandTargets(command: Command): string[] {
  switch (command.type) {
    case "renameBoard":
      return [];
    case "addColumn":
    case "renameColumn":
    case "moveColumn":
    case "removeColumn":
      return [command.columnId];
    case "addItem":
    case "renameItem":
    case "completeItem":
    case "reopenItem":
    case "moveItem":
    case "removeItem":
      return [command.itemId];
    default: {
      const _never: never = command;
      throw new Error(`Unknown command: ${JSON.stringify(_never)}`);
    }
  }
}
