// What a step set that someone else may have set again since (README, Undo and redo): a title, a
// description, a due date, a limit, a label's name or colour, an entry's or a comment's text. Undo
// and redo send values worked out from the board as it was; sent over another person's later
// value, they would wipe it out. So a step keeps the setting changes it made, and applies only
// while the board still holds each of them.
import { alreadySo, type BoardState, type Intent, withCommandId } from "@/lib/domain";

// Only checked, never sent.
const CHECKING_ID = "00000000-0000-4000-8000-000000000000";

const SETTINGS = new Set<Intent["type"]>([
  "renameBoard",
  "renameColumn",
  "renameItem",
  "describeItem",
  "setItemDue",
  "setColumnLimit",
  "editLabel",
  "editChecklistEntry",
  "editComment",
]);

/** The setting changes among `intents`: what a step must still find on the board to apply. */
export function settingChanges(intents: readonly Intent[]): Intent[] {
  return intents.filter((intent) => SETTINGS.has(intent.type));
}

/**
 * Whether the board still holds what the setting change `intent` set: false once someone set it
 * again; undefined when `intent` sets nothing, or what it is about is gone (why a step then cannot
 * apply is said by its own check).
 */
export function holds(state: BoardState, intent: Intent): boolean | undefined {
  if (!SETTINGS.has(intent.type)) return undefined;
  switch (intent.type) {
    case "renameBoard":
      return state.title === intent.title;
    case "renameColumn": {
      const column = state.columns.get(intent.columnId);
      return column === undefined ? undefined : column.title === intent.title;
    }
    case "renameItem": {
      const item = state.items.get(intent.itemId);
      return item === undefined ? undefined : item.title === intent.title;
    }
    default:
      return isThere(state, intent) ? alreadySo(state, withCommandId(intent, CHECKING_ID)) : undefined;
  }
}

function isThere(state: BoardState, intent: Intent): boolean {
  switch (intent.type) {
    case "describeItem":
    case "setItemDue":
      return state.items.has(intent.itemId);
    case "setColumnLimit":
      return state.columns.has(intent.columnId);
    case "editLabel":
      return state.labels.has(intent.labelId);
    case "editChecklistEntry":
      return state.items.get(intent.itemId)?.checklist.some((entry) => entry.entryId === intent.entryId) === true;
    case "editComment": {
      const ref = state.comments.get(intent.commentId);
      return ref !== undefined && !ref.removed;
    }
    default:
      return false;
  }
}

/** Whether someone set again, since, something the step set: then the step no longer applies. */
export function changedSince(state: BoardState, set: readonly Intent[] | undefined): boolean {
  return (set ?? []).some((intent) => holds(state, intent) === false);
}
