// A change refused because someone did the same first is no news to its person: alreadySo tells
// those refusals apart (it agrees with decide), and the board slice says nothing of them, even when
// the refusal arrives before the other person's event does.
import { describe, expect, it } from "vitest";
import {
  boardReducer,
  commandIssued,
  commandRejected,
  eventsReceived,
  initialBoardState,
} from "@/lib/client/board-slice";
import { alreadySo, type DomainEvent, decide, fold, type StoredEvent } from "@/lib/domain";
import {
  ANA,
  BEN,
  by,
  COMMENT_1,
  type CommandInput,
  DONE,
  detailedBoard,
  EGGS,
  ENTRY_1,
  ENTRY_2,
  given,
  LATER,
  MILK,
  parse,
  TODO,
  URGENT,
} from "./given";

const board = given(...detailedBoard).state;

// Each change paired with whether it holds on the detailed board (Milk: described, due 2027-01-31,
// labelled Urgent, Ana assigned, "Find a shop" done and "Buy it" not, Ana's comment).
const cases: readonly [CommandInput, boolean][] = [
  [{ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 }, true],
  [{ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_2 }, false],
  [{ type: "uncheckChecklistEntry", itemId: MILK, entryId: ENTRY_2 }, true],
  [{ type: "completeItem", itemId: MILK }, false],
  [{ type: "reopenItem", itemId: MILK }, true],
  [{ type: "describeItem", itemId: MILK, description: "Oat, not cow.\nTwo litres." }, true],
  [{ type: "describeItem", itemId: EGGS, description: "" }, true],
  [{ type: "describeItem", itemId: MILK, description: "Soy." }, false],
  [{ type: "setItemDue", itemId: MILK, due: "2027-01-31" }, true],
  [{ type: "setItemDue", itemId: EGGS, due: null }, true],
  [{ type: "setItemDue", itemId: MILK, due: null }, false],
  [{ type: "labelItem", itemId: MILK, labelId: URGENT }, true],
  [{ type: "labelItem", itemId: MILK, labelId: LATER }, false],
  [{ type: "unlabelItem", itemId: EGGS, labelId: URGENT }, true],
  [{ type: "assignItem", itemId: MILK, memberId: ANA.id }, true],
  [{ type: "unassignItem", itemId: EGGS, memberId: ANA.id }, true],
  [{ type: "unassignItem", itemId: MILK, memberId: ANA.id }, false],
  [{ type: "editLabel", labelId: URGENT, name: "Urgent" }, true],
  [{ type: "editLabel", labelId: URGENT, color: "sky" }, false],
  [{ type: "setColumnLimit", columnId: TODO, limit: null }, true],
  [{ type: "setColumnLimit", columnId: TODO, limit: 3 }, false],
  [{ type: "editChecklistEntry", itemId: MILK, entryId: ENTRY_1, text: "Find a shop" }, true],
  [{ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_2, afterEntryId: ENTRY_1 }, true],
  [{ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_2, afterEntryId: null }, false],
  [{ type: "editComment", commentId: COMMENT_1, text: "I'll go at noon." }, true],
  [{ type: "removeChecklistEntry", itemId: MILK, entryId: "entry-gone-0000000000001" }, true],
  [{ type: "removeChecklistEntry", itemId: MILK, entryId: ENTRY_2 }, false],
  [{ type: "restoreItem", itemId: MILK }, true],
  [{ type: "removeItem", itemId: MILK }, false],
  [{ type: "renameItem", itemId: MILK, title: "Milk" }, false],
  [{ type: "moveItem", itemId: EGGS, columnId: DONE, afterItemId: null }, false],
];

