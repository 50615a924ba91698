// Given/when/then for what is on an item (v2): description, due date, labels, assignees,
// checklist, comments, and the board's labels.
import { describe, expect, it } from "vitest";
import { BOARD_LIMITS, type BoardView, type DomainEvent, ITEM_LIMITS, TEXT_MAX } from "@/lib/domain";
import {
  ANA,
  AT,
  BEN,
  BREAD,
  by,
  COMMENT_1,
  COMMENT_2,
  commented,
  DOING,
  detailedBoard,
  EGGS,
  ENTRY_1,
  ENTRY_2,
  ENTRY_3,
  entryAdded,
  given,
  itemLabeled,
  itemOf,
  itemRemoved,
  LATER,
  labelAdded,
  MILK,
  NOWHERE,
  sprintBoard,
  TEA,
  URGENT,
} from "./given";

const position = expect.any(String);
const NEW_LABEL = "label-new-00000000000001";
const NEW_COMMENT = "comment-new-000000000001";

describe("describeItem", () => {
  it("appends ItemDescribed; the item shows the description with its line breaks", () => {
    const when = given(...sprintBoard).when({
      type: "describeItem",
      itemId: EGGS,
      description: "\n\n  Free range.\r\n\tTwelve of them.  \r\n\n",
    });
    expect(when.events).toEqual([
      { type: "ItemDescribed", data: { itemId: EGGS, description: "  Free range.\n\tTwelve of them." } },
    ]);
    expect(itemOf(when.board, EGGS).description).toBe("  Free range.\n\tTwelve of them.");
  });

  it('clears a description with ""', () => {
    const when = given(...detailedBoard).when({ type: "describeItem", itemId: MILK, description: "" });
    expect(when.events).toEqual([{ type: "ItemDescribed", data: { itemId: MILK, description: "" } }]);
    expect(itemOf(when.board, MILK).description).toBe("");
  });

  it(`takes ${TEXT_MAX.description.toLocaleString("en-US")} characters as a person counts them (emoji too)`, () => {
    const description = "🚀".repeat(TEXT_MAX.description);
    const when = given(...sprintBoard).when({ type: "describeItem", itemId: EGGS, description });
    expect(itemOf(when.board, EGGS).description).toBe(description);
  });

  it("is a conflict when the description is the same", () => {
    const reason = given(...detailedBoard)
      .when({ type: "describeItem", itemId: MILK, description: "Oat, not cow.\r\nTwo litres.\n" })
      .rejected("conflict");
    expect(reason).toBe("Item “Milk” already has this description.");
  });

  it("is a conflict to clear a description that is not there", () => {
    const reason = given(...sprintBoard)
      .when({ type: "describeItem", itemId: EGGS, description: "" })
      .rejected("conflict");
    expect(reason).toBe("Item “Eggs” has no description already.");
  });

  it("is not_found for an unknown item, and for a removed one, naming it", () => {
    given(...sprintBoard)
      .when({ type: "describeItem", itemId: NOWHERE, description: "x" })
      .rejected("not_found");
    const reason = given(...sprintBoard, itemRemoved(EGGS))
      .when({ type: "describeItem", itemId: EGGS, description: "x" })
      .rejected("not_found");
    expect(reason).toBe("Item “Eggs” was removed.");
  });
});

describe("setItemDue", () => {
  it("appends ItemDueSet; the item shows the day", () => {
    const when = given(...sprintBoard).when({ type: "setItemDue", itemId: EGGS, due: "2028-02-29" });
    expect(when.events).toEqual([{ type: "ItemDueSet", data: { itemId: EGGS, due: "2028-02-29" } }]);
    expect(itemOf(when.board, EGGS).due).toBe("2028-02-29");
  });

  it("clears the due date with null", () => {
    const when = given(...detailedBoard).when({ type: "setItemDue", itemId: MILK, due: null });
    expect(when.events).toEqual([{ type: "ItemDueSet", data: { itemId: MILK, due: null } }]);
    expect(itemOf(when.board, MILK).due).toBeNull();
  });

  it("is a conflict for the same day, and for clearing no date", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "setItemDue", itemId: MILK, due: "2027-01-31" })
        .rejected("conflict"),
    ).toBe("Item “Milk” is already due on 2027-01-31.");
    expect(
      given(...sprintBoard)
        .when({ type: "setItemDue", itemId: EGGS, due: null })
        .rejected("conflict"),
    ).toBe("Item “Eggs” has no due date already.");
  });

  it("is not_found for an item that is not there", () => {
    given(...sprintBoard)
      .when({ type: "setItemDue", itemId: NOWHERE, due: "2027-01-01" })
      .rejected("not_found");
  });
});

