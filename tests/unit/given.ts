// Given/when/then for the domain: given these events, when this command (by this person), then
// these events (or this rejection). Commands go through parseCommand first, so they are validated
// exactly as the server validates them before it decides.
import { expect } from "vitest";
import {
  type Actor,
  type BoardState,
  type BoardView,
  type Command,
  type Decision,
  type DomainEvent,
  decide,
  type Envelope,
  emptyBoard,
  fold,
  type LabelColor,
  parseCommand,
  type RejectionCode,
  stamped,
  toView,
} from "@/lib/domain";

/** The commandId `when` uses unless the command brings its own. */
export const COMMAND_ID = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

// Fixed ids (21+ characters, as the client makes them) shared by the suites.
export const TODO = "col-todo-000000000000001";
export const DOING = "col-doing-00000000000001";
export const DONE = "col-done-000000000000001";
export const MILK = "item-milk-00000000000001";
export const EGGS = "item-eggs-00000000000001";
export const BREAD = "item-bread-0000000000001";
export const TEA = "item-tea-000000000000001";
export const NOWHERE = "nothing-here-00000000001";

/** A command as a client sends it, before validation. */
export interface CommandInput {
  readonly type: string;
  readonly commandId?: string;
  readonly [field: string]: unknown;
}

/** Validates a test's command like the server does; a test that sends an invalid one is wrong. */
export function parse(input: CommandInput): Command {
  const parsed = parseCommand({ commandId: COMMAND_ID, ...input });
  if (!parsed.ok) throw new Error(`The test's command is invalid: ${parsed.rejection.reason}`);
  return parsed.command;
}

// The people of the suites (actor ids as the server makes them: 16+ letters, digits, - or _).
export const ANA: Actor = { id: "actor-ana-000000000001", name: "Ana" };
export const BEN: Actor = { id: "actor-ben-000000000001", name: "Ben" };

/** The `at` every event of the suites is stamped with (a fold has no clock). */
export const AT = "2026-12-01T09:00:00.000Z";

/** Events as `actor` made them: stamped with who and when, as the log stores them. */
export const by = (actor: Actor, ...events: DomainEvent[]): Envelope[] => stamped(events, actor, AT);

/** Given this history (events, stamped or not), when `command` is sent by `actor` (Ana unless said). */
export function given(...history: Envelope[]) {
  const state = fold(emptyBoard, history);
  return {
    state,
    when: (command: CommandInput, actor: Actor = ANA) =>
      new Outcome(state, decide(state, parse(command), actor), actor),
  };
}

export class Outcome {
  constructor(
    readonly before: BoardState,
    readonly decision: Decision,
    readonly actor: Actor = ANA,
  ) {}

  /** The events the command appends; fails the test if it was rejected. */
  get events(): readonly DomainEvent[] {
    const { decision } = this;
    if (!decision.ok) {
      throw new Error(`Expected the command to be accepted, it was rejected: ${JSON.stringify(decision.rejection)}`);
    }
    return decision.events;
  }

  /** The board state once the events are appended, stamped with the actor as the server stores them. */
  get after(): BoardState {
    return fold(this.before, stamped(this.events, this.actor, AT));
  }

  /** The board as a person sees it once the events are appended. */
  get board(): BoardView {
    return toView(this.after);
  }

  /** Asserts a rejection with `code` and a readable reason; returns the reason. */
  rejected(code: RejectionCode): string {
    expect(this.decision.ok, "the command should be rejected").toBe(false);
    const { rejection } = this.decision as Extract<Decision, { ok: false }>;
    expect(rejection.code).toBe(code);
    expectSentence(rejection.reason);
    return rejection.reason;
  }
}

