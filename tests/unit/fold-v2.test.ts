// The v2 fold: members from the events' actors, the removed list's order, and the properties the
// v1 fold has (snapshot + tail = the whole fold, plain form round trips, inputs left untouched)
// on logs that use every event type.
import { describe, expect, it } from "vitest";
import {
  type BoardState,
  type DomainEvent,
  describeCommand,
  describeEvent,
  type Envelope,
  EVENT_TYPES,
  emptyBoard,
  evolve,
  fold,
  fromRecord,
  IMPORT_ONLY_EVENT_TYPES,
  toRecord,
  toView,
} from "@/lib/domain";
import {
  ANA,
  AT,
  BEN,
  by,
  COMMENT_1,
  COMMENT_2,
  detailedBoard,
  EGGS,
  ENTRY_1,
  itemCompleted,
  LATER,
  labelAdded,
  MILK,
  NOWHERE,
  parse,
  sprintBoard,
  TEA,
  TODO,
  URGENT,
} from "./given";
import { CLEO, generateV2History } from "./history";

describe("members", () => {
  it("are everyone whose actor id is on the board's events, in order of their first event, with their latest name", () => {
    const state = fold(emptyBoard, [
      ...by(ANA, ...sprintBoard.slice(0, 2)),
      ...by(BEN, itemCompleted(NOWHERE)),
      ...by({ id: ANA.id, name: "Ana B." }, itemCompleted(NOWHERE)),
    ]);
    expect(toView(state).members).toEqual([
      { memberId: ANA.id, name: "Ana B." },
      { memberId: BEN.id, name: "Ben" },
    ]);
  });

  it("keep their order whatever forks the state went through (a prediction thrown away, a group decided again)", () => {
    const base = fold(emptyBoard, by(ANA, ...sprintBoard));
    // A fork that is thrown away: Cleo's change, predicted or decided on a head that moved.
    fold(base, [...by(CLEO, itemCompleted(MILK)), ...by(ANA, labelAdded(LATER, "Later"))]);
    const tail = [...by(BEN, labelAdded(URGENT, "Urgent")), ...by(CLEO, labelAdded(LATER, "Later"))];
    const view = toView(fold(base, tail));
    const fresh = toView(fold(emptyBoard, [...by(ANA, ...sprintBoard), ...tail]));
    expect(view.members.map((member) => member.name)).toEqual(["Ana", "Ben", "Cleo"]);
    expect(view.labels.map((label) => label.name)).toEqual(["Urgent", "Later"]);
    expect(view).toEqual(fresh);
  });

  it("are not made by an event that carries no actor", () => {
    expect(toView(fold(emptyBoard, sprintBoard)).members).toEqual([]);
  });

  it("keep their identity while nobody is renamed, so an event by a known member changes no member", () => {
    const board = fold(emptyBoard, by(ANA, ...sprintBoard));
    const next = fold(board, by(ANA, itemCompleted(MILK)));
    expect(next.members).toBe(board.members);
  });
});

describe("comments", () => {
  it("are signed by the actor and dated by the `at` of their event; one without an actor by nobody", () => {
    const state = fold(emptyBoard, [
      ...by(ANA, ...sprintBoard),
      { type: "ItemCommented", data: { itemId: EGGS, commentId: COMMENT_1, text: "Unsigned" } },
    ]);
    expect(state.items.get(EGGS)?.comments).toEqual([
      { commentId: COMMENT_1, text: "Unsigned", author: { id: "", name: "Someone" }, at: "", edited: false },
    ]);
  });

  it("are found by id alone: the index says on which item and by whom", () => {
    const state = fold(emptyBoard, detailedBoard);
    expect(state.comments.get(COMMENT_1)).toEqual({ itemId: MILK, authorId: ANA.id, removed: false });
    expect(state.comments.get(COMMENT_2)).toEqual({ itemId: MILK, authorId: BEN.id, removed: false });
  });
});

describe("the removed list", () => {
  it("is ordered by a counter in the state, so a thing removed, restored and removed again is the most recent", () => {
    const history: DomainEvent[] = [
      ...sprintBoard,
      { type: "ItemRemoved", data: { itemId: MILK } },
      { type: "ItemRemoved", data: { itemId: EGGS } },
      { type: "ItemRestored", data: { itemId: MILK, columnId: TODO, position: "a0" } },
      { type: "ItemRemoved", data: { itemId: MILK } },
    ];
    const state = fold(emptyBoard, history);
    expect(state.removals).toBe(3);
    expect(toView(state).removed.map((entry) => entry.title)).toEqual(["Milk", "Eggs"]);
  });
});

