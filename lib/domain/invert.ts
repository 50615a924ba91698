// invert: the commands that take a change back, computed from the board as it was BEFORE the
// change (README, Undo and redo). Undo is compensation, never a rewind: what it sends are ordinary
// commands, decided like any other. Pure: the ids a compensation needs (a label or a comment that
// comes back under a new id) are made outside and passed in, as every id is.
import type { Command } from "./commands";
import { type BoardState, columnsInOrder, itemsInOrder } from "./state";

type WithoutId<T> = T extends unknown ? Omit<T, "commandId"> : never;

/** A command before it is given its `commandId` (every send of it gets a fresh one). */
export type Intent = WithoutId<Command>;

/** The intent of a command: the same fields without its `commandId`. */
export function intentOf(command: Command): Intent {
  const { commandId: _id, ...intent } = command;
  return intent as Intent;
}

/** The command an intent becomes when it is sent with `commandId`. */
export function withCommandId(intent: Intent, commandId: string): Command {
  return { commandId, ...intent } as Command;
}

/**
 * The intents that undo `command`, which `before` accepted: sent in order on the board right after
 * it, they bring back what a person saw before (README, Undo and redo, says what comes back
 * under a new id). A command `before` would refuse has nothing to undo: no intents.
 */
export function invert(before: BoardState, command: Command | Intent, newId: () => string): Intent[] {
  switch (command.type) {
    case "renameBoard":
      return [{ type: "renameBoard", title: before.title }];

    case "addColumn":
      return before.columns.has(command.columnId) ? [] : [{ type: "removeColumn", columnId: command.columnId }];

    case "renameColumn": {
      const column = before.columns.get(command.columnId);
      return column ? [{ type: "renameColumn", columnId: column.columnId, title: column.title }] : [];
    }

    case "moveColumn": {
      if (!before.columns.has(command.columnId)) return [];
      const ordered = columnsInOrder(before);
      const at = ordered.findIndex((column) => column.columnId === command.columnId);
      return [{ type: "moveColumn", columnId: command.columnId, afterColumnId: ordered[at - 1]?.columnId ?? null }];
    }

    case "removeColumn":
      return before.columns.has(command.columnId) ? [{ type: "restoreColumn", columnId: command.columnId }] : [];

    case "setColumnLimit": {
      const column = before.columns.get(command.columnId);
      return column ? [{ type: "setColumnLimit", columnId: column.columnId, limit: column.limit }] : [];
    }

    case "restoreColumn":
      return before.bin.get(command.columnId)?.kind === "column"
        ? [{ type: "removeColumn", columnId: command.columnId }]
        : [];

    case "addItem":
      return before.items.has(command.itemId) ? [] : [{ type: "removeItem", itemId: command.itemId }];

    case "renameItem": {
      const item = before.items.get(command.itemId);
      return item ? [{ type: "renameItem", itemId: item.itemId, title: item.title }] : [];
    }

    case "completeItem":
    case "reopenItem": {
      const item = before.items.get(command.itemId);
      if (!item) return [];
      return [{ type: item.completed ? "completeItem" : "reopenItem", itemId: item.itemId }];
    }

    case "moveItem": {
      const item = before.items.get(command.itemId);
      if (!item) return [];
      const siblings = itemsInOrder(before, item.columnId);
      const at = siblings.findIndex((sibling) => sibling.itemId === item.itemId);
      return [
        {
          type: "moveItem",
          itemId: item.itemId,
          columnId: item.columnId,
          afterItemId: siblings[at - 1]?.itemId ?? null,
        },
      ];
    }

    case "removeItem":
      // A restore that names no place puts the item back where it was (decide.ts, restoreItem).
      return before.items.has(command.itemId) ? [{ type: "restoreItem", itemId: command.itemId }] : [];

    case "restoreItem":
      return before.bin.get(command.itemId)?.kind === "item" ? [{ type: "removeItem", itemId: command.itemId }] : [];

    case "describeItem": {
      const item = before.items.get(command.itemId);
      return item ? [{ type: "describeItem", itemId: item.itemId, description: item.description }] : [];
    }

    case "setItemDue": {
      const item = before.items.get(command.itemId);
      return item ? [{ type: "setItemDue", itemId: item.itemId, due: item.due }] : [];
    }

    case "addLabel":
      return before.labels.has(command.labelId) ? [] : [{ type: "removeLabel", labelId: command.labelId }];

    case "editLabel": {
      const label = before.labels.get(command.labelId);
      return label ? [{ type: "editLabel", labelId: label.labelId, name: label.name, color: label.color }] : [];
    }

    case "removeLabel": {
      // A removed label's id stays taken: it comes back as a new label of the same name and
      // colour, on the items of the board that had it.
      const label = before.labels.get(command.labelId);
      if (!label) return [];
      const labelId = newId();
      const intents: Intent[] = [{ type: "addLabel", labelId, name: label.name, color: label.color }];
      for (const item of before.items.values()) {
        if (item.labels.includes(label.labelId)) intents.push({ type: "labelItem", itemId: item.itemId, labelId });
      }
      return intents;
    }

    case "labelItem":
    case "unlabelItem": {
      const item = before.items.get(command.itemId);
      if (!item) return [];
      const had = item.labels.includes(command.labelId);
      return [{ type: had ? "labelItem" : "unlabelItem", itemId: item.itemId, labelId: command.labelId }];
    }

    case "assignItem":
    case "unassignItem": {
      const item = before.items.get(command.itemId);
      if (!item) return [];
      const had = item.assignees.includes(command.memberId);
      return [{ type: had ? "assignItem" : "unassignItem", itemId: item.itemId, memberId: command.memberId }];
    }

    case "addChecklistEntry":
      return before.items.has(command.itemId)
        ? [{ type: "removeChecklistEntry", itemId: command.itemId, entryId: command.entryId }]
        : [];

    case "editChecklistEntry": {
      const entry = before.items.get(command.itemId)?.checklist.find((found) => found.entryId === command.entryId);
      return entry
        ? [{ type: "editChecklistEntry", itemId: command.itemId, entryId: entry.entryId, text: entry.text }]
        : [];
    }

    case "checkChecklistEntry":
    case "uncheckChecklistEntry": {
      const entry = before.items.get(command.itemId)?.checklist.find((found) => found.entryId === command.entryId);
      if (!entry) return [];
      const type = entry.done ? "checkChecklistEntry" : "uncheckChecklistEntry";
      return [{ type, itemId: command.itemId, entryId: entry.entryId }];
    }

    case "removeChecklistEntry":
    case "moveChecklistEntry": {
      const checklist = before.items.get(command.itemId)?.checklist ?? [];
      const at = checklist.findIndex((found) => found.entryId === command.entryId);
      if (at === -1) return [];
      const entry = checklist[at];
      const afterEntryId = checklist[at - 1]?.entryId ?? null;
      if (command.type === "moveChecklistEntry") {
        return [{ type: "moveChecklistEntry", itemId: command.itemId, entryId: entry.entryId, afterEntryId }];
      }
      // An entry's id is free again on its item once it is removed: it comes back as itself.
      const added: Intent = {
        type: "addChecklistEntry",
        itemId: command.itemId,
        entryId: entry.entryId,
        text: entry.text,
        afterEntryId,
      };
      return entry.done
        ? [added, { type: "checkChecklistEntry", itemId: command.itemId, entryId: entry.entryId }]
        : [added];
    }

    case "commentOnItem":
      return before.items.has(command.itemId) ? [{ type: "removeComment", commentId: command.commentId }] : [];

    case "editComment":
    case "removeComment": {
      const ref = before.comments.get(command.commentId);
      const comment =
        ref && before.items.get(ref.itemId)?.comments.find((found) => found.commentId === command.commentId);
      if (!ref || !comment) return [];
      if (command.type === "editComment")
        return [{ type: "editComment", commentId: comment.commentId, text: comment.text }];
      // A removed comment's id stays taken: its text comes back as a new comment, the latest.
      return [{ type: "commentOnItem", itemId: ref.itemId, commentId: newId(), text: comment.text }];
    }

    default: {
      const _never: never = command;
      return _never;
    }
  }
}