describe("addLabel", () => {
  it("appends LabelAdded; the board lists its labels in the order they were made", () => {
    const when = given(...detailedBoard).when({
      type: "addLabel",
      labelId: NEW_LABEL,
      name: " Blocked ",
      color: "purple",
    });
    expect(when.events).toEqual([
      { type: "LabelAdded", data: { labelId: NEW_LABEL, name: "Blocked", color: "purple" } },
    ]);
    expect(when.board.labels).toEqual([
      { labelId: URGENT, name: "Urgent", color: "red" },
      { labelId: LATER, name: "Later", color: "sky" },
      { labelId: NEW_LABEL, name: "Blocked", color: "purple" },
    ]);
  });

  it("is a conflict for an id in use on the board (a label's, an item's, a removed label's)", () => {
    given(...detailedBoard)
      .when({ type: "addLabel", labelId: URGENT, name: "Again", color: "red" })
      .rejected("conflict");
    given(...detailedBoard)
      .when({ type: "addLabel", labelId: MILK, name: "Milk", color: "red" })
      .rejected("conflict");
    given(...detailedBoard, { type: "LabelRemoved", data: { labelId: LATER } })
      .when({ type: "addLabel", labelId: LATER, name: "Later", color: "sky" })
      .rejected("conflict");
  });

  it(`accepts the ${BOARD_LIMITS.labels}th label and refuses the next, saying why`, () => {
    const labels = (n: number) =>
      Array.from({ length: n }, (_, i) => labelAdded(`label-many-${String(i).padStart(13, "0")}`, `L${i}`));
    given(...sprintBoard, ...labels(BOARD_LIMITS.labels - 1)).when({
      type: "addLabel",
      labelId: NEW_LABEL,
      name: "Last",
      color: "black",
    }).events;
    const reason = given(...sprintBoard, ...labels(BOARD_LIMITS.labels))
      .when({ type: "addLabel", labelId: NEW_LABEL, name: "One too many", color: "black" })
      .rejected("conflict");
    expect(reason).toBe("This board already has 100 labels, the most a board can hold.");
  });
});

describe("editLabel", () => {
  it("renames a label; the event carries its name and its color", () => {
    const when = given(...detailedBoard).when({ type: "editLabel", labelId: URGENT, name: "Now" });
    expect(when.events).toEqual([{ type: "LabelEdited", data: { labelId: URGENT, name: "Now", color: "red" } }]);
    expect(when.board.labels[0]).toEqual({ labelId: URGENT, name: "Now", color: "red" });
  });

  it("recolours a label, keeping its name", () => {
    const when = given(...detailedBoard).when({ type: "editLabel", labelId: URGENT, color: "orange" });
    expect(when.events).toEqual([{ type: "LabelEdited", data: { labelId: URGENT, name: "Urgent", color: "orange" } }]);
  });

  it("is a conflict when neither the name nor the color changes", () => {
    const reason = given(...detailedBoard)
      .when({ type: "editLabel", labelId: URGENT, name: "Urgent", color: "red" })
      .rejected("conflict");
    expect(reason).toBe("Label “Urgent” is already named and coloured that way.");
  });

  it("is not_found for an unknown label, and for a removed one, naming it", () => {
    given(...detailedBoard)
      .when({ type: "editLabel", labelId: NOWHERE, name: "X" })
      .rejected("not_found");
    const reason = given(...detailedBoard, { type: "LabelRemoved", data: { labelId: LATER } })
      .when({ type: "editLabel", labelId: LATER, name: "Soon" })
      .rejected("not_found");
    expect(reason).toBe("Label “Later” was removed.");
  });
});

