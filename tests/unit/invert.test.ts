// Given/when/then for undo's inverses (README, Undo and redo): given this board, when this change
// is made and then its inverse (computed from the board BEFORE the change) is sent, then these are
// the inverse commands, and the board is as a person saw it before (the equality of undo-seen.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  type BoardState,
  type Command,
  commandSchema,
  decide,
  type Envelope,
  emptyBoard,
  fold,
  type Intent,
  invert,
  itemsInOrder,
  parseCommand,
} from "@/lib/domain";
import {
  ANA,
  BEN,
  BREAD,
  by,
  COMMENT_1,
  type CommandInput,
  columnRemoved,
  DOING,
  DONE,
  detailedBoard,
  EGGS,
  ENTRY_1,
  ENTRY_2,
  given,
  itemRemoved,
  LATER,
  MILK,
  NOWHERE,
  parse,
  sprintBoard,
  TEA,
  TODO,
  URGENT,
} from "./given";
import { CLEO, generateV2History, randomCommand, seeded } from "./history";
import { applied, appliedAll, freshCommandId, freshEntityId, seen } from "./undo-seen";

const tested = new Set<string>();

/** Given `history`, when `input` is made by `actor`, then undone with its inverse. */
function undo(history: readonly Envelope[], input: CommandInput, actor: Actor = ANA) {
  const before = given(...history).state;
  const command = parse(input);
  tested.add(command.type);
  const after = applied(before, command, actor);
  const intents = invert(before, command, freshEntityId);
  const back = appliedAll(after, intents, actor);
  return { before, after, intents, back };
}

const detailed = detailedBoard;
const sprint = by(ANA, ...sprintBoard);

