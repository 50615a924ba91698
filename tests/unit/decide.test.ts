import { describe, expect, it } from "vitest";
import { BOARD_LIMITS, type DomainEvent } from "@/lib/domain";
import {
  BREAD,
  boardCreated,
  columnRemoved,
  columnTitles,
  DOING,
  DONE,
  EGGS,
  given,
  itemCompleted,
  itemRemoved,
  itemTitles,
  MILK,
  NO_DETAILS,
  NOWHERE,
  sprintBoard,
  TEA,
  TODO,
} from "./given";

const NEW_COLUMN = "col-later-00000000000001";
const NEW_ITEM = "item-jam-000000000000001";
const position = expect.any(String);

/** The sprint board after "Milk" alone was removed. */
const milkRemoved = [...sprintBoard, itemRemoved(MILK)];
/** The sprint board after "To do" was removed, taking Milk, Eggs and Bread with it. */
const todoRemoved = [...sprintBoard, columnRemoved(TODO)];

describe("renameBoard", () => {
  it("appends BoardRenamed with the trimmed title", () => {
    const when = given(...sprintBoard).when({ type: "renameBoard", title: "  Q3 plan " });
    expect(when.events).toEqual([{ type: "BoardRenamed", data: { title: "Q3 plan" } }]);
    expect(when.board.title).toBe("Q3 plan");
  });
});