describe("alreadySo", () => {
  it.each(cases)("%o holds already: %s", (input, holds) => {
    expect(alreadySo(board, parse(input))).toBe(holds);
  });

  it("agrees with decide: what holds already is refused (nothing to change), as conflict or not_found", () => {
    for (const [input, holds] of cases) {
      if (!holds) continue;
      const decision = decide(board, parse(input), ANA);
      expect(decision.ok, JSON.stringify(input)).toBe(false);
      if (!decision.ok) expect(["conflict", "not_found"]).toContain(decision.rejection.code);
    }
  });

  it("holds for a removal someone made first, never for an edit of what they removed", () => {
    const removed = given(...detailedBoard, ...by(BEN, { type: "ItemRemoved", data: { itemId: MILK } })).state;
    expect(alreadySo(removed, parse({ type: "removeItem", itemId: MILK }))).toBe(true);
    expect(alreadySo(removed, parse({ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 }))).toBe(false);
    expect(
      alreadySo(removed, parse({ type: "describeItem", itemId: MILK, description: "Oat, not cow.\nTwo litres." })),
    ).toBe(false);
    const uncommented = given(...detailedBoard, ...by(ANA, { type: "CommentRemoved", data: { commentId: COMMENT_1 } }));
    expect(alreadySo(uncommented.state, parse({ type: "removeComment", commentId: COMMENT_1 }))).toBe(true);
  });
});

describe("a refusal of what someone did first", () => {
  const hydrated = () =>
    initialBoardState({ boardId: "board-0000000000000000", version: detailedBoard.length, state: board });
  const tick = parse({
    type: "checkChecklistEntry",
    itemId: MILK,
    entryId: ENTRY_2,
    commandId: "22222222-2222-4222-8222-000000000001",
  });
  const bensTick = (version: number): StoredEvent =>
    ({
      version,
      type: "ChecklistEntryChecked",
      data: { itemId: MILK, entryId: ENTRY_2 },
      commandId: "33333333-3333-4333-8333-000000000001",
      actor: BEN,
      at: "2026-12-01T09:01:00.000Z",
    }) as StoredEvent & DomainEvent;
  const refused = commandRejected({
    commandId: tick.commandId,
    code: "conflict",
    reason: "“Buy it” on item “Milk” is already checked.",
  });

  it("says nothing when the other person's event came first", () => {
    let state = boardReducer(hydrated(), commandIssued(tick));
    state = boardReducer(state, eventsReceived([bensTick(detailedBoard.length + 1)]));
    state = boardReducer(state, refused);
    expect(state.notices).toEqual([]);
    expect(state.pending.ids).toEqual([]);
    expect(state.view.items.get(MILK)?.checklist[1].done).toBe(true);
  });

  it("takes its notice back when the other person's event comes after the refusal", () => {
    let state = boardReducer(boardReducer(hydrated(), commandIssued(tick)), refused);
    expect(state.notices.map((notice) => notice.message)).toEqual([
      "Couldn’t check “Buy it” on item “Milk”: “Buy it” on item “Milk” is already checked.",
    ]);
    state = boardReducer(state, eventsReceived([bensTick(detailedBoard.length + 1)]));
    expect(state.notices).toEqual([]);
  });

  it("says nothing in a tab that did not have the change waiting, told of it with its command", () => {
    let state = boardReducer(hydrated(), eventsReceived([bensTick(detailedBoard.length + 1)]));
    state = boardReducer(state, commandRejected({ ...refused.payload, command: tick }));
    expect(state.notices).toEqual([]);
    state = boardReducer(hydrated(), eventsReceived([bensTick(detailedBoard.length + 1)]));
    state = boardReducer(state, refused); // without it, the tab cannot know
    expect(state.notices).toHaveLength(1);
  });

  it("still says why a change that does not hold failed (the item was removed)", () => {
    let state = boardReducer(hydrated(), commandIssued(tick));
    const removal = { ...bensTick(detailedBoard.length + 1), type: "ItemRemoved", data: { itemId: MILK } };
    state = boardReducer(state, eventsReceived([removal as StoredEvent]));
    state = boardReducer(
      state,
      commandRejected({ commandId: tick.commandId, code: "not_found", reason: "Item “Milk” was removed." }),
    );
    expect(state.notices.map((notice) => notice.message)).toEqual([
      "Couldn’t check “Buy it” on item “Milk”: Item “Milk” was removed.",
    ]);
    expect(fold(state.confirmed, []).items.has(MILK)).toBe(false);
  });
});
