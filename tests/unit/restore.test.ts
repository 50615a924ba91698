// Given/when/then for removing and restoring (v2): removing is not destroying.
import { describe, expect, it } from "vitest";
import { BOARD_LIMITS, type DomainEvent } from "@/lib/domain";
import {
  BREAD,
  boardCreated,
  COMMENT_1,
  columnAdded,
  columnRemoved,
  columnTitles,
  DOING,
  DONE,
  detailedBoard,
  EGGS,
  given,
  itemAdded,
  itemOf,
  itemRemoved,
  itemTitles,
  MILK,
  NOWHERE,
  sprintBoard,
  TEA,
  TODO,
} from "./given";

const position = expect.any(String);

describe("removeItem and removeColumn keep what they remove", () => {
  it("lists removed items and columns, most recent first, by title", () => {
    const board = given(...sprintBoard, itemRemoved(EGGS), columnRemoved(DOING), itemRemoved(MILK)).when({
      type: "removeItem",
      itemId: BREAD,
    }).board;
    expect(board.removed).toEqual([
      { kind: "item", id: BREAD, title: "Bread" },
      { kind: "item", id: MILK, title: "Milk" },
      { kind: "column", id: DOING, title: "Doing" },
      { kind: "item", id: EGGS, title: "Eggs" },
    ]);
  });

  it("lists a removed column once: the items that left with it are in it, not listed on their own", () => {
    const board = given(...sprintBoard).when({ type: "removeColumn", columnId: TODO }).board;
    expect(board.removed).toEqual([{ kind: "column", id: TODO, title: "To do" }]);
  });

  it("keeps an item whole in the state's bin: details, checklist, comments", () => {
    const { state } = given(...detailedBoard);
    const milk = state.items.get(MILK);
    const after = given(...detailedBoard).when({ type: "removeItem", itemId: MILK }).after;
    expect(after.bin.get(MILK)).toEqual({ kind: "item", item: milk, order: 1, withColumn: null });
  });
});