describe("addColumn", () => {
  it("adds the first column of an empty board", () => {
    const when = given(boardCreated()).when({ type: "addColumn", columnId: TODO, title: "To do" });
    expect(when.events).toEqual([{ type: "ColumnAdded", data: { columnId: TODO, title: "To do", position } }]);
    expect(columnTitles(when.board)).toEqual(["To do"]);
  });

  it("adds a column at the end when afterColumnId is omitted", () => {
    const when = given(...sprintBoard).when({ type: "addColumn", columnId: NEW_COLUMN, title: " Later " });
    expect(when.events).toEqual([{ type: "ColumnAdded", data: { columnId: NEW_COLUMN, title: "Later", position } }]);
    expect(columnTitles(when.board)).toEqual(["To do", "Doing", "Done", "Later"]);
  });

  it("adds a column after the given column", () => {
    const when = given(...sprintBoard).when({
      type: "addColumn",
      columnId: NEW_COLUMN,
      title: "Later",
      afterColumnId: TODO,
    });
    expect(when.events).toEqual([{ type: "ColumnAdded", data: { columnId: NEW_COLUMN, title: "Later", position } }]);
    expect(columnTitles(when.board)).toEqual(["To do", "Later", "Doing", "Done"]);
  });

  it("adds a column after the last column, at the end", () => {
    const when = given(...sprintBoard).when({
      type: "addColumn",
      columnId: NEW_COLUMN,
      title: "Later",
      afterColumnId: DONE,
    });
    expect(columnTitles(when.board)).toEqual(["To do", "Doing", "Done", "Later"]);
  });

  it("adds a column first when afterColumnId is null", () => {
    const when = given(...sprintBoard).when({
      type: "addColumn",
      columnId: NEW_COLUMN,
      title: "Later",
      afterColumnId: null,
    });
    expect(columnTitles(when.board)).toEqual(["Later", "To do", "Doing", "Done"]);
  });

  it.each([
    ["an existing column", TODO],
    ["an existing item", MILK],
  ])("rejects an id already used by %s as a conflict", (_, columnId) => {
    const reason = given(...sprintBoard)
      .when({ type: "addColumn", columnId, title: "Again" })
      .rejected("conflict");
    expect(reason).toContain(columnId);
  });

  it("rejects the id of a removed column as a conflict, so a replay cannot bring it back", () => {
    const reason = given(...todoRemoved)
      .when({ type: "addColumn", columnId: TODO, title: "To do" })
      .rejected("conflict");
    expect(reason).toContain(TODO);
  });

  it("rejects the id of a removed item as a conflict", () => {
    given(...milkRemoved)
      .when({ type: "addColumn", columnId: MILK, title: "Milk" })
      .rejected("conflict");
  });

  it("rejects the id of an item that left with its column as a conflict", () => {
    given(...todoRemoved)
      .when({ type: "addColumn", columnId: EGGS, title: "Eggs" })
      .rejected("conflict");
  });

  it("rejects placing it after a column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "addColumn", columnId: NEW_COLUMN, title: "Later", afterColumnId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects placing it after a removed column as not_found, naming that column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "addColumn", columnId: NEW_COLUMN, title: "Later", afterColumnId: TODO })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });
});

describe("renameColumn", () => {
  it("appends ColumnRenamed with the trimmed title, keeping the column in place", () => {
    const when = given(...sprintBoard).when({ type: "renameColumn", columnId: DOING, title: " In progress\t" });
    expect(when.events).toEqual([{ type: "ColumnRenamed", data: { columnId: DOING, title: "In progress" } }]);
    expect(columnTitles(when.board)).toEqual(["To do", "In progress", "Done"]);
    expect(itemTitles(when.board, "In progress")).toEqual(["Tea"]);
  });

  it("rejects a column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "renameColumn", columnId: NOWHERE, title: "X" })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed column as not_found, naming it and saying it was removed", () => {
    const reason = given(...todoRemoved)
      .when({ type: "renameColumn", columnId: TODO, title: "Backlog" })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item id as not_found: it is not a column", () => {
    given(...sprintBoard)
      .when({ type: "renameColumn", columnId: MILK, title: "X" })
      .rejected("not_found");
  });
});

describe("moveColumn", () => {
  it("moves a column first when afterColumnId is null", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: DONE, afterColumnId: null });
    expect(when.events).toEqual([{ type: "ColumnMoved", data: { columnId: DONE, position } }]);
    expect(columnTitles(when.board)).toEqual(["Done", "To do", "Doing"]);
  });

  it("moves a column right, after a given column", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: TODO, afterColumnId: DOING });
    expect(columnTitles(when.board)).toEqual(["Doing", "To do", "Done"]);
  });

  it("moves a column left, after a given column", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: DONE, afterColumnId: TODO });
    expect(columnTitles(when.board)).toEqual(["To do", "Done", "Doing"]);
  });

  it("moves a column to the end, after the last one", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: TODO, afterColumnId: DONE });
    expect(columnTitles(when.board)).toEqual(["Doing", "Done", "To do"]);
  });

  it("leaves the order as it is when moved after the column already before it", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: DOING, afterColumnId: TODO });
    expect(columnTitles(when.board)).toEqual(["To do", "Doing", "Done"]);
  });

  it("takes the column's items along", () => {
    const when = given(...sprintBoard).when({ type: "moveColumn", columnId: TODO, afterColumnId: DONE });
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
  });

  it("rejects a column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "moveColumn", columnId: NOWHERE, afterColumnId: null })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed column as not_found, naming it and saying it was removed", () => {
    const reason = given(...todoRemoved)
      .when({ type: "moveColumn", columnId: TODO, afterColumnId: DONE })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects moving after a column that does not exist as not_found", () => {
    given(...sprintBoard)
      .when({ type: "moveColumn", columnId: DONE, afterColumnId: NOWHERE })
      .rejected("not_found");
  });

  it("rejects moving after a removed column as not_found, naming that column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "moveColumn", columnId: DONE, afterColumnId: TODO })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects moving a column after itself as invalid", () => {
    given(...sprintBoard)
      .when({ type: "moveColumn", columnId: DOING, afterColumnId: DOING })
      .rejected("invalid");
  });
});

describe("removeColumn", () => {
  it("appends ColumnRemoved; the column and its items leave the board", () => {
    const when = given(...sprintBoard).when({ type: "removeColumn", columnId: TODO });
    expect(when.events).toEqual([{ type: "ColumnRemoved", data: { columnId: TODO } }]);
    expect(columnTitles(when.board)).toEqual(["Doing", "Done"]);
    expect(when.board.columns.flatMap((column) => column.items.map((item) => item.title))).toEqual(["Tea"]);
  });

  it("removes an empty column", () => {
    const when = given(...sprintBoard).when({ type: "removeColumn", columnId: DONE });
    expect(columnTitles(when.board)).toEqual(["To do", "Doing"]);
  });

  it("rejects a column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "removeColumn", columnId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects removing a column twice as not_found, naming it and saying it was removed", () => {
    const reason = given(...todoRemoved)
      .when({ type: "removeColumn", columnId: TODO })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });
});

