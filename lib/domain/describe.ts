// Changes in words, for people: the history page, rejection alerts, the pending list.
// Names come from the state the change applied to, so a removed item is still called by its title.
import type { Command } from "./commands";
import type { Envelope } from "./events";
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

function labelName(state: BoardState, labelId: string): string {
  const name = state.labels.get(labelId)?.name ?? state.removed.get(labelId)?.title;
  return name === undefined ? "a label" : `label ${quote(name)}`;
}

function memberName(state: BoardState, memberId: string): string {
  return state.members.get(memberId)?.name ?? "someone";
}

function entryName(state: BoardState, itemId: string, entryId: string): string {
  const text = state.items.get(itemId)?.checklist.find((entry) => entry.entryId === entryId)?.text;
  return text === undefined ? "an entry" : quote(text);
}

/** The item a comment is on, by name. */
function commentedItem(state: BoardState, commentId: string): string {
  const ref = state.comments.get(commentId);
  return ref === undefined ? "an item" : itemName(state, ref.itemId);
}

/** The items a column's restore brings back with it. */
function returning(state: BoardState, columnId: string): number {
  const removal = state.bin.get(columnId);
  if (removal?.kind !== "column") return 0;
  return removal.items.filter((itemId) => {
    const left = state.bin.get(itemId);
    return left?.kind === "item" && left.withColumn === columnId;
  }).length;
}

