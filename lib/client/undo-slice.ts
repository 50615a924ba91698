// This browser's undo and redo stacks for one board (README, Undo and redo): this person's own
// changes only, each step one gesture. A step holds what to send to take it back (or to do it
// again), computed when it was made from the board as it was before; sending it makes the
// opposite step. Actions say what happened, as on the board slice.
import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import type { Intent } from "@/lib/domain";
import { commandRejected } from "./board-slice";

export interface UndoStep {
  readonly id: string;
  /** The change in words, as it was made ("rename item “Milk” to “Oat milk”"). */
  readonly label: string;
  /** What to send, in order, to take the change back (on the undo stack) or make it again (redo). */
  readonly intents: readonly Intent[];
  /** The commands the change went out as: one the server refuses leaves no step to take back. */
  readonly commandIds: readonly string[];
  /**
   * What the change set (a title, a description…, see undo-holds): the step applies only while the
   * board still holds it. Absent on steps kept by an earlier version.
   */
  readonly set?: readonly Intent[];
}

export type Direction = "undo" | "redo";

export interface UndoState {
  /** Oldest first: the last is what Undo takes back. */
  readonly done: readonly UndoStep[];
  /** Oldest first: the last is what Redo does again. */
  readonly undone: readonly UndoStep[];
  /** What the last undo or redo did or skipped, in words (the live region says it). */
  readonly said: { readonly id: string; readonly text: string } | null;
}

/** Steps kept per board and direction: older ones fall off (their changes stay, they are not undoable). */
export const UNDO_MAX = 100;

export const noUndo: UndoState = { done: [], undone: [], said: null };

const sourceOf = (direction: Direction) => (direction === "undo" ? "done" : "undone");
const targetOf = (direction: Direction) => (direction === "undo" ? "undone" : "done");

/** The stacks without the step `stepId` (if it is still the next one), saying `said` of it. */
function withoutLast(
  state: UndoState,
  { direction, stepId }: { direction: Direction; stepId: string },
  said: (label: string) => string,
): UndoState {
  const from = state[sourceOf(direction)];
  const step = from.at(-1);
  if (step?.id !== stepId) return state;
  return {
    ...state,
    [sourceOf(direction)]: from.slice(0, -1),
    said: { id: `dropped-${stepId}`, text: said(step.label) },
  };
}

const undoSlice = createSlice({
  name: "undo",
  initialState: noUndo,
  reducers: {
    /** A person's own change: the next step to undo; what was undone cannot be redone after it. */
    changeMade: (state, action: PayloadAction<UndoStep>) => ({
      done: [...state.done, action.payload].slice(-UNDO_MAX),
      undone: [],
      said: null,
    }),

    /** A step was sent back (undo) or again (redo): its opposite goes on the other stack. */
    stepReplayed: (state, action: PayloadAction<{ direction: Direction; stepId: string; opposite: UndoStep }>) => {
      const { direction, stepId, opposite } = action.payload;
      const from = state[sourceOf(direction)];
      if (from.at(-1)?.id !== stepId) return state;
      const text = `${direction === "undo" ? "Undone" : "Redone"}: ${opposite.label}.`;
      return {
        ...state,
        [sourceOf(direction)]: from.slice(0, -1),
        [targetOf(direction)]: [...state[targetOf(direction)], opposite].slice(-UNDO_MAX),
        said: { id: opposite.id, text },
      };
    },

    /** A step could not be sent (someone else removed what it is about): it leaves, and the person is told why. */
    stepSkipped: (state, action: PayloadAction<{ direction: Direction; stepId: string; reason: string }>) => {
      const { direction, reason } = action.payload;
      return withoutLast(
        state,
        action.payload,
        (label) => `Couldn’t ${direction} “${label}”: ${reason} That step is skipped.`,
      );
    },

    /**
     * The board already is as a step would make it (someone took the change back, or made it
     * again, first): it leaves, nothing is sent, and the person is told so.
     */
    stepAlreadySo: (state, action: PayloadAction<{ direction: Direction; stepId: string }>) => {
      const { direction } = action.payload;
      const as = direction === "undo" ? "before" : "after";
      return withoutLast(
        state,
        action.payload,
        (label) => `Nothing to ${direction}: the board is already as ${as} “${label}”.`,
      );
    },

    /**
     * The stacks this browser kept for the board (IndexedDB), read at start: they come first, any
     * step made meanwhile after them.
     */
    stacksRestored: (state, action: PayloadAction<Pick<UndoState, "done" | "undone">>) => {
      const { done, undone } = action.payload;
      const known = new Set([...state.done, ...state.undone].map((step) => step.id));
      return {
        ...state,
        done: [...done.filter((step) => !known.has(step.id)), ...state.done].slice(-UNDO_MAX),
        undone:
          state.done.length > 0 ? state.undone : [...undone.filter((step) => !known.has(step.id)), ...state.undone],
      };
    },

    /** Another tab of this browser changed the stacks: they are the browser's, so this tab's too. */
    stacksShared: (state, action: PayloadAction<Pick<UndoState, "done" | "undone">>) => ({
      ...state,
      done: action.payload.done,
      undone: action.payload.undone,
    }),
  },
  extraReducers: (builder) => {
    // The server refused a change: there is nothing of it to take back or to do again — unless
    // it was made again (placed anew), and the step takes that back instead.
    builder.addCase(commandRejected, (state, action) => {
      const { commandId, replacedBy } = action.payload;
      const keep = (steps: readonly UndoStep[]) =>
        replacedBy === undefined
          ? steps.filter((step) => !step.commandIds.includes(commandId))
          : steps.map((step) =>
              step.commandIds.includes(commandId)
                ? { ...step, commandIds: step.commandIds.map((id) => (id === commandId ? replacedBy : id)) }
                : step,
            );
      const done = keep(state.done);
      const undone = keep(state.undone);
      const same = (a: readonly UndoStep[], b: readonly UndoStep[]) =>
        a.length === b.length && a.every((step, index) => step === b[index]);
      return same(done, state.done) && same(undone, state.undone) ? state : { ...state, done, undone };
    });
  },
});

export const { changeMade, stepReplayed, stepSkipped, stepAlreadySo, stacksRestored, stacksShared } = undoSlice.actions;
export const undoReducer = undoSlice.reducer;