/** A reason a person can read: a non-empty sentence, capitalised, ending with a full stop. */
export function expectSentence(reason: string): void {
  expect(reason.trim().length).toBeGreaterThan(10);
  expect(reason).toMatch(/^[A-Z"“].*[.!?]$/s);
}

/** What a v2 view shows of an item nobody has described, labelled, assigned, checklisted or commented on. */
export const NO_DETAILS = {
  description: "",
  due: null,
  labels: [],
  assignees: [],
  checklist: [],
  comments: [],
} as const;

export function columnTitles(board: BoardView): string[] {
  return board.columns.map((column) => column.title);
}

export function itemTitles(board: BoardView, columnTitle: string): string[] {
  const column = board.columns.find((candidate) => candidate.title === columnTitle);
  if (!column) throw new Error(`No column "${columnTitle}" on the board`);
  return column.items.map((item) => item.title);
}

// Events, for the `given` part.
export const boardCreated = (title = "Sprint"): DomainEvent => ({ type: "BoardCreated", data: { title } });
export const columnAdded = (columnId: string, title: string, position: string): DomainEvent => ({
  type: "ColumnAdded",
  data: { columnId, title, position },
});
export const columnRemoved = (columnId: string): DomainEvent => ({ type: "ColumnRemoved", data: { columnId } });
export const itemAdded = (itemId: string, columnId: string, title: string, position: string): DomainEvent => ({
  type: "ItemAdded",
  data: { itemId, columnId, title, position },
});
export const itemCompleted = (itemId: string): DomainEvent => ({ type: "ItemCompleted", data: { itemId } });
export const itemRemoved = (itemId: string): DomainEvent => ({ type: "ItemRemoved", data: { itemId } });

/**
 * A small board: "To do" (Milk, Eggs, Bread), "Doing" (Tea), "Done" (empty), in that order.
 */
export const sprintBoard: readonly DomainEvent[] = [
  boardCreated("Sprint"),
  columnAdded(TODO, "To do", "a0"),
  columnAdded(DOING, "Doing", "a1"),
  columnAdded(DONE, "Done", "a2"),
  itemAdded(MILK, TODO, "Milk", "a0"),
  itemAdded(EGGS, TODO, "Eggs", "a1"),
  itemAdded(BREAD, TODO, "Bread", "a2"),
  itemAdded(TEA, DOING, "Tea", "a0"),
];

// v2 fixtures: labels, checklist entries and comments (ids as the client makes them).
export const URGENT = "label-urgent-00000000001";
export const LATER = "label-later-000000000001";
export const ENTRY_1 = "entry-one-00000000000001";
export const ENTRY_2 = "entry-two-00000000000001";
export const ENTRY_3 = "entry-three-000000000001";
export const COMMENT_1 = "comment-one-000000000001";
export const COMMENT_2 = "comment-two-000000000001";

export const labelAdded = (labelId: string, name: string, color: LabelColor = "red"): DomainEvent => ({
  type: "LabelAdded",
  data: { labelId, name, color },
});
export const itemLabeled = (itemId: string, labelId: string): DomainEvent => ({
  type: "ItemLabeled",
  data: { itemId, labelId },
});
export const entryAdded = (itemId: string, entryId: string, text: string, position: string): DomainEvent => ({
  type: "ChecklistEntryAdded",
  data: { itemId, entryId, text, position },
});
export const commented = (itemId: string, commentId: string, text: string): DomainEvent => ({
  type: "ItemCommented",
  data: { itemId, commentId, text },
});

/**
 * The sprint board, made by Ana, with details on Milk: a description, a due date, label “Urgent”
 * (and an unused “Later”), Ana assigned, a checklist of two entries (the first done) and Ana's
 * comment; Ben has commented on it too.
 */
export const detailedBoard: readonly Envelope[] = [
  ...by(ANA, ...sprintBoard),
  ...by(
    ANA,
    { type: "ItemDescribed", data: { itemId: MILK, description: "Oat, not cow.\nTwo litres." } },
    { type: "ItemDueSet", data: { itemId: MILK, due: "2027-01-31" } },
    labelAdded(URGENT, "Urgent", "red"),
    labelAdded(LATER, "Later", "sky"),
    itemLabeled(MILK, URGENT),
    { type: "ItemAssigned", data: { itemId: MILK, memberId: ANA.id } },
    entryAdded(MILK, ENTRY_1, "Find a shop", "a0"),
    entryAdded(MILK, ENTRY_2, "Buy it", "a1"),
    { type: "ChecklistEntryChecked", data: { itemId: MILK, entryId: ENTRY_1 } },
    commented(MILK, COMMENT_1, "I'll go at noon."),
  ),
  ...by(BEN, commented(MILK, COMMENT_2, "Get two.")),
];

/** The item `itemId` of a view, wherever it is. */
export function itemOf(board: BoardView, itemId: string) {
  const item = board.columns.flatMap((column) => column.items).find((candidate) => candidate.itemId === itemId);
  if (!item) throw new Error(`No item ${itemId} on the board`);
  return item;
}