describe("addItem", () => {
  it("adds an item at the end of its column when afterItemId is omitted", () => {
    const when = given(...sprintBoard).when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "  Jam " });
    expect(when.events).toEqual([
      { type: "ItemAdded", data: { itemId: NEW_ITEM, columnId: TODO, title: "Jam", position } },
    ]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread", "Jam"]);
  });

  it("adds an open item", () => {
    const when = given(...sprintBoard).when({ type: "addItem", itemId: NEW_ITEM, columnId: DONE, title: "Jam" });
    expect(when.board.columns[2].items).toEqual([
      { itemId: NEW_ITEM, title: "Jam", completed: false, position, ...NO_DETAILS },
    ]);
  });

  it("adds the first item of an empty column", () => {
    const when = given(...sprintBoard).when({ type: "addItem", itemId: NEW_ITEM, columnId: DONE, title: "Jam" });
    expect(itemTitles(when.board, "Done")).toEqual(["Jam"]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
  });

  it("adds an item after the given sibling", () => {
    const when = given(...sprintBoard).when({
      type: "addItem",
      itemId: NEW_ITEM,
      columnId: TODO,
      title: "Jam",
      afterItemId: MILK,
    });
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Jam", "Eggs", "Bread"]);
  });

  it("adds an item after the last sibling, at the end", () => {
    const when = given(...sprintBoard).when({
      type: "addItem",
      itemId: NEW_ITEM,
      columnId: TODO,
      title: "Jam",
      afterItemId: BREAD,
    });
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread", "Jam"]);
  });

  it("adds an item at the top when afterItemId is null", () => {
    const when = given(...sprintBoard).when({
      type: "addItem",
      itemId: NEW_ITEM,
      columnId: TODO,
      title: "Jam",
      afterItemId: null,
    });
    expect(itemTitles(when.board, "To do")).toEqual(["Jam", "Milk", "Eggs", "Bread"]);
  });

  it.each([
    ["an existing item", MILK],
    ["an existing column", DONE],
  ])("rejects an id already used by %s as a conflict", (_, itemId) => {
    const reason = given(...sprintBoard)
      .when({ type: "addItem", itemId, columnId: TODO, title: "Again" })
      .rejected("conflict");
    expect(reason).toContain(itemId);
  });

  it("rejects the id of a removed item as a conflict, so a replay cannot bring it back", () => {
    const reason = given(...milkRemoved)
      .when({ type: "addItem", itemId: MILK, columnId: TODO, title: "Milk" })
      .rejected("conflict");
    expect(reason).toContain(MILK);
  });

  it("rejects the id of an item that left with its column as a conflict", () => {
    given(...todoRemoved)
      .when({ type: "addItem", itemId: EGGS, columnId: DOING, title: "Eggs" })
      .rejected("conflict");
  });

  it("rejects the id of a removed column as a conflict", () => {
    given(...todoRemoved)
      .when({ type: "addItem", itemId: TODO, columnId: DOING, title: "To do" })
      .rejected("conflict");
  });

  it("rejects a column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: NOWHERE, title: "Jam" })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed column as not_found, naming it and saying it was removed", () => {
    const reason = given(...todoRemoved)
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "Jam" })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects placing it after an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "Jam", afterItemId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects placing it after a removed item as not_found, naming that item", () => {
    const reason = given(...milkRemoved)
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "Jam", afterItemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects placing it after an item of another column as a conflict", () => {
    const reason = given(...sprintBoard)
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "Jam", afterItemId: TEA })
      .rejected("conflict");
    expect(reason).toContain("“Tea”");
    expect(reason).toContain("“To do”");
  });
});