describe("removeLabel", () => {
  it("appends LabelRemoved; the label leaves the board and every item", () => {
    const when = given(...detailedBoard, itemLabeled(TEA, URGENT)).when({ type: "removeLabel", labelId: URGENT });
    expect(when.events).toEqual([{ type: "LabelRemoved", data: { labelId: URGENT } }]);
    expect(when.board.labels.map((label) => label.name)).toEqual(["Later"]);
    expect(itemOf(when.board, MILK).labels).toEqual([]);
    expect(itemOf(when.board, TEA).labels).toEqual([]);
  });

  it("takes the label off a removed item too, so that restoring it brings back no dead label", () => {
    const when = given(...detailedBoard, itemRemoved(MILK)).when({ type: "removeLabel", labelId: URGENT });
    const restored = given(...detailedBoard, itemRemoved(MILK), ...when.events).when({
      type: "restoreItem",
      itemId: MILK,
    });
    expect(itemOf(restored.board, MILK).labels).toEqual([]);
  });

  it("is not_found for an unknown label and for one removed already", () => {
    given(...detailedBoard)
      .when({ type: "removeLabel", labelId: NOWHERE })
      .rejected("not_found");
    given(...detailedBoard, { type: "LabelRemoved", data: { labelId: URGENT } })
      .when({ type: "removeLabel", labelId: URGENT })
      .rejected("not_found");
  });
});

describe("labelItem and unlabelItem", () => {
  it("puts a label on an item, after the labels it has", () => {
    const when = given(...detailedBoard).when({ type: "labelItem", itemId: MILK, labelId: LATER });
    expect(when.events).toEqual([{ type: "ItemLabeled", data: { itemId: MILK, labelId: LATER } }]);
    expect(itemOf(when.board, MILK).labels).toEqual([URGENT, LATER]);
  });

  it("takes a label off an item", () => {
    const when = given(...detailedBoard).when({ type: "unlabelItem", itemId: MILK, labelId: URGENT });
    expect(when.events).toEqual([{ type: "ItemUnlabeled", data: { itemId: MILK, labelId: URGENT } }]);
    expect(itemOf(when.board, MILK).labels).toEqual([]);
  });

  it("is a conflict for a label already on the item, or not on it", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "labelItem", itemId: MILK, labelId: URGENT })
        .rejected("conflict"),
    ).toBe("Item “Milk” already has label “Urgent”.");
    expect(
      given(...detailedBoard)
        .when({ type: "unlabelItem", itemId: EGGS, labelId: URGENT })
        .rejected("conflict"),
    ).toBe("Item “Eggs” does not have label “Urgent”.");
  });

  it("is not_found for an unknown label, or an item that is not there", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "labelItem", itemId: MILK, labelId: NOWHERE })
        .rejected("not_found"),
    ).toBe(`There is no label ${NOWHERE} on this board.`);
    given(...detailedBoard)
      .when({ type: "unlabelItem", itemId: MILK, labelId: NOWHERE })
      .rejected("not_found");
    given(...detailedBoard)
      .when({ type: "labelItem", itemId: NOWHERE, labelId: URGENT })
      .rejected("not_found");
    given(...detailedBoard, itemRemoved(EGGS))
      .when({ type: "labelItem", itemId: EGGS, labelId: URGENT })
      .rejected("not_found");
  });
});