/** What an event did, as a sentence fragment: "added item “Milk” to column “To do”". */
export function describeEvent(before: BoardState, event: Envelope): string {
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
    case "ColumnLimitSet":
      return event.data.limit === null
        ? `removed the limit of ${columnName(before, event.data.columnId)}`
        : `set the limit of ${columnName(before, event.data.columnId)} to ${event.data.limit}`;
    case "ColumnRestored": {
      const items = returning(before, event.data.columnId);
      const withItems = items === 0 ? "" : ` and its ${items === 1 ? "item" : `${items} items`}`;
      return `restored ${columnName(before, event.data.columnId)}${withItems}`;
    }
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
    case "ItemRestored":
      return `restored ${itemName(before, event.data.itemId)} to ${columnName(before, event.data.columnId)}`;
    case "ItemDescribed": {
      const { itemId, description } = event.data;
      const had = before.items.get(itemId)?.description ?? "";
      if (description === "") return `removed the description of ${itemName(before, itemId)}`;
      return had === ""
        ? `added a description to ${itemName(before, itemId)}`
        : `changed the description of ${itemName(before, itemId)}`;
    }
    case "ItemDueSet":
      return event.data.due === null
        ? `removed the due date of ${itemName(before, event.data.itemId)}`
        : `made ${itemName(before, event.data.itemId)} due on ${event.data.due}`;
    case "LabelAdded":
      return `added label ${quote(event.data.name)} (${event.data.color})`;
    case "LabelEdited": {
      const { labelId, name, color } = event.data;
      const label = before.labels.get(labelId);
      const renamed = label !== undefined && label.name !== name;
      const recoloured = label === undefined || label.color !== color;
      if (renamed && recoloured) return `renamed ${labelName(before, labelId)} to ${quote(name)} and made it ${color}`;
      if (renamed) return `renamed ${labelName(before, labelId)} to ${quote(name)}`;
      return `made ${labelName(before, labelId)} ${color}`;
    }
    case "LabelRemoved":
      return `removed ${labelName(before, event.data.labelId)}`;
    case "ItemLabeled":
      return `added ${labelName(before, event.data.labelId)} to ${itemName(before, event.data.itemId)}`;
    case "ItemUnlabeled":
      return `took ${labelName(before, event.data.labelId)} off ${itemName(before, event.data.itemId)}`;
    case "ItemAssigned":
    case "ItemUnassigned": {
      const { itemId, memberId } = event.data;
      const who = event.actor?.id === memberId ? "themselves" : memberName(before, memberId);
      return event.type === "ItemAssigned"
        ? `assigned ${who} to ${itemName(before, itemId)}`
        : `unassigned ${who} from ${itemName(before, itemId)}`;
    }
    case "ChecklistEntryAdded":
      return `added ${quote(event.data.text)} to the checklist of ${itemName(before, event.data.itemId)}`;
    case "ChecklistEntryEdited": {
      const { itemId, entryId, text } = event.data;
      return `changed checklist entry ${entryName(before, itemId, entryId)} of ${itemName(before, itemId)} to ${quote(text)}`;
    }
    case "ChecklistEntryChecked":
    case "ChecklistEntryUnchecked": {
      const { itemId, entryId } = event.data;
      const verb = event.type === "ChecklistEntryChecked" ? "checked" : "unchecked";
      return `${verb} ${entryName(before, itemId, entryId)} on ${itemName(before, itemId)}`;
    }
    case "ChecklistEntryRemoved": {
      const { itemId, entryId } = event.data;
      return `removed ${entryName(before, itemId, entryId)} from the checklist of ${itemName(before, itemId)}`;
    }
    case "ChecklistEntryMoved": {
      const { itemId, entryId } = event.data;
      return `moved ${entryName(before, itemId, entryId)} on the checklist of ${itemName(before, itemId)}`;
    }
    case "ItemCommented": {
      const { itemId, author, at } = event.data;
      if (author === undefined) return `commented on ${itemName(before, itemId)}`;
      // An imported comment: by someone else, at another time (README, "What an import adds to the domain").
      const when = at === undefined ? "" : ` (written ${at.slice(0, 10)})`;
      return `added a comment by ${quote(author.name)}${when} to ${itemName(before, itemId)}`;
    }
    case "MemberAdded":
      return `added member ${quote(event.data.name)}`;
    case "CommentEdited":
      return `edited a comment on ${commentedItem(before, event.data.commentId)}`;
    case "CommentRemoved":
      return `removed a comment on ${commentedItem(before, event.data.commentId)}`;
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
    case "setColumnLimit":
      return command.limit === null
        ? `remove the limit of ${columnName(state, command.columnId)}`
        : `set the limit of ${columnName(state, command.columnId)} to ${command.limit}`;
    case "restoreColumn":
      return `restore ${columnName(state, command.columnId)}`;
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
    case "restoreItem":
      return `restore ${itemName(state, command.itemId)}`;
    case "describeItem":
      return command.description === ""
        ? `remove the description of ${itemName(state, command.itemId)}`
        : `change the description of ${itemName(state, command.itemId)}`;
    case "setItemDue":
      return command.due === null
        ? `remove the due date of ${itemName(state, command.itemId)}`
        : `make ${itemName(state, command.itemId)} due on ${command.due}`;
    case "addLabel":
      return `add label ${quote(command.name)}`;
    case "editLabel":
      return command.name === undefined
        ? `make ${labelName(state, command.labelId)} ${command.color}`
        : `rename ${labelName(state, command.labelId)} to ${quote(command.name)}`;
    case "removeLabel":
      return `remove ${labelName(state, command.labelId)}`;
    case "labelItem":
      return `add ${labelName(state, command.labelId)} to ${itemName(state, command.itemId)}`;
    case "unlabelItem":
      return `take ${labelName(state, command.labelId)} off ${itemName(state, command.itemId)}`;
    case "assignItem":
      return `assign ${memberName(state, command.memberId)} to ${itemName(state, command.itemId)}`;
    case "unassignItem":
      return `unassign ${memberName(state, command.memberId)} from ${itemName(state, command.itemId)}`;
    case "addChecklistEntry":
      return `add ${quote(command.text)} to the checklist of ${itemName(state, command.itemId)}`;
    case "editChecklistEntry":
      return `change checklist entry ${entryName(state, command.itemId, command.entryId)} of ${itemName(state, command.itemId)} to ${quote(command.text)}`;
    case "checkChecklistEntry":
      return `check ${entryName(state, command.itemId, command.entryId)} on ${itemName(state, command.itemId)}`;
    case "uncheckChecklistEntry":
      return `uncheck ${entryName(state, command.itemId, command.entryId)} on ${itemName(state, command.itemId)}`;
    case "removeChecklistEntry":
      return `remove ${entryName(state, command.itemId, command.entryId)} from the checklist of ${itemName(state, command.itemId)}`;
    case "moveChecklistEntry":
      return `move ${entryName(state, command.itemId, command.entryId)} on the checklist of ${itemName(state, command.itemId)}`;
    case "commentOnItem":
      return `comment on ${itemName(state, command.itemId)}`;
    case "editComment":
      return `edit a comment on ${commentedItem(state, command.commentId)}`;
    case "removeComment":
      return `remove a comment on ${commentedItem(state, command.commentId)}`;
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
    case "setColumnLimit":
    case "restoreColumn":
      return [command.columnId];
    case "addItem":
    case "renameItem":
    case "completeItem":
    case "reopenItem":
    case "moveItem":
    case "removeItem":
    case "restoreItem":
    case "describeItem":
    case "setItemDue":
    case "labelItem":
    case "unlabelItem":
    case "assignItem":
    case "unassignItem":
      return [command.itemId];
    case "addLabel":
    case "editLabel":
    case "removeLabel":
      return [command.labelId];
    case "addChecklistEntry":
    case "editChecklistEntry":
    case "checkChecklistEntry":
    case "uncheckChecklistEntry":
    case "removeChecklistEntry":
    case "moveChecklistEntry":
      return [command.itemId, command.entryId];
    case "commentOnItem":
      return [command.itemId, command.commentId];
    case "editComment":
    case "removeComment":
      return [command.commentId];
    default: {
      const _never: never = command;
      throw new Error(`Unknown command: ${JSON.stringify(_never)}`);
    }
  }
}