describe("renameItem", () => {
  it("appends ItemTitleUpdated with the trimmed title as newTitle, keeping the item in place", () => {
    const when = given(...sprintBoard).when({ type: "renameItem", itemId: EGGS, title: " Free-range eggs  " });
    expect(when.events).toEqual([{ type: "ItemTitleUpdated", data: { itemId: EGGS, newTitle: "Free-range eggs" } }]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Free-range eggs", "Bread"]);
  });

  it("rejects an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "renameItem", itemId: NOWHERE, title: "X" })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed item as not_found, naming it and saying it was removed", () => {
    const reason = given(...milkRemoved)
      .when({ type: "renameItem", itemId: MILK, title: "Oat milk" })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item of a removed column as not_found, naming the item and its column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "renameItem", itemId: EGGS, title: "X" })
      .rejected("not_found");
    expect(reason).toContain("“Eggs”");
    expect(reason).toMatch(/removed/);
    expect(reason).toContain("“To do”");
  });

  it("rejects a column id as not_found: it is not an item", () => {
    given(...sprintBoard)
      .when({ type: "renameItem", itemId: TODO, title: "X" })
      .rejected("not_found");
  });
});

describe("completeItem", () => {
  it("appends ItemCompleted; the item shows as completed where it was", () => {
    const when = given(...sprintBoard).when({ type: "completeItem", itemId: EGGS });
    expect(when.events).toEqual([{ type: "ItemCompleted", data: { itemId: EGGS } }]);
    expect(when.board.columns[0].items.map((item) => [item.title, item.completed])).toEqual([
      ["Milk", false],
      ["Eggs", true],
      ["Bread", false],
    ]);
  });

  it("rejects completing a completed item as a conflict, naming it", () => {
    const reason = given(...sprintBoard, itemCompleted(EGGS))
      .when({ type: "completeItem", itemId: EGGS })
      .rejected("conflict");
    expect(reason).toContain("“Eggs”");
    expect(reason).toMatch(/already completed/);
  });

  it("rejects an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "completeItem", itemId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed item as not_found, naming it and saying it was removed", () => {
    const reason = given(...milkRemoved)
      .when({ type: "completeItem", itemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item of a removed column as not_found, naming the item and its column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "completeItem", itemId: BREAD })
      .rejected("not_found");
    expect(reason).toContain("“Bread”");
    expect(reason).toMatch(/removed/);
    expect(reason).toContain("“To do”");
  });
});