describe("invert, for the board's structure", () => {
  it("renameBoard → the old title", () => {
    const { intents, before, back } = undo(sprint, { type: "renameBoard", title: "Q3" });
    expect(intents).toEqual([{ type: "renameBoard", title: "Sprint" }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("addColumn → removeColumn, which parks the column in Removed (restorable)", () => {
    const id = "col-new-0000000000000001";
    const { intents, before, back } = undo(sprint, { type: "addColumn", columnId: id, title: "Later" });
    expect(intents).toEqual([{ type: "removeColumn", columnId: id }]);
    expect(seen(back)).toEqual({ ...seen(before), removed: [`column ${id} Later`] });
  });

  it("renameColumn → the old title", () => {
    const { intents, before, back } = undo(sprint, { type: "renameColumn", columnId: DOING, title: "Busy" });
    expect(intents).toEqual([{ type: "renameColumn", columnId: DOING, title: "Doing" }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("moveColumn → after its old left neighbour", () => {
    const { intents, before, back } = undo(sprint, { type: "moveColumn", columnId: DOING, afterColumnId: DONE });
    expect(intents).toEqual([{ type: "moveColumn", columnId: DOING, afterColumnId: TODO }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("moveColumn of the first column → first again", () => {
    const { intents, before, back } = undo(sprint, { type: "moveColumn", columnId: TODO, afterColumnId: DONE });
    expect(intents).toEqual([{ type: "moveColumn", columnId: TODO, afterColumnId: null }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("removeColumn → restoreColumn, with its items and their details, at its old place", () => {
    const { intents, before, back } = undo(detailed, { type: "removeColumn", columnId: TODO });
    expect(intents).toEqual([{ type: "restoreColumn", columnId: TODO }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("setColumnLimit → the old limit (none)", () => {
    const { intents, before, back } = undo(sprint, { type: "setColumnLimit", columnId: TODO, limit: 2 });
    expect(intents).toEqual([{ type: "setColumnLimit", columnId: TODO, limit: null }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("restoreColumn → removeColumn", () => {
    const { intents, before, back } = undo([...sprint, ...by(ANA, columnRemoved(DOING))], {
      type: "restoreColumn",
      columnId: DOING,
    });
    expect(intents).toEqual([{ type: "removeColumn", columnId: DOING }]);
    expect(seen(back)).toEqual(seen(before));
  });
});

describe("invert, for items", () => {
  it("addItem → removeItem, which parks the item in Removed (restorable)", () => {
    const id = "item-new-000000000000001";
    const { intents, before, back } = undo(sprint, { type: "addItem", itemId: id, columnId: DONE, title: "Jam" });
    expect(intents).toEqual([{ type: "removeItem", itemId: id }]);
    expect(seen(back)).toEqual({ ...seen(before), removed: [`item ${id} Jam`] });
  });

  it("renameItem → the old title", () => {
    const { intents, before, back } = undo(sprint, { type: "renameItem", itemId: EGGS, title: "Free-range eggs" });
    expect(intents).toEqual([{ type: "renameItem", itemId: EGGS, title: "Eggs" }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("completeItem → reopenItem, and reopenItem → completeItem", () => {
    const complete = undo(sprint, { type: "completeItem", itemId: TEA });
    expect(complete.intents).toEqual([{ type: "reopenItem", itemId: TEA }]);
    expect(seen(complete.back)).toEqual(seen(complete.before));
    const reopen = undo(by(ANA, ...sprintBoard, { type: "ItemCompleted", data: { itemId: TEA } }), {
      type: "reopenItem",
      itemId: TEA,
    });
    expect(reopen.intents).toEqual([{ type: "completeItem", itemId: TEA }]);
    expect(seen(reopen.back)).toEqual(seen(reopen.before));
  });

  it("moveItem to another column → back to its column, after its old upper neighbour", () => {
    const { intents, before, back } = undo(sprint, {
      type: "moveItem",
      itemId: EGGS,
      columnId: DOING,
      afterItemId: TEA,
    });
    expect(intents).toEqual([{ type: "moveItem", itemId: EGGS, columnId: TODO, afterItemId: MILK }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("moveItem of the top item within its column → back to the top", () => {
    const { intents, before, back } = undo(sprint, {
      type: "moveItem",
      itemId: MILK,
      columnId: TODO,
      afterItemId: BREAD,
    });
    expect(intents).toEqual([{ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: null }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("removeItem → restoreItem, whole, at its old place", () => {
    const { intents, before, back } = undo(detailed, { type: "removeItem", itemId: MILK });
    expect(intents).toEqual([{ type: "restoreItem", itemId: MILK }]);
    expect(seen(back)).toEqual(seen(before));
    expect(itemsInOrder(back, TODO).map((item) => item.itemId)).toEqual([MILK, EGGS, BREAD]);
  });

  it("restoreItem (to another column) → removeItem", () => {
    const { intents, before, back } = undo([...sprint, ...by(ANA, itemRemoved(EGGS))], {
      type: "restoreItem",
      itemId: EGGS,
      columnId: DONE,
    });
    expect(intents).toEqual([{ type: "removeItem", itemId: EGGS }]);
    expect(seen(back)).toEqual(seen(before));
  });
});

describe("invert, for what is on an item", () => {
  it("describeItem → the old description", () => {
    const { intents, before, back } = undo(detailed, { type: "describeItem", itemId: MILK, description: "" });
    expect(intents).toEqual([{ type: "describeItem", itemId: MILK, description: "Oat, not cow.\nTwo litres." }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("setItemDue → the old due date, or none", () => {
    const milk = undo(detailed, { type: "setItemDue", itemId: MILK, due: "2027-02-01" });
    expect(milk.intents).toEqual([{ type: "setItemDue", itemId: MILK, due: "2027-01-31" }]);
    expect(seen(milk.back)).toEqual(seen(milk.before));
    const eggs = undo(detailed, { type: "setItemDue", itemId: EGGS, due: "2027-02-01" });
    expect(eggs.intents).toEqual([{ type: "setItemDue", itemId: EGGS, due: null }]);
  });

  it("addLabel → removeLabel", () => {
    const id = "label-new-00000000000001";
    const { intents, before, back } = undo(detailed, { type: "addLabel", labelId: id, name: "Soon", color: "lime" });
    expect(intents).toEqual([{ type: "removeLabel", labelId: id }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("editLabel → the old name and colour", () => {
    const { intents, before, back } = undo(detailed, { type: "editLabel", labelId: URGENT, color: "blue" });
    expect(intents).toEqual([{ type: "editLabel", labelId: URGENT, name: "Urgent", color: "red" }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("removeLabel → a new label of the same name and colour, back on the items that had it", () => {
    const { intents, before, back } = undo(detailed, { type: "removeLabel", labelId: URGENT });
    const labelId = (intents[0] as { labelId: string }).labelId;
    expect(labelId).not.toBe(URGENT);
    expect(intents).toEqual([
      { type: "addLabel", labelId, name: "Urgent", color: "red" },
      { type: "labelItem", itemId: MILK, labelId },
    ]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("labelItem → unlabelItem, and unlabelItem → labelItem", () => {
    const on = undo(detailed, { type: "labelItem", itemId: MILK, labelId: LATER });
    expect(on.intents).toEqual([{ type: "unlabelItem", itemId: MILK, labelId: LATER }]);
    expect(seen(on.back)).toEqual(seen(on.before));
    const off = undo(detailed, { type: "unlabelItem", itemId: MILK, labelId: URGENT });
    expect(off.intents).toEqual([{ type: "labelItem", itemId: MILK, labelId: URGENT }]);
    expect(seen(off.back)).toEqual(seen(off.before));
  });

  it("assignItem → unassignItem, and unassignItem → assignItem", () => {
    const on = undo(detailed, { type: "assignItem", itemId: EGGS, memberId: BEN.id });
    expect(on.intents).toEqual([{ type: "unassignItem", itemId: EGGS, memberId: BEN.id }]);
    expect(seen(on.back)).toEqual(seen(on.before));
    const off = undo(detailed, { type: "unassignItem", itemId: MILK, memberId: ANA.id });
    expect(off.intents).toEqual([{ type: "assignItem", itemId: MILK, memberId: ANA.id }]);
    expect(seen(off.back)).toEqual(seen(off.before));
  });

  it("addChecklistEntry → removeChecklistEntry", () => {
    const id = "entry-new-00000000000001";
    const { intents, before, back } = undo(detailed, {
      type: "addChecklistEntry",
      itemId: MILK,
      entryId: id,
      text: "Pay",
      afterEntryId: ENTRY_1,
    });
    expect(intents).toEqual([{ type: "removeChecklistEntry", itemId: MILK, entryId: id }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("editChecklistEntry → the old text", () => {
    const { intents, before, back } = undo(detailed, {
      type: "editChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_2,
      text: "Buy two",
    });
    expect(intents).toEqual([{ type: "editChecklistEntry", itemId: MILK, entryId: ENTRY_2, text: "Buy it" }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("checkChecklistEntry → uncheck, and uncheckChecklistEntry → check", () => {
    const check = undo(detailed, { type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_2 });
    expect(check.intents).toEqual([{ type: "uncheckChecklistEntry", itemId: MILK, entryId: ENTRY_2 }]);
    expect(seen(check.back)).toEqual(seen(check.before));
    const uncheck = undo(detailed, { type: "uncheckChecklistEntry", itemId: MILK, entryId: ENTRY_1 });
    expect(uncheck.intents).toEqual([{ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 }]);
    expect(seen(uncheck.back)).toEqual(seen(uncheck.before));
  });

  it("removeChecklistEntry → the entry again, under its id, at its place, ticked if it was", () => {
    const { intents, before, back } = undo(detailed, { type: "removeChecklistEntry", itemId: MILK, entryId: ENTRY_1 });
    expect(intents).toEqual([
      { type: "addChecklistEntry", itemId: MILK, entryId: ENTRY_1, text: "Find a shop", afterEntryId: null },
      { type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 },
    ]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("moveChecklistEntry → after its old upper neighbour", () => {
    const { intents, before, back } = undo(detailed, {
      type: "moveChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_2,
      afterEntryId: null,
    });
    expect(intents).toEqual([{ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_2, afterEntryId: ENTRY_1 }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("commentOnItem → removeComment", () => {
    const id = "comment-new-000000000001";
    const { intents, before, back } = undo(detailed, {
      type: "commentOnItem",
      itemId: EGGS,
      commentId: id,
      text: "Six",
    });
    expect(intents).toEqual([{ type: "removeComment", commentId: id }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("editComment → the old text", () => {
    const { intents, before, back } = undo(detailed, { type: "editComment", commentId: COMMENT_1, text: "At one." });
    expect(intents).toEqual([{ type: "editComment", commentId: COMMENT_1, text: "I'll go at noon." }]);
    expect(seen(back)).toEqual(seen(before));
  });

  it("removeComment → the same text again, as a new comment by its author", () => {
    const { intents, before, back } = undo(detailed, { type: "removeComment", commentId: COMMENT_1 });
    const commentId = (intents[0] as { commentId: string }).commentId;
    expect(commentId).not.toBe(COMMENT_1);
    expect(intents).toEqual([{ type: "commentOnItem", itemId: MILK, commentId, text: "I'll go at noon." }]);
    expect(seen(back)).toEqual(seen(before));
  });
});

describe("invert, in general", () => {
  it("has nothing to undo for a change the board refuses", () => {
    const before = given(...sprint).state;
    expect(invert(before, parse({ type: "removeItem", itemId: NOWHERE }), freshEntityId)).toEqual([]);
    expect(invert(before, parse({ type: "restoreColumn", columnId: TODO }), freshEntityId)).toEqual([]);
  });

  it("has a given/when/then above for every command of the contract", () => {
    const types = commandSchema.options.map((option) => option.shape.type.value);
    expect(types).toHaveLength(32);
    expect(types.filter((type) => !tested.has(type))).toEqual([]);
  });
});

/** More moves than the shared generator makes: after a neighbour, anywhere; checklist entries too. */
function aMove(state: BoardState, random: () => number): CommandInput | undefined {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const listed = pick([...state.items.values()].filter((candidate) => candidate.checklist.length > 1));
  if (listed && random() < 0.3) {
    const entry = pick(listed.checklist) as { entryId: string };
    if (random() < 0.3) return { type: "removeChecklistEntry", itemId: listed.itemId, entryId: entry.entryId };
    const after = pick(listed.checklist.filter((other) => other.entryId !== entry.entryId));
    return {
      type: "moveChecklistEntry",
      itemId: listed.itemId,
      entryId: entry.entryId,
      afterEntryId: random() < 0.3 ? null : (after?.entryId ?? null),
    };
  }
  const item = pick([...state.items.values()]);
  const column = pick([...state.columns.keys()]);
  if (random() < 0.5 && item && column) {
    const after = pick(itemsInOrder(state, column).filter((other) => other.itemId !== item.itemId));
    return { type: "moveItem", itemId: item.itemId, columnId: column, afterItemId: after?.itemId ?? null };
  }
  const moving = pick([...state.columns.keys()]);
  return moving
    ? {
        type: "moveColumn",
        columnId: moving,
        afterColumnId: random() < 0.3 ? null : (pick([...state.columns.keys()]) ?? null),
      }
    : undefined;
}

const PEOPLE = [ANA, BEN, CLEO];

describe("invert, over random boards and changes (property)", () => {
  it("apply, invert from the state before, apply the inverse: the board is as before; redo: as after", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 20, max: 160 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (boardSeed, length, changeSeed) => {
          let board = fold(emptyBoard, generateV2History(boardSeed, length).events);
          const random = seeded(changeSeed);
          let serial = 0;
          const freshId = (prefix: string) => `${prefix}-prop-${String(++serial).padStart(16, "0")}`;
          const words = () => `Words ${++serial}`;
          // Several changes in a row on one board, each checked from the board the last one left.
          for (let change = 0; change < 6; change++) {
            const before = board;
            const actor = PEOPLE[Math.floor(random() * PEOPLE.length)];
            const input =
              random() < 0.3
                ? (aMove(before, random) ?? randomCommand(before, random, freshId, words))
                : randomCommand(before, random, freshId, words);
            const parsed = parseCommand({ commandId: freshCommandId(), ...input });
            if (!parsed.ok) throw new Error(parsed.rejection.reason);
            const command: Command = parsed.command;
            if (!decide(before, command, actor).ok) continue; // refused: nothing was done, nothing to undo
            const after = applied(before, command, actor);
            const inverse: Intent[] = invert(before, command, freshEntityId);
            const back = appliedAll(after, inverse, actor);
            // Undoing an add parks the new thing in Removed, and undoing the restore of an item that
            // had left with its column lists it there on its own (restoring the column no longer
            // brings it back: no command puts an item back into a removed column's entry).
            const parked =
              command.type === "addColumn"
                ? [`column ${command.columnId} ${command.title}`]
                : command.type === "addItem"
                  ? [`item ${command.itemId} ${command.title}`]
                  : command.type === "restoreItem" && withColumn(before, command.itemId)
                    ? [`item ${command.itemId} ${before.removed.get(command.itemId)?.title}`]
                    : [];
            // And whoever changed the board is on its log from then on, so a member of it (README, "Using
            // a board"): an undo cannot take that back.
            expect(seen(back)).toEqual({
              ...seen(before),
              members: seen(after).members,
              removed: [...seen(before).removed, ...parked].sort(),
            });
            // Redo: the undo's own inverse, from the board the undo found, brings back what it undid.
            const again = appliedAll(back, redoOf(after, inverse, actor), actor);
            expect(seen(again)).toEqual(seen(after));
            board = after;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function withColumn(state: BoardState, itemId: string): boolean {
  const removal = state.bin.get(itemId);
  return removal?.kind === "item" && removal.withColumn !== null;
}

/** The intents that redo what `inverse` undoes: each inverted from the board it applies to, last first. */
function redoOf(from: BoardState, inverse: readonly Intent[], actor: Actor): Intent[] {
  const groups: Intent[][] = [];
  let state = from;
  for (const intent of inverse) {
    groups.push(invert(state, intent, freshEntityId));
    state = applied(state, intent, actor);
  }
  return groups.reverse().flat();
}