describe("assignItem and unassignItem", () => {
  it("assigns a member of the board (anyone whose id is on its events)", () => {
    const when = given(...detailedBoard).when({ type: "assignItem", itemId: EGGS, memberId: BEN.id }, ANA);
    expect(when.events).toEqual([{ type: "ItemAssigned", data: { itemId: EGGS, memberId: BEN.id } }]);
    expect(itemOf(when.board, EGGS).assignees).toEqual([BEN.id]);
  });

  it("lets someone assign themselves before their first event makes them a member", () => {
    const newcomer = { id: "actor-cleo-00000000001", name: "Cleo" };
    const when = given(...detailedBoard).when({ type: "assignItem", itemId: EGGS, memberId: newcomer.id }, newcomer);
    expect(when.events).toEqual([{ type: "ItemAssigned", data: { itemId: EGGS, memberId: newcomer.id } }]);
    expect(when.board.members).toContainEqual({ memberId: newcomer.id, name: "Cleo" });
  });

  it("unassigns an assignee", () => {
    const when = given(...detailedBoard).when({ type: "unassignItem", itemId: MILK, memberId: ANA.id });
    expect(when.events).toEqual([{ type: "ItemUnassigned", data: { itemId: MILK, memberId: ANA.id } }]);
    expect(itemOf(when.board, MILK).assignees).toEqual([]);
  });

  it("is not_found for someone who is not a member", () => {
    const reason = given(...detailedBoard)
      .when({ type: "assignItem", itemId: MILK, memberId: "actor-nobody-000000001" })
      .rejected("not_found");
    expect(reason).toBe("There is no member actor-nobody-000000001 on this board.");
    given(...detailedBoard)
      .when({ type: "unassignItem", itemId: MILK, memberId: "actor-nobody-000000001" })
      .rejected("not_found");
  });

  it("is a conflict for an assignee already assigned, or one who is not", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "assignItem", itemId: MILK, memberId: ANA.id })
        .rejected("conflict"),
    ).toBe("“Ana” is already assigned to item “Milk”.");
    expect(
      given(...detailedBoard)
        .when({ type: "unassignItem", itemId: MILK, memberId: BEN.id })
        .rejected("conflict"),
    ).toBe("“Ben” is not assigned to item “Milk”.");
  });

  it("is not_found for an item that is not there", () => {
    given(...detailedBoard)
      .when({ type: "assignItem", itemId: NOWHERE, memberId: ANA.id })
      .rejected("not_found");
  });
});

describe("addChecklistEntry", () => {
  const checklist = (board: BoardView) => itemOf(board, MILK).checklist.map((entry) => entry.text);

  it("adds an entry at the end, not done", () => {
    const when = given(...detailedBoard).when({
      type: "addChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_3,
      text: " Carry it home ",
    });
    expect(when.events).toEqual([
      { type: "ChecklistEntryAdded", data: { itemId: MILK, entryId: ENTRY_3, text: "Carry it home", position } },
    ]);
    expect(itemOf(when.board, MILK).checklist).toEqual([
      { entryId: ENTRY_1, text: "Find a shop", done: true },
      { entryId: ENTRY_2, text: "Buy it", done: false },
      { entryId: ENTRY_3, text: "Carry it home", done: false },
    ]);
  });

  it("adds an entry after the one named, or first for null", () => {
    const after = given(...detailedBoard).when({
      type: "addChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_3,
      text: "Take a bag",
      afterEntryId: ENTRY_1,
    });
    expect(checklist(after.board)).toEqual(["Find a shop", "Take a bag", "Buy it"]);
    const first = given(...detailedBoard).when({
      type: "addChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_3,
      text: "Take a bag",
      afterEntryId: null,
    });
    expect(checklist(first.board)).toEqual(["Take a bag", "Find a shop", "Buy it"]);
  });

  it("is not_found for an afterEntryId that is not in the checklist, or an item that is not there", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "addChecklistEntry", itemId: MILK, entryId: ENTRY_3, text: "x", afterEntryId: NOWHERE })
        .rejected("not_found"),
    ).toBe(`Item “Milk” has no checklist entry ${NOWHERE}.`);
    given(...detailedBoard)
      .when({ type: "addChecklistEntry", itemId: NOWHERE, entryId: ENTRY_3, text: "x" })
      .rejected("not_found");
  });

  it("is a conflict for an entry id the item uses already", () => {
    given(...detailedBoard)
      .when({ type: "addChecklistEntry", itemId: MILK, entryId: ENTRY_1, text: "Again" })
      .rejected("conflict");
  });

  it(`refuses an entry beyond ${ITEM_LIMITS.checklistEntries} on an item, saying why`, () => {
    const entries = Array.from({ length: ITEM_LIMITS.checklistEntries }, (_, i) =>
      entryAdded(EGGS, `entry-many-${String(i).padStart(13, "0")}`, `E${i}`, `a${String(i).padStart(3, "0")}`),
    );
    const reason = given(...sprintBoard, ...entries)
      .when({ type: "addChecklistEntry", itemId: EGGS, entryId: ENTRY_3, text: "One too many" })
      .rejected("conflict");
    expect(reason).toBe("Item “Eggs” already has 100 checklist entries, the most an item can hold.");
  });
});