describe("reopenItem", () => {
  it("appends ItemReopened; the item shows as open again", () => {
    const when = given(...sprintBoard, itemCompleted(TEA)).when({ type: "reopenItem", itemId: TEA });
    expect(when.events).toEqual([{ type: "ItemReopened", data: { itemId: TEA } }]);
    expect(when.board.columns[1].items).toEqual([
      { itemId: TEA, title: "Tea", completed: false, position: "a0", ...NO_DETAILS },
    ]);
  });

  it("rejects reopening an open item as a conflict, naming it", () => {
    const reason = given(...sprintBoard)
      .when({ type: "reopenItem", itemId: TEA })
      .rejected("conflict");
    expect(reason).toContain("“Tea”");
    expect(reason).toMatch(/already open/);
  });

  it("rejects an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "reopenItem", itemId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed item as not_found, naming it and saying it was removed", () => {
    const reason = given(...sprintBoard, itemCompleted(MILK), itemRemoved(MILK))
      .when({ type: "reopenItem", itemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item of a removed column as not_found, naming the item and its column", () => {
    const reason = given(...sprintBoard, itemCompleted(MILK), columnRemoved(TODO))
      .when({ type: "reopenItem", itemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
    expect(reason).toContain("“To do”");
  });
});

describe("moveItem", () => {
  describe("within its column", () => {
    it("moves an item to the top when afterItemId is null", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: BREAD, columnId: TODO, afterItemId: null });
      expect(when.events).toEqual([{ type: "ItemMoved", data: { itemId: BREAD, columnId: TODO, position } }]);
      expect(itemTitles(when.board, "To do")).toEqual(["Bread", "Milk", "Eggs"]);
    });

    it("moves an item down, after a given sibling", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: EGGS });
      expect(itemTitles(when.board, "To do")).toEqual(["Eggs", "Milk", "Bread"]);
    });

    it("moves an item up, after a given sibling", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: BREAD, columnId: TODO, afterItemId: MILK });
      expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Bread", "Eggs"]);
    });

    it("moves an item to the bottom, after the last sibling", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: BREAD });
      expect(itemTitles(when.board, "To do")).toEqual(["Eggs", "Bread", "Milk"]);
    });

    it("leaves the order as it is when moved after the item already above it", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: EGGS, columnId: TODO, afterItemId: MILK });
      expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
    });

    it("leaves the order as it is when the top item is moved to the top", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: null });
      expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
    });
  });

  describe("between columns", () => {
    it("moves an item to the top of another column when afterItemId is null", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: EGGS, columnId: DOING, afterItemId: null });
      expect(when.events).toEqual([{ type: "ItemMoved", data: { itemId: EGGS, columnId: DOING, position } }]);
      expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Bread"]);
      expect(itemTitles(when.board, "Doing")).toEqual(["Eggs", "Tea"]);
    });

    it("moves an item after a given item of the other column", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: MILK, columnId: DOING, afterItemId: TEA });
      expect(itemTitles(when.board, "To do")).toEqual(["Eggs", "Bread"]);
      expect(itemTitles(when.board, "Doing")).toEqual(["Tea", "Milk"]);
    });

    it("moves an item into an empty column", () => {
      const when = given(...sprintBoard).when({ type: "moveItem", itemId: TEA, columnId: DONE, afterItemId: null });
      expect(itemTitles(when.board, "Doing")).toEqual([]);
      expect(itemTitles(when.board, "Done")).toEqual(["Tea"]);
    });

    it("keeps the item's title and completion", () => {
      const when = given(...sprintBoard, itemCompleted(EGGS)).when({
        type: "moveItem",
        itemId: EGGS,
        columnId: DONE,
        afterItemId: null,
      });
      expect(when.board.columns[2].items).toEqual([
        { itemId: EGGS, title: "Eggs", completed: true, position, ...NO_DETAILS },
      ]);
    });
  });

  it("rejects an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "moveItem", itemId: NOWHERE, columnId: TODO, afterItemId: null })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed item as not_found, naming it and saying it was removed", () => {
    const reason = given(...milkRemoved)
      .when({ type: "moveItem", itemId: MILK, columnId: DOING, afterItemId: null })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item of a removed column as not_found, naming the item and its column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "moveItem", itemId: EGGS, columnId: DOING, afterItemId: null })
      .rejected("not_found");
    expect(reason).toContain("“Eggs”");
    expect(reason).toMatch(/removed/);
    expect(reason).toContain("“To do”");
  });

  it("rejects a target column that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "moveItem", itemId: TEA, columnId: NOWHERE, afterItemId: null })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects a removed target column as not_found, naming it and saying it was removed", () => {
    const reason = given(...todoRemoved)
      .when({ type: "moveItem", itemId: TEA, columnId: TODO, afterItemId: null })
      .rejected("not_found");
    expect(reason).toContain("“To do”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects moving after an item that does not exist as not_found", () => {
    given(...sprintBoard)
      .when({ type: "moveItem", itemId: TEA, columnId: TODO, afterItemId: NOWHERE })
      .rejected("not_found");
  });

  it("rejects moving after a removed item as not_found, naming that item", () => {
    const reason = given(...milkRemoved)
      .when({ type: "moveItem", itemId: BREAD, columnId: TODO, afterItemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects moving after an item of another column as a conflict", () => {
    const reason = given(...sprintBoard)
      .when({ type: "moveItem", itemId: MILK, columnId: DONE, afterItemId: TEA })
      .rejected("conflict");
    expect(reason).toContain("“Tea”");
    expect(reason).toContain("“Done”");
  });

  it("rejects moving into another column after an item of the column it leaves as a conflict", () => {
    given(...sprintBoard)
      .when({ type: "moveItem", itemId: MILK, columnId: DOING, afterItemId: EGGS })
      .rejected("conflict");
  });

  it("rejects moving an item after itself as invalid", () => {
    given(...sprintBoard)
      .when({ type: "moveItem", itemId: EGGS, columnId: TODO, afterItemId: EGGS })
      .rejected("invalid");
  });
});

describe("removeItem", () => {
  it("appends ItemRemoved; the item leaves the board and its siblings keep their order", () => {
    const when = given(...sprintBoard).when({ type: "removeItem", itemId: EGGS });
    expect(when.events).toEqual([{ type: "ItemRemoved", data: { itemId: EGGS } }]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Bread"]);
  });

  it("rejects an item that does not exist as not_found", () => {
    const reason = given(...sprintBoard)
      .when({ type: "removeItem", itemId: NOWHERE })
      .rejected("not_found");
    expect(reason).toContain(NOWHERE);
  });

  it("rejects removing an item twice as not_found, naming it and saying it was removed", () => {
    const reason = given(...milkRemoved)
      .when({ type: "removeItem", itemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
  });

  it("rejects an item of a removed column as not_found, naming the item and its column", () => {
    const reason = given(...todoRemoved)
      .when({ type: "removeItem", itemId: MILK })
      .rejected("not_found");
    expect(reason).toContain("“Milk”");
    expect(reason).toMatch(/removed/);
    expect(reason).toContain("“To do”");
  });
});

describe("decide", () => {
  it("gives the same answer for the same board and command: no clock, no randomness", () => {
    const board = given(...sprintBoard);
    const command = { type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "Jam", afterItemId: MILK };
    expect(board.when(command).decision).toEqual(board.when(command).decision);
  });

  it("orders items by the positions decide itself made, through adds and moves", () => {
    const steps = [
      { type: "addColumn", columnId: TODO, title: "To do" },
      { type: "addItem", itemId: MILK, columnId: TODO, title: "Milk" },
      { type: "addItem", itemId: EGGS, columnId: TODO, title: "Eggs" },
      { type: "addItem", itemId: BREAD, columnId: TODO, title: "Bread", afterItemId: MILK },
      { type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: EGGS },
      { type: "addItem", itemId: TEA, columnId: TODO, title: "Tea", afterItemId: null },
    ];
    let history: DomainEvent[] = [boardCreated()];
    for (const step of steps) history = [...history, ...given(...history).when(step).events];
    const when = given(...history).when({ type: "moveItem", itemId: EGGS, columnId: TODO, afterItemId: TEA });
    expect(itemTitles(when.board, "To do")).toEqual(["Tea", "Eggs", "Bread", "Milk"]);
  });
});

describe("board limits", () => {
  const columnsUpTo = (count: number): DomainEvent[] =>
    Array.from({ length: count }, (_, n) => ({
      type: "ColumnAdded",
      data: { columnId: `col-limit-${String(n).padStart(14, "0")}`, title: `C${n}`, position: `a${n}` },
    }));
  const itemsUpTo = (count: number): DomainEvent[] =>
    Array.from({ length: count }, (_, n) => ({
      type: "ItemAdded",
      data: { itemId: `item-limit-${String(n).padStart(13, "0")}`, columnId: TODO, title: `I${n}`, position: `a${n}` },
    }));

  it(`accepts the ${BOARD_LIMITS.columns}th column and refuses the next one, saying why`, () => {
    const last = given(boardCreated(), ...columnsUpTo(BOARD_LIMITS.columns - 1)).when({
      type: "addColumn",
      columnId: NEW_COLUMN,
      title: "Last",
    });
    expect(last.events).toEqual([{ type: "ColumnAdded", data: { columnId: NEW_COLUMN, title: "Last", position } }]);
    const reason = given(boardCreated(), ...columnsUpTo(BOARD_LIMITS.columns))
      .when({ type: "addColumn", columnId: NEW_COLUMN, title: "One too many" })
      .rejected("conflict");
    expect(reason).toBe("This board already has 100 columns, the most a board can hold.");
  });

  it(`refuses an item beyond ${BOARD_LIMITS.items} on a board, saying why`, () => {
    const todo: DomainEvent = { type: "ColumnAdded", data: { columnId: TODO, title: "To do", position: "a0" } };
    const reason = given(boardCreated(), todo, ...itemsUpTo(BOARD_LIMITS.items))
      .when({ type: "addItem", itemId: NEW_ITEM, columnId: TODO, title: "One too many" })
      .rejected("conflict");
    expect(reason).toBe("This board already has 5,000 items, the most a board can hold.");
  });
});