describe("restoreItem", () => {
  it("brings an item back whole, to its old place in its old column, when told nothing else", () => {
    const before = given(...detailedBoard).state;
    const when = given(...detailedBoard, itemRemoved(MILK)).when({ type: "restoreItem", itemId: MILK });
    expect(when.events).toEqual([{ type: "ItemRestored", data: { itemId: MILK, columnId: TODO, position: "a0" } }]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
    expect(when.after.items.get(MILK)).toEqual(before.items.get(MILK));
    expect(itemOf(when.board, MILK)).toMatchObject({
      description: "Oat, not cow.\nTwo litres.",
      due: "2027-01-31",
      checklist: [
        { text: "Find a shop", done: true },
        { text: "Buy it", done: false },
      ],
    });
    expect(itemOf(when.board, MILK).comments.map((comment) => comment.text)).toEqual(["I'll go at noon.", "Get two."]);
    expect(when.board.removed).toEqual([]);
  });

  it("gives back its comments to edit, by their author", () => {
    const restored = given(...detailedBoard, itemRemoved(MILK)).when({ type: "restoreItem", itemId: MILK });
    given(...detailedBoard, itemRemoved(MILK), ...restored.events).when({
      type: "editComment",
      commentId: COMMENT_1,
      text: "Back.",
    }).events;
  });

  it("goes right after an item that took its old place meanwhile, never onto the same place", () => {
    const history: DomainEvent[] = [
      ...sprintBoard,
      itemRemoved(EGGS),
      itemAdded("item-jam-000000000000001", TODO, "Jam", "a1"),
    ];
    const when = given(...history).when({ type: "restoreItem", itemId: EGGS });
    expect(when.events).toEqual([{ type: "ItemRestored", data: { itemId: EGGS, columnId: TODO, position } }]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Jam", "Eggs", "Bread"]);
    const positions = when.board.columns[0].items.map((item) => item.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("goes to the column asked, at its end, or first, or after the item asked", () => {
    const removed = [...sprintBoard, itemRemoved(EGGS)];
    expect(
      itemTitles(given(...removed).when({ type: "restoreItem", itemId: EGGS, columnId: DOING }).board, "Doing"),
    ).toEqual(["Tea", "Eggs"]);
    expect(
      itemTitles(
        given(...removed).when({ type: "restoreItem", itemId: EGGS, columnId: DOING, afterItemId: null }).board,
        "Doing",
      ),
    ).toEqual(["Eggs", "Tea"]);
    expect(
      itemTitles(given(...removed).when({ type: "restoreItem", itemId: EGGS, afterItemId: BREAD }).board, "To do"),
    ).toEqual(["Milk", "Bread", "Eggs"]);
  });

  it("is not_found when its column is gone and no column is given, saying so; accepted with a column", () => {
    const history = [...sprintBoard, itemRemoved(TEA), columnRemoved(DOING)];
    const reason = given(...history)
      .when({ type: "restoreItem", itemId: TEA })
      .rejected("not_found");
    expect(reason).toBe(
      "The column of item “Tea” (“Doing”) was removed: restore it first, or say which column the item goes back to.",
    );
    const when = given(...history).when({ type: "restoreItem", itemId: TEA, columnId: DONE });
    expect(itemTitles(when.board, "Done")).toEqual(["Tea"]);
  });

  it("takes an item that left with its column out of that column's removal, when given a column", () => {
    const history = [...sprintBoard, columnRemoved(TODO)];
    given(...history)
      .when({ type: "restoreItem", itemId: EGGS })
      .rejected("not_found");
    const when = given(...history).when({ type: "restoreItem", itemId: EGGS, columnId: DONE });
    const column = given(...history, ...when.events).when({ type: "restoreColumn", columnId: TODO });
    expect(itemTitles(column.board, "To do")).toEqual(["Milk", "Bread"]);
    expect(itemTitles(column.board, "Done")).toEqual(["Eggs"]);
  });

  it("is a conflict for an item that is not removed, not_found for one that never was", () => {
    expect(
      given(...sprintBoard)
        .when({ type: "restoreItem", itemId: MILK })
        .rejected("conflict"),
    ).toBe("Item “Milk” is not removed.");
    given(...sprintBoard)
      .when({ type: "restoreItem", itemId: NOWHERE })
      .rejected("not_found");
    given(...sprintBoard, columnRemoved(DONE))
      .when({ type: "restoreItem", itemId: DONE })
      .rejected("not_found");
  });

  it("is not_found for a column to go to that is not there, a conflict for an afterItemId in another column", () => {
    const removed = [...sprintBoard, itemRemoved(EGGS)];
    given(...removed)
      .when({ type: "restoreItem", itemId: EGGS, columnId: NOWHERE })
      .rejected("not_found");
    given(...removed)
      .when({ type: "restoreItem", itemId: EGGS, columnId: DOING, afterItemId: MILK })
      .rejected("conflict");
  });

  it(`is a conflict on a board that holds ${BOARD_LIMITS.items} items already`, () => {
    const items = Array.from({ length: BOARD_LIMITS.items }, (_, n) =>
      itemAdded(`item-many-${String(n).padStart(14, "0")}`, TODO, `Item ${n}`, `a${n}`),
    );
    const history = [
      boardCreated(),
      columnAdded(TODO, "To do", "a0"),
      itemAdded(MILK, TODO, "Milk", "Z"),
      itemRemoved(MILK),
      ...items,
    ];
    const reason = given(...history)
      .when({ type: "restoreItem", itemId: MILK })
      .rejected("conflict");
    expect(reason).toBe("This board already has 5,000 items, the most a board can hold.");
  });

  it("leaves the item's id taken once removed again, as every id on a board", () => {
    const history = [
      ...sprintBoard,
      itemRemoved(EGGS),
      { type: "ItemRestored", data: { itemId: EGGS, columnId: TODO, position: "a1" } } as DomainEvent,
      itemRemoved(EGGS),
    ];
    given(...history)
      .when({ type: "addItem", itemId: EGGS, columnId: TODO, title: "Eggs" })
      .rejected("conflict");
    expect(given(...history).state.removed.get(EGGS)).toEqual({ kind: "item", title: "Eggs" });
  });
});

describe("restoreColumn", () => {
  it("brings a column back at its old place, with the items that left with it, whole", () => {
    const before = given(...detailedBoard).state;
    const when = given(...detailedBoard, columnRemoved(TODO)).when({ type: "restoreColumn", columnId: TODO });
    expect(when.events).toEqual([{ type: "ColumnRestored", data: { columnId: TODO, position: "a0" } }]);
    expect(columnTitles(when.board)).toEqual(["To do", "Doing", "Done"]);
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
    expect(when.after.items.get(MILK)).toEqual(before.items.get(MILK));
    expect(when.after.columns.get(TODO)).toEqual(before.columns.get(TODO));
    expect(when.board.removed).toEqual([]);
  });

  it("keeps its limit", () => {
    const history = [
      ...sprintBoard,
      { type: "ColumnLimitSet", data: { columnId: DOING, limit: 2 } } as DomainEvent,
      columnRemoved(DOING),
    ];
    expect(given(...history).when({ type: "restoreColumn", columnId: DOING }).board.columns[1]).toMatchObject({
      title: "Doing",
      limit: 2,
    });
  });

  it("leaves in the bin an item removed on its own before the column was", () => {
    const when = given(...sprintBoard, itemRemoved(EGGS), columnRemoved(TODO)).when({
      type: "restoreColumn",
      columnId: TODO,
    });
    expect(itemTitles(when.board, "To do")).toEqual(["Milk", "Bread"]);
    expect(when.board.removed).toEqual([{ kind: "item", id: EGGS, title: "Eggs" }]);
    const eggs = given(...sprintBoard, itemRemoved(EGGS), columnRemoved(TODO), ...when.events).when({
      type: "restoreItem",
      itemId: EGGS,
    });
    expect(itemTitles(eggs.board, "To do")).toEqual(["Milk", "Eggs", "Bread"]);
  });

  it("goes first with afterColumnId null, after the column asked otherwise", () => {
    const removed = [...sprintBoard, columnRemoved(DONE)];
    expect(
      columnTitles(given(...removed).when({ type: "restoreColumn", columnId: DONE, afterColumnId: null }).board),
    ).toEqual(["Done", "To do", "Doing"]);
    expect(
      columnTitles(given(...removed).when({ type: "restoreColumn", columnId: DONE, afterColumnId: TODO }).board),
    ).toEqual(["To do", "Done", "Doing"]);
    given(...removed)
      .when({ type: "restoreColumn", columnId: DONE, afterColumnId: NOWHERE })
      .rejected("not_found");
  });

  it("is a conflict for a column that is not removed, not_found for one that never was (or is an item)", () => {
    expect(
      given(...sprintBoard)
        .when({ type: "restoreColumn", columnId: TODO })
        .rejected("conflict"),
    ).toBe("Column “To do” is not removed.");
    given(...sprintBoard)
      .when({ type: "restoreColumn", columnId: NOWHERE })
      .rejected("not_found");
    given(...sprintBoard, itemRemoved(MILK))
      .when({ type: "restoreColumn", columnId: MILK })
      .rejected("not_found");
  });

  it("makes the restored items and column usable again, by their ids", () => {
    const history = [
      ...sprintBoard,
      columnRemoved(TODO),
      { type: "ColumnRestored", data: { columnId: TODO, position: "a0" } } as DomainEvent,
    ];
    given(...history).when({ type: "renameItem", itemId: MILK, title: "Oat milk" }).events;
    given(...history).when({ type: "renameColumn", columnId: TODO, title: "Next" }).events;
  });
});