describe("editChecklistEntry", () => {
  it("changes an entry's text, keeping whether it is done", () => {
    const when = given(...detailedBoard).when({
      type: "editChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_1,
      text: "Find an open shop",
    });
    expect(when.events).toEqual([
      { type: "ChecklistEntryEdited", data: { itemId: MILK, entryId: ENTRY_1, text: "Find an open shop" } },
    ]);
    expect(itemOf(when.board, MILK).checklist[0]).toEqual({ entryId: ENTRY_1, text: "Find an open shop", done: true });
  });

  it("is a conflict for the same text, not_found for an entry that is not there", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "editChecklistEntry", itemId: MILK, entryId: ENTRY_1, text: "Find a shop" })
        .rejected("conflict"),
    ).toBe("The checklist entry already says “Find a shop”.");
    given(...detailedBoard)
      .when({ type: "editChecklistEntry", itemId: MILK, entryId: ENTRY_3, text: "x" })
      .rejected("not_found");
  });
});

describe("checkChecklistEntry and uncheckChecklistEntry", () => {
  it("checks an entry", () => {
    const when = given(...detailedBoard).when({ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_2 });
    expect(when.events).toEqual([{ type: "ChecklistEntryChecked", data: { itemId: MILK, entryId: ENTRY_2 } }]);
    expect(itemOf(when.board, MILK).checklist.map((entry) => entry.done)).toEqual([true, true]);
  });

  it("unchecks an entry", () => {
    const when = given(...detailedBoard).when({ type: "uncheckChecklistEntry", itemId: MILK, entryId: ENTRY_1 });
    expect(when.events).toEqual([{ type: "ChecklistEntryUnchecked", data: { itemId: MILK, entryId: ENTRY_1 } }]);
    expect(itemOf(when.board, MILK).checklist.map((entry) => entry.done)).toEqual([false, false]);
  });

  it("is a conflict for an entry checked already (or unchecked already)", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_1 })
        .rejected("conflict"),
    ).toBe("“Find a shop” on item “Milk” is already checked.");
    given(...detailedBoard)
      .when({ type: "uncheckChecklistEntry", itemId: MILK, entryId: ENTRY_2 })
      .rejected("conflict");
  });

  it("is not_found for an entry that is not there", () => {
    given(...detailedBoard)
      .when({ type: "checkChecklistEntry", itemId: MILK, entryId: ENTRY_3 })
      .rejected("not_found");
    given(...detailedBoard)
      .when({ type: "uncheckChecklistEntry", itemId: EGGS, entryId: ENTRY_1 })
      .rejected("not_found");
  });
});

describe("removeChecklistEntry", () => {
  it("takes an entry out of the checklist", () => {
    const when = given(...detailedBoard).when({ type: "removeChecklistEntry", itemId: MILK, entryId: ENTRY_1 });
    expect(when.events).toEqual([{ type: "ChecklistEntryRemoved", data: { itemId: MILK, entryId: ENTRY_1 } }]);
    expect(itemOf(when.board, MILK).checklist).toEqual([{ entryId: ENTRY_2, text: "Buy it", done: false }]);
  });

  it("is not_found for an entry that is not there (or was removed)", () => {
    given(...detailedBoard, { type: "ChecklistEntryRemoved", data: { itemId: MILK, entryId: ENTRY_1 } })
      .when({ type: "removeChecklistEntry", itemId: MILK, entryId: ENTRY_1 })
      .rejected("not_found");
  });
});

