// Whether a board already is as a change asks. Two people ticking one entry at once: the server
// refuses the second tick (nothing left to change), yet the board is what its person wanted, so
// that refusal is no news to them (README, "Using a board", Status).
import type { BoardChange } from "./creation";
import type { BoardState } from "./state";

/**
 * True when `command` would leave `state` as it is because what it asks for holds already: the
 * entry is checked, the item completed, the label on the item, the item removed. Only what the
 * command names counts: an edit of something that is gone does not hold, it is lost.
 */
export function alreadySo(state: BoardState, command: BoardChange): boolean {
  switch (command.type) {
    case "completeItem":
    case "reopenItem": {
      const item = state.items.get(command.itemId);
      return item !== undefined && item.completed === (command.type === "completeItem");
    }
    case "describeItem":
      return state.items.get(command.itemId)?.description === command.description;
    case "setItemDue": {
      const item = state.items.get(command.itemId);
      return item !== undefined && item.due === command.due;
    }
    case "labelItem":
    case "unlabelItem": {
      const item = state.items.get(command.itemId);
      if (!item || !state.labels.has(command.labelId)) return false;
      return item.labels.includes(command.labelId) === (command.type === "labelItem");
    }
    case "assignItem":
    case "unassignItem": {
      const item = state.items.get(command.itemId);
      return item !== undefined && item.assignees.includes(command.memberId) === (command.type === "assignItem");
    }
    case "editLabel": {
      const label = state.labels.get(command.labelId);
      return (
        label !== undefined &&
        (command.name ?? label.name) === label.name &&
        (command.color ?? label.color) === label.color
      );
    }
    case "setColumnLimit": {
      const column = state.columns.get(command.columnId);
      return column !== undefined && column.limit === command.limit;
    }
    case "checkChecklistEntry":
    case "uncheckChecklistEntry": {
      const entry = checklistEntry(state, command.itemId, command.entryId);
      return entry !== undefined && entry.done === (command.type === "checkChecklistEntry");
    }
    case "editChecklistEntry":
      return checklistEntry(state, command.itemId, command.entryId)?.text === command.text;
    case "moveChecklistEntry": {
      const checklist = state.items.get(command.itemId)?.checklist ?? [];
      const at = checklist.findIndex((entry) => entry.entryId === command.entryId);
      return at >= 0 && (at > 0 ? checklist[at - 1].entryId : null) === command.afterEntryId;
    }
    case "editComment": {
      const ref = state.comments.get(command.commentId);
      if (!ref || ref.removed) return false;
      const comment = state.items.get(ref.itemId)?.comments.find((c) => c.commentId === command.commentId);
      return comment?.text === command.text;
    }
    case "removeItem":
      return state.removed.get(command.itemId)?.kind === "item";
    case "removeColumn":
      return state.removed.get(command.columnId)?.kind === "column";
    case "removeLabel":
      return state.removed.get(command.labelId)?.kind === "label";
    case "removeChecklistEntry": {
      // An entry is removed for good: one not on its item is as the removal asks.
      const item = state.items.get(command.itemId);
      return item !== undefined && !item.checklist.some((entry) => entry.entryId === command.entryId);
    }
    case "removeComment":
      return state.comments.get(command.commentId)?.removed === true;
    case "restoreItem":
      return state.items.has(command.itemId);
    case "restoreColumn":
      return state.columns.has(command.columnId);
    default:
      // Adding something (an id is new each time) and moving or renaming (always a change) never hold.
      return false;
  }
}

function checklistEntry(state: BoardState, itemId: string, entryId: string) {
  return state.items.get(itemId)?.checklist.find((entry) => entry.entryId === entryId);
}
