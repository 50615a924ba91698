// A change placed after a neighbour — a move or an add "after X" — that the server refused because
// X had gone meanwhile (removed, or moved to another column, while this device was offline) is not
// lost: it is made again, as a new command, placed where X was (after what preceded X there, or
// first), and the person is told nothing went wrong (README, "Offline and installing"). The
// refused command's id stays refused on the server, so the new one applies at most once too.
import {
  type Actor,
  type BoardChange,
  type BoardState,
  type Command,
  columnsInOrder,
  isCreation,
  itemsInOrder,
} from "@/lib/domain";
import { predict } from "./board-slice";
import { newCommandId } from "./ids";

/**
 * The command to send instead of `refused`, on the board as shown without it, or undefined when it
 * was refused for something else (then the person is told why, as for any refusal). A command that
 * applies as it is on that board (its neighbour was itself placed anew a moment ago) goes again as
 * it is.
 */
export function placedAnew(view: BoardState, me: Actor | null, refused: BoardChange): Command | undefined {
  if (isCreation(refused)) return undefined;
  const candidate = reanchored(view, refused as Command);
  if (!candidate) return undefined;
  const again = { ...candidate, commandId: newCommandId() } as Command;
  return predict(view, again, me).ok ? again : undefined;
}

/** The command with a neighbour that is on the board, where it goes; undefined when it names none. */
function reanchored(view: BoardState, command: Command): Command | undefined {
  switch (command.type) {
    case "moveItem":
    case "addItem": {
      const { afterItemId, columnId } = command;
      if (!afterItemId) return undefined;
      const after = view.items.get(afterItemId);
      if (after?.columnId === columnId) return command;
      const moving = command.type === "moveItem" ? command.itemId : undefined;
      return { ...command, afterItemId: itemBefore(view, afterItemId, columnId, moving) };
    }
    case "moveColumn":
    case "addColumn": {
      const { afterColumnId } = command;
      if (!afterColumnId) return undefined;
      if (view.columns.has(afterColumnId)) return command;
      const moving = command.type === "moveColumn" ? command.columnId : undefined;
      return { ...command, afterColumnId: columnBefore(view, afterColumnId, moving) };
    }
    case "moveChecklistEntry":
    case "addChecklistEntry": {
      const { afterEntryId, itemId } = command;
      if (!afterEntryId) return undefined;
      if (view.items.get(itemId)?.checklist.some((entry) => entry.entryId === afterEntryId)) return command;
      // A removed entry leaves no trace of where it was: first.
      return { ...command, afterEntryId: null };
    }
    default:
      return undefined;
  }
}

/**
 * In `columnId`, the item that now precedes where the removed item `goneId` was (null: none, so
 * first); first too when it was never in that column as far as this board knows.
 */
function itemBefore(view: BoardState, goneId: string, columnId: string, movingId: string | undefined): string | null {
  const gone = view.bin.get(goneId);
  if (gone?.kind !== "item" || gone.item.columnId !== columnId) return null;
  const { position } = gone.item;
  let before: string | null = null;
  for (const item of itemsInOrder(view, columnId)) {
    if (item.position >= position) break;
    if (item.itemId !== movingId) before = item.itemId;
  }
  return before;
}

/** The column that now precedes where the removed column `goneId` was (null: none, so first). */
function columnBefore(view: BoardState, goneId: string, movingId: string | undefined): string | null {
  const gone = view.bin.get(goneId);
  if (gone?.kind !== "column") return null;
  const { position } = gone.column;
  let before: string | null = null;
  for (const column of columnsInOrder(view)) {
    if (column.position >= position) break;
    if (column.columnId !== movingId) before = column.columnId;
  }
  return before;
}