describe("moveChecklistEntry", () => {
  it("moves an entry after another, keeping what it says and whether it is done", () => {
    const when = given(...detailedBoard).when({
      type: "moveChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_1,
      afterEntryId: ENTRY_2,
    });
    expect(when.events).toMatchObject([{ type: "ChecklistEntryMoved", data: { itemId: MILK, entryId: ENTRY_1 } }]);
    expect(itemOf(when.board, MILK).checklist.map((entry) => entry.entryId)).toEqual([ENTRY_2, ENTRY_1]);
  });

  it("moves an entry to the top with afterEntryId null", () => {
    const when = given(...detailedBoard).when({
      type: "moveChecklistEntry",
      itemId: MILK,
      entryId: ENTRY_2,
      afterEntryId: null,
    });
    expect(itemOf(when.board, MILK).checklist.map((entry) => entry.entryId)).toEqual([ENTRY_2, ENTRY_1]);
  });

  it("is a conflict when the entry is there already", () => {
    given(...detailedBoard)
      .when({ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_2, afterEntryId: ENTRY_1 })
      .rejected("conflict");
  });

  it("is not_found for an entry, or an entry to go after, that is not there", () => {
    given(...detailedBoard)
      .when({ type: "moveChecklistEntry", itemId: MILK, entryId: NOWHERE, afterEntryId: null })
      .rejected("not_found");
    given(...detailedBoard)
      .when({ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_1, afterEntryId: NOWHERE })
      .rejected("not_found");
  });

  it("is invalid after itself", () => {
    given(...detailedBoard)
      .when({ type: "moveChecklistEntry", itemId: MILK, entryId: ENTRY_1, afterEntryId: ENTRY_1 })
      .rejected("invalid");
  });
});

describe("commentOnItem", () => {
  it("appends ItemCommented; the comment shows its author and time from the event, oldest first", () => {
    const when = given(...detailedBoard).when(
      { type: "commentOnItem", itemId: MILK, commentId: NEW_COMMENT, text: "Done:\r\n- milk\r\n- oats\n\n" },
      BEN,
    );
    expect(when.events).toEqual([
      { type: "ItemCommented", data: { itemId: MILK, commentId: NEW_COMMENT, text: "Done:\n- milk\n- oats" } },
    ]);
    expect(itemOf(when.board, MILK).comments).toEqual([
      { commentId: COMMENT_1, text: "I'll go at noon.", author: ANA, at: AT, edited: false },
      { commentId: COMMENT_2, text: "Get two.", author: BEN, at: AT, edited: false },
      { commentId: NEW_COMMENT, text: "Done:\n- milk\n- oats", author: BEN, at: AT, edited: false },
    ]);
  });

  it("is a conflict for an id in use on the board, a removed comment's too", () => {
    given(...detailedBoard)
      .when({ type: "commentOnItem", itemId: EGGS, commentId: COMMENT_1, text: "x" })
      .rejected("conflict");
    given(...detailedBoard)
      .when({ type: "commentOnItem", itemId: EGGS, commentId: URGENT, text: "x" })
      .rejected("conflict");
    given(...detailedBoard, ...by(ANA, { type: "CommentRemoved", data: { commentId: COMMENT_1 } }))
      .when({ type: "commentOnItem", itemId: EGGS, commentId: COMMENT_1, text: "x" })
      .rejected("conflict");
  });

  it(`refuses a comment beyond ${ITEM_LIMITS.comments} on an item, saying why`, () => {
    const comments: DomainEvent[] = Array.from({ length: ITEM_LIMITS.comments }, (_, i) =>
      commented(EGGS, `comment-many-${String(i).padStart(11, "0")}`, `C${i}`),
    );
    const reason = given(...sprintBoard, ...by(ANA, ...comments))
      .when({ type: "commentOnItem", itemId: EGGS, commentId: NEW_COMMENT, text: "One too many" })
      .rejected("conflict");
    expect(reason).toBe("Item “Eggs” already has 1,000 comments, the most an item can hold.");
  });

  it("is not_found on an item that is not there", () => {
    given(...detailedBoard, itemRemoved(BREAD))
      .when({ type: "commentOnItem", itemId: BREAD, commentId: NEW_COMMENT, text: "x" })
      .rejected("not_found");
  });
});

