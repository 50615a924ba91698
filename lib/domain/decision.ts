// What decide answers, and the checks every kind of command shares: does the thing exist, is the
// id free, is the board full. Each refusal is a sentence naming what it is about.
import type { Rejection } from "./commands";
import type { DomainEvent } from "./events";
import type { BoardState, ItemState } from "./state";

export type Decision =
  | { readonly ok: true; readonly events: readonly DomainEvent[] }
  | { readonly ok: false; readonly rejection: Rejection };

export const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
export const reject = (code: Rejection["code"], reason: string): Decision => ({
  ok: false,
  rejection: { code, reason },
});

/** The most a board holds: beyond this a board is unwieldy to render and to fold on a phone. */
export const BOARD_LIMITS = { columns: 100, items: 5000, labels: 100 } as const;

/** The most one item holds, for the same reason (its dialog, its card, the board's state). */
export const ITEM_LIMITS = { checklistEntries: 100, comments: 1000 } as const;

export const count = (n: number) => n.toLocaleString("en-US");

export function full(state: BoardState, kind: keyof typeof BOARD_LIMITS): Decision | undefined {
  if (state[kind].size < BOARD_LIMITS[kind]) return undefined;
  return reject("conflict", `This board already has ${count(BOARD_LIMITS[kind])} ${kind}, the most a board can hold.`);
}

/** Ids on a board are never reused: not while their thing is there, nor once it was removed. */
export function idInUse(state: BoardState, id: string): Decision | undefined {
  if (
    state.columns.has(id) ||
    state.items.has(id) ||
    state.removed.has(id) ||
    state.labels.has(id) ||
    state.comments.has(id)
  ) {
    return reject("conflict", `The id ${id} is already in use on this board.`);
  }
  return undefined;
}

export function missingColumn(state: BoardState, columnId: string): Decision | undefined {
  if (state.columns.has(columnId)) return undefined;
  const gone = state.removed.get(columnId);
  if (gone?.kind === "column") return reject("not_found", `Column “${gone.title}” was removed.`);
  return reject("not_found", `There is no column ${columnId} on this board.`);
}

export function missingItem(state: BoardState, itemId: string): Decision | undefined {
  if (state.items.has(itemId)) return undefined;
  const gone = state.removed.get(itemId);
  if (gone?.kind === "item") {
    const how = gone.column === undefined ? "" : ` with column “${gone.column}”`;
    return reject("not_found", `Item “${gone.title}” was removed${how}.`);
  }
  return reject("not_found", `There is no item ${itemId} on this board.`);
}

export function missingLabel(state: BoardState, labelId: string): Decision | undefined {
  if (state.labels.has(labelId)) return undefined;
  const gone = state.removed.get(labelId);
  if (gone?.kind === "label") return reject("not_found", `Label “${gone.title}” was removed.`);
  return reject("not_found", `There is no label ${labelId} on this board.`);
}

/** The item, or why there is none (its decision). */
export function itemOrMissing(state: BoardState, itemId: string): ItemState | Decision {
  return state.items.get(itemId) ?? (missingItem(state, itemId) as Decision);
}

export const isDecision = (value: object): value is Decision => "ok" in value;
