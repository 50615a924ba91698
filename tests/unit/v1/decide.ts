// The v1 build's decide, kept verbatim (commit 034e929) as the oracle that v2 must agree with on
// v1 logs and commands: only imports were changed (and v1's command type narrowed to v1's commands).
// decide: (state, command) → the events it appends, or a rejection in words. No I/O, no clock.
import { type Command as AnyCommand, positionAfter, type Rejection } from "@/lib/domain";
import type { DomainEvent } from "./evolve";
import { type BoardState, columnsInOrder, itemsInOrder } from "./state";

export type Command = Extract<
  AnyCommand,
  {
    type:
      | "renameBoard"
      | "addColumn"
      | "renameColumn"
      | "moveColumn"
      | "removeColumn"
      | "addItem"
      | "renameItem"
      | "completeItem"
      | "reopenItem"
      | "moveItem"
      | "removeItem";
  }
>;

export type Decision =
  | { readonly ok: true; readonly events: readonly DomainEvent[] }
  | { readonly ok: false; readonly rejection: Rejection };

const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
const reject = (code: Rejection["code"], reason: string): Decision => ({ ok: false, rejection: { code, reason } });

/** The most a board holds: beyond this a board is unwieldy to render and to fold on a phone. */
export const BOARD_LIMITS = { columns: 100, items: 5000 } as const;

function full(state: BoardState, kind: "columns" | "items"): Decision | undefined {
  if (state[kind].size < BOARD_LIMITS[kind]) return undefined;
  const most = BOARD_LIMITS[kind].toLocaleString("en-US");
  return {
    ok: false,
    rejection: { code: "conflict", reason: `This board already has ${most} ${kind}, the most a board can hold.` },
  };
}

export function decide(state: BoardState, command: Command): Decision {
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
        return reject("conflict", `Item "${item.title}" is already ${completing ? "completed" : "open"}.`);
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

    default: {
      const _never: never = command;
      return _never;
    }
  }
}

function columnSiblings(state: BoardState) {
  return columnsInOrder(state).map((column) => ({ id: column.columnId, position: column.position }));
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
      return reject("conflict", `Item "${after.title}" is not in column "${column?.title}".`);
    }
  }
  const siblings = itemsInOrder(state, columnId).map((item) => ({ id: item.itemId, position: item.position }));
  return positionAfter(siblings, afterItemId, movingId) as string;
}

function idInUse(state: BoardState, id: string): Decision | undefined {
  if (state.columns.has(id) || state.items.has(id) || state.removed.has(id)) {
    return reject("conflict", `The id ${id} is already in use on this board.`);
  }
  return undefined;
}

function missingColumn(state: BoardState, columnId: string): Decision | undefined {
  if (state.columns.has(columnId)) return undefined;
  const gone = state.removed.get(columnId);
  if (gone?.kind === "column") return reject("not_found", `Column "${gone.title}" was removed.`);
  return reject("not_found", `There is no column ${columnId} on this board.`);
}

function missingItem(state: BoardState, itemId: string): Decision | undefined {
  if (state.items.has(itemId)) return undefined;
  const gone = state.removed.get(itemId);
  if (gone?.kind === "item") {
    const how = gone.column === undefined ? "" : ` with column "${gone.column}"`;
    return reject("not_found", `Item "${gone.title}" was removed${how}.`);
  }
  return reject("not_found", `There is no item ${itemId} on this board.`);
}