describe("editComment", () => {
  it("lets the author change their comment: it shows as edited, with the time it was written", () => {
    const when = given(...detailedBoard).when(
      { type: "editComment", commentId: COMMENT_1, text: "At one, then." },
      ANA,
    );
    expect(when.events).toEqual([{ type: "CommentEdited", data: { commentId: COMMENT_1, text: "At one, then." } }]);
    expect(itemOf(when.board, MILK).comments[0]).toEqual({
      commentId: COMMENT_1,
      text: "At one, then.",
      author: ANA,
      at: AT,
      edited: true,
    });
  });

  it("is forbidden to anyone but the author, saying whose it is", () => {
    const reason = given(...detailedBoard)
      .when({ type: "editComment", commentId: COMMENT_1, text: "Mine now." }, BEN)
      .rejected("forbidden");
    expect(reason).toBe("Only the person who wrote a comment may edit it, and this one is by Ana.");
  });

  it("is a conflict when the text is the same", () => {
    given(...detailedBoard)
      .when({ type: "editComment", commentId: COMMENT_2, text: "Get two." }, BEN)
      .rejected("conflict");
  });

  it("is not_found for a comment that is not there, was removed, or whose item was removed", () => {
    expect(
      given(...detailedBoard)
        .when({ type: "editComment", commentId: NOWHERE, text: "x" })
        .rejected("not_found"),
    ).toBe(`There is no comment ${NOWHERE} on this board.`);
    expect(
      given(...detailedBoard, ...by(ANA, { type: "CommentRemoved", data: { commentId: COMMENT_1 } }))
        .when({ type: "editComment", commentId: COMMENT_1, text: "x" })
        .rejected("not_found"),
    ).toBe("That comment was removed.");
    expect(
      given(...detailedBoard, itemRemoved(MILK))
        .when({ type: "editComment", commentId: COMMENT_1, text: "x" })
        .rejected("not_found"),
    ).toBe("Item “Milk” was removed.");
  });
});

describe("removeComment", () => {
  it("lets the author remove their comment: it leaves the item", () => {
    const when = given(...detailedBoard).when({ type: "removeComment", commentId: COMMENT_2 }, BEN);
    expect(when.events).toEqual([{ type: "CommentRemoved", data: { commentId: COMMENT_2 } }]);
    expect(itemOf(when.board, MILK).comments.map((comment) => comment.commentId)).toEqual([COMMENT_1]);
  });

  it("is forbidden to anyone but the author", () => {
    const reason = given(...detailedBoard)
      .when({ type: "removeComment", commentId: COMMENT_2 }, ANA)
      .rejected("forbidden");
    expect(reason).toBe("Only the person who wrote a comment may remove it, and this one is by Ben.");
  });

  it("is not_found for a comment removed already", () => {
    given(...detailedBoard, ...by(BEN, { type: "CommentRemoved", data: { commentId: COMMENT_2 } }))
      .when({ type: "removeComment", commentId: COMMENT_2 }, BEN)
      .rejected("not_found");
  });
});

describe("setColumnLimit", () => {
  it("sets a column's limit, shown with the column (never enforced: more items may come)", () => {
    const when = given(...sprintBoard).when({ type: "setColumnLimit", columnId: DOING, limit: 1 });
    expect(when.events).toEqual([{ type: "ColumnLimitSet", data: { columnId: DOING, limit: 1 } }]);
    expect(when.board.columns[1]).toMatchObject({ title: "Doing", limit: 1 });
    const after = given(...sprintBoard, ...when.events).when({
      type: "addItem",
      itemId: "item-over-00000000000001",
      columnId: DOING,
      title: "Over",
    });
    expect(after.board.columns[1].items).toHaveLength(2);
  });

  it("removes a limit with null", () => {
    const when = given(...sprintBoard, { type: "ColumnLimitSet", data: { columnId: DOING, limit: 3 } }).when({
      type: "setColumnLimit",
      columnId: DOING,
      limit: null,
    });
    expect(when.board.columns[1].limit).toBeNull();
  });

  it("is a conflict for the same limit (or no limit again), not_found for a column that is not there", () => {
    expect(
      given(...sprintBoard, { type: "ColumnLimitSet", data: { columnId: DOING, limit: 3 } })
        .when({ type: "setColumnLimit", columnId: DOING, limit: 3 })
        .rejected("conflict"),
    ).toBe("Column “Doing” already has a limit of 3.");
    expect(
      given(...sprintBoard)
        .when({ type: "setColumnLimit", columnId: DOING, limit: null })
        .rejected("conflict"),
    ).toBe("Column “Doing” has no limit already.");
    given(...sprintBoard)
      .when({ type: "setColumnLimit", columnId: NOWHERE, limit: 2 })
      .rejected("not_found");
  });
});
