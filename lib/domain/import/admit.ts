// Whether an event read from a file can follow the board it is replayed onto. `evolve` treats an
// event about something gone as a fact that changes nothing (a live log never holds one: every
// event was decided on the state before it); an imported log is checked instead, so that a file
// whose events do not fold — an item that never existed, a comment edited by someone else — is
// refused with the reason, rather than imported as a board that differs from the one exported.
// The checks are decide's own (decision.ts), applied to the event rather than to a command.
import {
  BOARD_LIMITS,
  count,
  type Decision,
  full,
  ITEM_LIMITS,
  idInUse,
  missingColumn,
  missingItem,
  missingLabel,
} from "../decision";
import type { Envelope } from "../events";
import type { BoardState } from "../state";

const why = (decision: Decision | undefined) => (decision && !decision.ok ? decision.rejection.reason : undefined);

/** Why `event` cannot follow `state`, in words; undefined when it can. */
export function admit(state: BoardState, event: Envelope): string | undefined {
  switch (event.type) {
    case "BoardCreated":
      return "A board is created by its first event only.";
    case "BoardRenamed":
      return undefined;
    case "ColumnAdded":
      return why(idInUse(state, event.data.columnId) ?? full(state, "columns"));
    case "ColumnRenamed":
    case "ColumnMoved":
    case "ColumnRemoved":
    case "ColumnLimitSet":
      return why(missingColumn(state, event.data.columnId));
    case "ColumnRestored": {
      const { columnId } = event.data;
      const removal = state.bin.get(columnId);
      if (removal?.kind !== "column") return `There is no removed column ${columnId} to restore.`;
      const returning = removal.items.filter((itemId) => {
        const left = state.bin.get(itemId);
        return left?.kind === "item" && left.withColumn === columnId;
      }).length;
      if (state.items.size + returning > BOARD_LIMITS.items) {
        return `Restoring column “${removal.column.title}” would bring the board past ${count(BOARD_LIMITS.items)} items.`;
      }
      return why(full(state, "columns"));
    }
    case "ItemAdded":
      return why(
        idInUse(state, event.data.itemId) ?? missingColumn(state, event.data.columnId) ?? full(state, "items"),
      );
    case "ItemTitleUpdated":
    case "ItemCompleted":
    case "ItemReopened":
    case "ItemRemoved":
    case "ItemDescribed":
    case "ItemDueSet":
    case "ItemUnassigned":
      return why(missingItem(state, event.data.itemId));
    case "ItemMoved":
      return why(missingItem(state, event.data.itemId) ?? missingColumn(state, event.data.columnId));
    case "ItemRestored": {
      const { itemId, columnId } = event.data;
      if (state.bin.get(itemId)?.kind !== "item") return `There is no removed item ${itemId} to restore.`;
      return why(full(state, "items") ?? missingColumn(state, columnId));
    }
    case "LabelAdded":
      return why(idInUse(state, event.data.labelId) ?? full(state, "labels"));
    case "LabelEdited":
    case "LabelRemoved":
      return why(missingLabel(state, event.data.labelId));
    case "ItemLabeled":
    case "ItemUnlabeled":
      return why(missingItem(state, event.data.itemId) ?? missingLabel(state, event.data.labelId));
    case "ItemAssigned": {
      const { itemId, memberId } = event.data;
      const missing = why(missingItem(state, itemId));
      if (missing) return missing;
      // The one assigning may assign themselves: their own event makes them a member.
      if (state.members.has(memberId) || memberId === event.actor?.id) return undefined;
      return `There is no member ${memberId} on this board.`;
    }
    case "ChecklistEntryAdded": {
      const { itemId, entryId } = event.data;
      const item = state.items.get(itemId);
      if (!item) return why(missingItem(state, itemId));
      if (item.checklist.some((entry) => entry.entryId === entryId)) {
        return `The id ${entryId} is already in use on item “${item.title}”.`;
      }
      if (item.checklist.length >= ITEM_LIMITS.checklistEntries) {
        return `Item “${item.title}” already has ${count(ITEM_LIMITS.checklistEntries)} checklist entries, the most an item can hold.`;
      }
      return undefined;
    }
    case "ChecklistEntryEdited":
    case "ChecklistEntryChecked":
    case "ChecklistEntryUnchecked":
    case "ChecklistEntryRemoved":
    case "ChecklistEntryMoved": {
      const { itemId, entryId } = event.data;
      const item = state.items.get(itemId);
      if (!item) return why(missingItem(state, itemId));
      if (item.checklist.some((entry) => entry.entryId === entryId)) return undefined;
      return `Item “${item.title}” has no checklist entry ${entryId}.`;
    }
    case "ItemCommented": {
      const { itemId, commentId } = event.data;
      const item = state.items.get(itemId);
      if (!item) return why(missingItem(state, itemId));
      const taken = why(idInUse(state, commentId));
      if (taken) return taken;
      if (item.comments.length >= ITEM_LIMITS.comments) {
        return `Item “${item.title}” already has ${count(ITEM_LIMITS.comments)} comments, the most an item can hold.`;
      }
      return undefined;
    }
    case "CommentEdited":
    case "CommentRemoved": {
      const { commentId } = event.data;
      const ref = state.comments.get(commentId);
      if (!ref) return `There is no comment ${commentId} on this board.`;
      const item = state.items.get(ref.itemId);
      if (ref.removed || !item || !item.comments.some((comment) => comment.commentId === commentId)) {
        return `Comment ${commentId} is not on the board at that point (it or its item was removed).`;
      }
      // decide lets only a comment's author change it; a log where someone else did is not a log.
      if (ref.authorId !== event.actor?.id) return `Comment ${commentId} was changed by someone other than its author.`;
      return undefined;
    }
    case "MemberAdded": {
      const known = state.members.get(event.data.memberId);
      return known ? `“${known.name}” (${event.data.memberId}) is already a member of this board.` : undefined;
    }
    default: {
      const _never: never = event;
      return `Unknown event: ${JSON.stringify(_never)}`;
    }
  }
}
