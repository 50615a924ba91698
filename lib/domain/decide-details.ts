// decide, for what is on an item (description, due date, labels, assignees, checklist, comments)
// and the board's labels. An edit that changes nothing is a conflict, as completing a completed
// item is: the person is told, and the log keeps only changes.
import type { Command } from "./commands";
import {
  accept,
  count,
  type Decision,
  full,
  ITEM_LIMITS,
  idInUse,
  isDecision,
  itemOrMissing,
  missingLabel,
  reject,
} from "./decision";
import type { Actor } from "./events";
import { positionAfter } from "./positions";
import type { BoardState, ItemState } from "./state";

export type DetailCommand = Extract<
  Command,
  {
    type:
      | "describeItem"
      | "setItemDue"
      | "addLabel"
      | "editLabel"
      | "removeLabel"
      | "labelItem"
      | "unlabelItem"
      | "assignItem"
      | "unassignItem"
      | "addChecklistEntry"
      | "editChecklistEntry"
      | "checkChecklistEntry"
      | "uncheckChecklistEntry"
      | "removeChecklistEntry"
      | "moveChecklistEntry"
      | "commentOnItem"
      | "editComment"
      | "removeComment";
  }
>;

export function decideDetails(state: BoardState, command: DetailCommand, actor: Actor): Decision {
  switch (command.type) {
    case "describeItem": {
      const { itemId, description } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      if (item.description === description) {
        return reject(
          "conflict",
          description === ""
            ? `Item “${item.title}” has no description already.`
            : `Item “${item.title}” already has this description.`,
        );
      }
      return accept({ type: "ItemDescribed", data: { itemId, description } });
    }

    case "setItemDue": {
      const { itemId, due } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      if (item.due === due) {
        return reject(
          "conflict",
          due === null
            ? `Item “${item.title}” has no due date already.`
            : `Item “${item.title}” is already due on ${due}.`,
        );
      }
      return accept({ type: "ItemDueSet", data: { itemId, due } });
    }

    case "addLabel": {
      const { labelId, name, color } = command;
      const problem = idInUse(state, labelId) ?? full(state, "labels");
      if (problem) return problem;
      return accept({ type: "LabelAdded", data: { labelId, name, color } });
    }

    case "editLabel": {
      const { labelId } = command;
      const missing = missingLabel(state, labelId);
      if (missing) return missing;
      const label = state.labels.get(labelId)!;
      const name = command.name ?? label.name;
      const color = command.color ?? label.color;
      if (name === label.name && color === label.color) {
        return reject("conflict", `Label “${label.name}” is already named and coloured that way.`);
      }
      return accept({ type: "LabelEdited", data: { labelId, name, color } });
    }

    case "removeLabel": {
      const missing = missingLabel(state, command.labelId);
      if (missing) return missing;
      return accept({ type: "LabelRemoved", data: { labelId: command.labelId } });
    }

    case "labelItem":
    case "unlabelItem": {
      const { itemId, labelId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const missing = missingLabel(state, labelId);
      if (missing) return missing;
      const name = state.labels.get(labelId)!.name;
      const has = item.labels.includes(labelId);
      if (command.type === "labelItem") {
        if (has) return reject("conflict", `Item “${item.title}” already has label “${name}”.`);
        return accept({ type: "ItemLabeled", data: { itemId, labelId } });
      }
      if (!has) return reject("conflict", `Item “${item.title}” does not have label “${name}”.`);
      return accept({ type: "ItemUnlabeled", data: { itemId, labelId } });
    }

    case "assignItem":
    case "unassignItem": {
      const { itemId, memberId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      // The one asking is a member from this very command on (its event carries their id).
      const member = state.members.get(memberId) ?? (memberId === actor.id ? { name: actor.name } : undefined);
      const assigned = item.assignees.includes(memberId);
      if (!member && !assigned) return reject("not_found", `There is no member ${memberId} on this board.`);
      const who = member ? `“${member.name}”` : `Member ${memberId}`;
      if (command.type === "assignItem") {
        if (assigned) return reject("conflict", `${who} is already assigned to item “${item.title}”.`);
        return accept({ type: "ItemAssigned", data: { itemId, memberId } });
      }
      if (!assigned) return reject("conflict", `${who} is not assigned to item “${item.title}”.`);
      return accept({ type: "ItemUnassigned", data: { itemId, memberId } });
    }

    case "addChecklistEntry": {
      const { itemId, entryId, text, afterEntryId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      if (item.checklist.some((entry) => entry.entryId === entryId)) {
        return reject("conflict", `The id ${entryId} is already in use on item “${item.title}”.`);
      }
      if (item.checklist.length >= ITEM_LIMITS.checklistEntries) {
        return reject(
          "conflict",
          `Item “${item.title}” already has ${count(ITEM_LIMITS.checklistEntries)} checklist entries, the most an item can hold.`,
        );
      }
      if (afterEntryId) {
        const missing = missingEntry(item, afterEntryId);
        if (missing) return missing;
      }
      const siblings = item.checklist.map((entry) => ({ id: entry.entryId, position: entry.position }));
      const position = positionAfter(siblings, afterEntryId) as string;
      return accept({ type: "ChecklistEntryAdded", data: { itemId, entryId, text, position } });
    }

    case "editChecklistEntry": {
      const { itemId, entryId, text } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const entry = item.checklist.find((candidate) => candidate.entryId === entryId);
      if (!entry) return missingEntry(item, entryId) as Decision;
      if (entry.text === text) return reject("conflict", `The checklist entry already says “${text}”.`);
      return accept({ type: "ChecklistEntryEdited", data: { itemId, entryId, text } });
    }

    case "checkChecklistEntry":
    case "uncheckChecklistEntry": {
      const { itemId, entryId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const entry = item.checklist.find((candidate) => candidate.entryId === entryId);
      if (!entry) return missingEntry(item, entryId) as Decision;
      const checking = command.type === "checkChecklistEntry";
      if (entry.done === checking) {
        return reject(
          "conflict",
          `“${entry.text}” on item “${item.title}” is already ${checking ? "checked" : "unchecked"}.`,
        );
      }
      return accept(
        checking
          ? { type: "ChecklistEntryChecked", data: { itemId, entryId } }
          : { type: "ChecklistEntryUnchecked", data: { itemId, entryId } },
      );
    }

    case "removeChecklistEntry": {
      const { itemId, entryId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const missing = missingEntry(item, entryId);
      if (missing) return missing;
      return accept({ type: "ChecklistEntryRemoved", data: { itemId, entryId } });
    }

    case "moveChecklistEntry": {
      const { itemId, entryId, afterEntryId } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const missing = missingEntry(item, entryId) ?? (afterEntryId ? missingEntry(item, afterEntryId) : undefined);
      if (missing) return missing;
      if (afterEntryId === entryId) return reject("invalid", "A checklist entry cannot be moved after itself.");
      const at = item.checklist.findIndex((entry) => entry.entryId === entryId);
      const previous = at > 0 ? item.checklist[at - 1].entryId : null;
      if (previous === afterEntryId) {
        return reject("conflict", `“${item.checklist[at].text}” is already there on the checklist of “${item.title}”.`);
      }
      const siblings = item.checklist.map((entry) => ({ id: entry.entryId, position: entry.position }));
      const position = positionAfter(siblings, afterEntryId, entryId) as string;
      return accept({ type: "ChecklistEntryMoved", data: { itemId, entryId, position } });
    }

    case "commentOnItem": {
      const { itemId, commentId, text } = command;
      const item = itemOrMissing(state, itemId);
      if (isDecision(item)) return item;
      const taken = idInUse(state, commentId);
      if (taken) return taken;
      if (item.comments.length >= ITEM_LIMITS.comments) {
        return reject(
          "conflict",
          `Item “${item.title}” already has ${count(ITEM_LIMITS.comments)} comments, the most an item can hold.`,
        );
      }
      return accept({ type: "ItemCommented", data: { itemId, commentId, text } });
    }

    case "editComment":
    case "removeComment": {
      const { commentId } = command;
      const editing = command.type === "editComment";
      const ref = state.comments.get(commentId);
      if (!ref) return reject("not_found", `There is no comment ${commentId} on this board.`);
      if (ref.removed) return reject("not_found", "That comment was removed.");
      const item = itemOrMissing(state, ref.itemId);
      if (isDecision(item)) return item;
      const comment = item.comments.find((candidate) => candidate.commentId === commentId);
      if (!comment) return reject("not_found", "That comment was removed.");
      if (ref.authorId !== actor.id) {
        return reject(
          "forbidden",
          `Only the person who wrote a comment may ${editing ? "edit" : "remove"} it, and this one is by ${comment.author.name}.`,
        );
      }
      if (!editing) return accept({ type: "CommentRemoved", data: { commentId } });
      if (comment.text === command.text) return reject("conflict", "The comment already says that.");
      return accept({ type: "CommentEdited", data: { commentId, text: command.text } });
    }

    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function missingEntry(item: ItemState, entryId: string): Decision | undefined {
  if (item.checklist.some((entry) => entry.entryId === entryId)) return undefined;
  return reject("not_found", `Item “${item.title}” has no checklist entry ${entryId}.`);
}
