// Undo and redo (README, Undo and redo): compensation, never a rewind. Undo sends the commands
// that take the person's last step back, computed from the board as it was before that step;
// what those commands replace becomes the step Redo sends. A step that can no longer apply
// (someone else removed what it is about) is skipped, and the person is told which and why; one
// someone else already took back (unticked the entry, removed the item) leaves, and is said so.
import { nanoid } from "@reduxjs/toolkit";
import {
  type Actor,
  alreadySo,
  type BoardState,
  describeCommand,
  fold,
  type Intent,
  intentOf,
  invert,
  type Rejection,
  stamped,
  withCommandId,
} from "@/lib/domain";
import { predict } from "./board-slice";
import { newCommandId, newEntityId } from "./ids";
import { inWords } from "./refusal-words";
import { type Issued, sendCommands } from "./send";
import type { AppThunk } from "./store";
import { changedSince, settingChanges } from "./undo-holds";
import { type Direction, stepAlreadySo, stepReplayed, stepSkipped, type UndoStep } from "./undo-slice";

/**
 * The step that takes back what was just issued, as one: the inverse of each command from the
 * board it applied to, the last command's first. Named by `label`, else by the commands themselves.
 */
export function stepOf(issued: readonly Issued[], label?: string): UndoStep {
  const inverses = issued.map(({ command, before }) => invert(before, command, newEntityId));
  return {
    id: nanoid(),
    label: label ?? issued.map(({ command, before }) => describeCommand(before, command)).join(" and "),
    intents: inverses.reverse().flat(),
    commandIds: issued.map(({ command }) => command.commandId),
    set: settingChanges(issued.map(({ command }) => intentOf(command))),
  };
}

/** An intent that names a neighbour to go after, without it (first / at the top). */
function unanchored(intent: Intent): Intent | undefined {
  switch (intent.type) {
    case "moveItem":
      return intent.afterItemId === null ? undefined : { ...intent, afterItemId: null };
    case "moveColumn":
      return intent.afterColumnId === null ? undefined : { ...intent, afterColumnId: null };
    case "moveChecklistEntry":
      return intent.afterEntryId === null ? undefined : { ...intent, afterEntryId: null };
    case "addChecklistEntry":
      return intent.afterEntryId == null ? undefined : { ...intent, afterEntryId: null };
    default:
      return undefined;
  }
}

export type Plan =
  | { readonly kind: "send"; readonly intents: Intent[] }
  /** Something the step is about changed so that it can no longer apply: why, in words. */
  | { readonly kind: "refused"; readonly reason: string }
  /** The board already is as every intent asks (someone else did the same): nothing to send. */
  | { readonly kind: "alreadySo" };

/**
 * Whether a step's intents still apply to the board as shown, each on the board the previous one
 * leaves; a move whose neighbour has gone elsewhere goes first instead, and an intent the board
 * already holds (the entry already unticked) is left out. Refused: why, in words.
 */
export function planStep(view: BoardState, me: Actor | null, intents: readonly Intent[]): Plan {
  let state = view;
  const planned: Intent[] = [];
  for (const intent of intents) {
    let candidate = intent;
    let decision = predict(state, withCommandId(candidate, PLANNING_ID), me);
    const fallback = decision.ok ? undefined : unanchored(candidate);
    if (fallback) {
      const second = predict(state, withCommandId(fallback, PLANNING_ID), me);
      if (second.ok) [candidate, decision] = [fallback, second];
    }
    if (!decision.ok && alreadySo(state, withCommandId(intent, PLANNING_ID))) continue;
    if (!decision.ok) return { kind: "refused", reason: sentence(decision.rejection) };
    planned.push(candidate);
    state = fold(state, me === null ? decision.events : stamped(decision.events, me, PLANNING_AT));
  }
  return planned.length === 0 && intents.length > 0 ? { kind: "alreadySo" } : { kind: "send", intents: planned };
}

const CHANGED_SINCE = "It was changed again since, and that change stays.";

// A plan is only checked, never sent: its commands get their own ids when they go.
const PLANNING_ID = "00000000-0000-4000-8000-000000000000";
const PLANNING_AT = "1970-01-01T00:00:00.000Z";

function sentence(rejection: Rejection): string {
  const reason = inWords(rejection.reason.trim(), { existed: true });
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

const replay =
  (direction: Direction): AppThunk<Promise<void>> =>
  async (dispatch, getState, services) => {
    const { undo: stacks, board } = getState();
    const step = (direction === "undo" ? stacks.done : stacks.undone).at(-1);
    if (!step) return;
    // Set again by someone since: their value stays (README, Undo and redo).
    const plan = changedSince(board.view, step.set)
      ? ({ kind: "refused", reason: CHANGED_SINCE } as const)
      : planStep(board.view, board.me, step.intents);
    if (plan.kind !== "send") {
      const { id: stepId } = step;
      dispatch(
        plan.kind === "refused"
          ? stepSkipped({ direction, stepId, reason: plan.reason })
          : stepAlreadySo({ direction, stepId }),
      );
      return;
    }
    const commands = plan.intents.map((intent) => withCommandId(intent, newCommandId()));
    const { issued, saved } = sendCommands(commands, dispatch, getState, services);
    // The opposite is computed now, from the board this undo (or redo) found: redo brings back
    // what the person saw at the moment of the undo, others' changes since included.
    let opposite = stepOf(issued, step.label);
    if (plan.intents.length < step.intents.length) {
      // Part of it already held: the step is named by what it did, the opposite of what it sends.
      const after = getState().board.view;
      const label = opposite.intents.map((intent) => describeCommand(after, withCommandId(intent, PLANNING_ID)));
      opposite = { ...opposite, label: label.join(" and ") };
    }
    dispatch(stepReplayed({ direction, stepId: step.id, opposite }));
    await saved;
  };

/** Takes back this person's last step on this board (Undo, Ctrl/⌘+Z). */
export const undo = (): AppThunk<Promise<void>> => replay("undo");

/** Does again the step last undone (Redo, Ctrl/⌘+Shift+Z). */
export const redo = (): AppThunk<Promise<void>> => replay("redo");
