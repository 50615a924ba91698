// What undo promises to bring back (README, Undo and redo): the board as a person sees it. This
// is the equality the inverse tests compare, and precisely what it leaves out:
// - positions (the strings): a move back lands between the same neighbours under a new string,
//   so the ORDER of columns, items and checklist entries is compared instead;
// - label and comment ids: a removed label or comment cannot come back under its id (ids stay
//   taken), so labels compare by name and colour, a board's labels and an item's labels as sets
//   (one that comes back is the newest), and comments as a set of author and text (one that
//   comes back is the latest, written now), without their `edited` mark;
// - assignees as a set (one put back comes last);
// - the removed list as a set (a thing removed again is the most recent removal), and undoing an
//   add parks the thing there instead of erasing it (the log forgets nothing): the callers say so.
import {
  type Actor,
  type BoardState,
  type Command,
  decide,
  fold,
  type Intent,
  stamped,
  toView,
  withCommandId,
} from "@/lib/domain";
import { AT } from "./given";

export function seen(state: BoardState) {
  const labelName = (labelId: string) => {
    const label = state.labels.get(labelId);
    return label ? `${label.name}/${label.color}` : `(gone ${labelId})`;
  };
  const view = toView(state);
  return {
    title: view.title,
    columns: view.columns.map((column) => ({
      columnId: column.columnId,
      title: column.title,
      limit: column.limit,
      items: column.items.map((item) => ({
        itemId: item.itemId,
        title: item.title,
        completed: item.completed,
        description: item.description,
        due: item.due,
        labels: item.labels.map(labelName).sort(),
        assignees: [...item.assignees].sort(),
        checklist: item.checklist.map(({ entryId, text, done }) => ({ entryId, text, done })),
        comments: item.comments.map((comment) => `${comment.author.id}: ${comment.text}`).sort(),
      })),
    })),
    labels: view.labels.map((label) => `${label.name}/${label.color}`).sort(),
    members: view.members,
    removed: view.removed.map((entry) => `${entry.kind} ${entry.id} ${entry.title}`).sort(),
  };
}

let serial = 0;
export const freshCommandId = () => `00000000-0000-4000-9000-${String(++serial).padStart(12, "0")}`;
export const freshEntityId = () => `undo-made-${String(++serial).padStart(14, "0")}`;

/** Decides and folds one command or intent as `actor`; throws (failing the test) when it is refused. */
export function applied(state: BoardState, command: Command | Intent, actor: Actor): BoardState {
  const sent = "commandId" in command ? command : withCommandId(command, freshCommandId());
  const decision = decide(state, sent, actor);
  if (!decision.ok) {
    throw new Error(`${sent.type} was refused: ${decision.rejection.reason} (${JSON.stringify(sent)})`);
  }
  return fold(state, stamped(decision.events, actor, AT));
}

/** Sends intents in order, each decided on the board the previous one left. */
export function appliedAll(state: BoardState, intents: readonly Intent[], actor: Actor): BoardState {
  return intents.reduce((board, intent) => applied(board, intent, actor), state);
}