const history = generateV2History(20261201, 600);
const everything = fold(emptyBoard, history.events);

describe("a generated v2 history of 600 events", () => {
  it("exercises every event type a command makes, and some rejections", () => {
    expect(history.events).toHaveLength(600);
    expect(new Set(history.events.map((event) => event.type))).toEqual(
      new Set(EVENT_TYPES.filter((type) => !IMPORT_ONLY_EVENT_TYPES.includes(type))),
    );
    expect(history.rejected).toBeGreaterThan(0);
  });

  it("keeps sibling positions (columns, items, checklist entries) distinct at every version", () => {
    let state = emptyBoard;
    for (const event of history.events) {
      state = evolve(state, event);
      const view = toView(state);
      const distinct = (positions: string[]) => expect(new Set(positions).size).toBe(positions.length);
      distinct(view.columns.map((column) => column.position));
      for (const column of view.columns) distinct(column.items.map((item) => item.position));
      for (const item of state.items.values()) distinct(item.checklist.map((entry) => entry.position));
    }
  });

  it("describes every event in words, naming nothing undefined", () => {
    let state: BoardState = emptyBoard;
    for (const event of history.events) {
      const words = describeEvent(state, event);
      expect(words).toMatch(/^[a-z]/);
      expect(words).not.toMatch(/undefined|null|\[object/);
      state = evolve(state, event);
    }
  });
});

describe("the v2 fold", () => {
  const splits = [0, 1, 77, 300, 599, 600];

  it.each(splits)("of a JSON-stored snapshot at version %i and the tail equals the fold from version 1", (k) => {
    const snapshot = fold(emptyBoard, history.events.slice(0, k));
    const stored = fromRecord(JSON.parse(JSON.stringify(snapshot)));
    expect(stored).toStrictEqual(snapshot);
    expect(fold(stored, history.events.slice(k))).toStrictEqual(everything);
  });

  it.each([1, 2, 3])("of a structured clone of the plain form and its tail equals the whole (seed %i)", (seed) => {
    const { events } = generateV2History(seed, 400);
    const all = fold(emptyBoard, events);
    for (const k of [1, 150, 399]) {
      const copy = fromRecord(structuredClone(toRecord(fold(emptyBoard, events.slice(0, k)))));
      expect(fold(copy, events.slice(k))).toStrictEqual(all);
    }
  });

  it("equals evolving one event at a time", () => {
    expect(history.events.reduce(evolve, emptyBoard)).toStrictEqual(everything);
  });

  it("of a tail onto a frozen snapshot does not write to the snapshot", () => {
    const snapshot = deepFreeze(fold(emptyBoard, history.events.slice(0, 300)));
    const copy = structuredClone(toRecord(snapshot));
    expect(fold(snapshot, history.events.slice(300))).toStrictEqual(everything);
    expect(toRecord(snapshot)).toStrictEqual(copy);
  });
});

/** Freezes every object reachable from `value`, so any write to it throws (modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe("evolve, for each v2 event", () => {
  const board = deepFreeze(fold(emptyBoard, detailedBoard));
  const before = structuredClone(toRecord(board));
  const v2: DomainEvent[] = [
    { type: "ItemDescribed", data: { itemId: EGGS, description: "Twelve" } },
    { type: "ItemDueSet", data: { itemId: MILK, due: null } },
    { type: "LabelAdded", data: { labelId: "label-new-00000000000001", name: "New", color: "lime" } },
    { type: "LabelEdited", data: { labelId: URGENT, name: "Now", color: "red" } },
    { type: "LabelRemoved", data: { labelId: URGENT } },
    { type: "ItemLabeled", data: { itemId: EGGS, labelId: LATER } },
    { type: "ItemUnlabeled", data: { itemId: MILK, labelId: URGENT } },
    { type: "ItemAssigned", data: { itemId: TEA, memberId: BEN.id } },
    { type: "ItemUnassigned", data: { itemId: MILK, memberId: ANA.id } },
    {
      type: "ChecklistEntryAdded",
      data: { itemId: MILK, entryId: "entry-new-00000000000001", text: "x", position: "a5" },
    },
    { type: "ChecklistEntryEdited", data: { itemId: MILK, entryId: ENTRY_1, text: "y" } },
    { type: "ChecklistEntryChecked", data: { itemId: MILK, entryId: "entry-two-00000000000001" } },
    { type: "ChecklistEntryUnchecked", data: { itemId: MILK, entryId: ENTRY_1 } },
    { type: "ChecklistEntryRemoved", data: { itemId: MILK, entryId: ENTRY_1 } },
    { type: "ItemCommented", data: { itemId: TEA, commentId: "comment-new-000000000001", text: "Hot" } },
    { type: "CommentEdited", data: { commentId: COMMENT_1, text: "Later" } },
    { type: "CommentRemoved", data: { commentId: COMMENT_2 } },
    { type: "ColumnLimitSet", data: { columnId: TODO, limit: 2 } },
  ];

  it.each(v2)("applies $type without touching its (frozen) input", (event) => {
    expect(evolve(board, event)).not.toBe(board);
    expect(toRecord(board)).toStrictEqual(before);
  });

  it.each(v2.filter((event) => "itemId" in event.data))(
    "keeps the identity of the items $type does not touch",
    (event) => {
      const next = evolve(board, event);
      const touched = (event.data as { itemId: string }).itemId;
      next.items.forEach((item, id) => {
        if (id !== touched) expect(item).toBe(board.items.get(id));
      });
      expect(next.columns).toBe(board.columns);
    },
  );

  it.each<DomainEvent>([
    { type: "ItemDescribed", data: { itemId: NOWHERE, description: "x" } },
    { type: "ItemDueSet", data: { itemId: NOWHERE, due: null } },
    { type: "LabelEdited", data: { labelId: NOWHERE, name: "x", color: "red" } },
    { type: "LabelRemoved", data: { labelId: NOWHERE } },
    { type: "ItemLabeled", data: { itemId: NOWHERE, labelId: URGENT } },
    { type: "ItemUnlabeled", data: { itemId: EGGS, labelId: URGENT } },
    { type: "ItemAssigned", data: { itemId: MILK, memberId: ANA.id } },
    { type: "ItemUnassigned", data: { itemId: EGGS, memberId: ANA.id } },
    { type: "ChecklistEntryEdited", data: { itemId: MILK, entryId: NOWHERE, text: "x" } },
    { type: "ChecklistEntryChecked", data: { itemId: NOWHERE, entryId: ENTRY_1 } },
    { type: "ChecklistEntryRemoved", data: { itemId: EGGS, entryId: ENTRY_1 } },
    { type: "CommentEdited", data: { commentId: NOWHERE, text: "x" } },
    { type: "CommentRemoved", data: { commentId: NOWHERE } },
    { type: "ColumnLimitSet", data: { columnId: NOWHERE, limit: 1 } },
    { type: "ItemRestored", data: { itemId: MILK, columnId: TODO, position: "a0" } },
    { type: "ColumnRestored", data: { columnId: TODO, position: "a0" } },
  ])("changes nothing for $type about something that is not there (or already so)", (event) => {
    expect(evolve(board, event)).toBe(board);
  });
});

describe("describeCommand", () => {
  const state = fold(emptyBoard, detailedBoard);
  it.each([
    [{ type: "describeItem", itemId: MILK, description: "x" }, "change the description of item “Milk”"],
    [{ type: "setItemDue", itemId: MILK, due: null }, "remove the due date of item “Milk”"],
    [{ type: "editLabel", labelId: URGENT, color: "blue" }, "make label “Urgent” blue"],
    [{ type: "labelItem", itemId: EGGS, labelId: LATER }, "add label “Later” to item “Eggs”"],
    [{ type: "assignItem", itemId: EGGS, memberId: BEN.id }, "assign Ben to item “Eggs”"],
    [{ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 }, "check “Find a shop” on item “Milk”"],
    [{ type: "editComment", commentId: COMMENT_1, text: "x" }, "edit a comment on item “Milk”"],
    [{ type: "restoreItem", itemId: MILK }, "restore item “Milk”"],
    [{ type: "setColumnLimit", columnId: TODO, limit: 3 }, "set the limit of column “To do” to 3"],
  ])("says what %j asks: %s", (input, words) => {
    expect(describeCommand(state, parse(input))).toBe(words);
  });
});

describe("describeEvent", () => {
  it("says who was assigned, and 'themselves' when it is the one who did it", () => {
    const state = fold(emptyBoard, detailedBoard);
    const assign = { type: "ItemAssigned", data: { itemId: EGGS, memberId: BEN.id } } as const;
    expect(describeEvent(state, { ...assign, actor: ANA, at: AT })).toBe("assigned Ben to item “Eggs”");
    expect(describeEvent(state, { ...assign, actor: BEN, at: AT })).toBe("assigned themselves to item “Eggs”");
    expect(describeEvent(state, { ...assign, data: { itemId: EGGS, memberId: CLEO.id } } as Envelope)).toBe(
      "assigned someone to item “Eggs”",
    );
  });
});
