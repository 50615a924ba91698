import { describe, expect, it } from "vitest";
import {
  type DomainEvent,
  decide,
  EVENT_SCHEMA_VERSION,
  EVENT_TYPES,
  emptyBoard,
  evolve,
  fold,
  fromRecord,
  toRecord,
  toView,
  upcast,
  V1_EVENT_TYPES,
} from "@/lib/domain";
import {
  ANA,
  BREAD,
  boardCreated,
  type CommandInput,
  columnAdded,
  columnRemoved,
  DOING,
  DONE,
  EGGS,
  itemAdded,
  itemCompleted,
  itemRemoved,
  MILK,
  NO_DETAILS,
  NOWHERE,
  parse,
  sprintBoard,
  TEA,
  TODO,
} from "./given";

/** mulberry32: a small seeded generator, so a failing history replays identically. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["Milk", "Eggs", "Write report", "Call Ana", "Fix login", "Ship v2", "Review PR", "Plan Q3"];

/**
 * A realistic log: a seeded sequence of commands, each decided against the board as it stands,
 * the accepted ones' events appended. A few commands aim at removed things and are rejected.
 */
function generateHistory(seed: number, length: number) {
  const random = seeded(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let serial = 0;
  const freshId = (prefix: string) => `${prefix}-${String(++serial).padStart(20, "0")}`;
  const title = () => `${pick(WORDS)} #${serial}`;

  const events: DomainEvent[] = [boardCreated("Generated")];
  let state = fold(emptyBoard, events);
  let rejected = 0;

  while (events.length < length) {
    const columns = [...state.columns.keys()];
    const items = [...state.items.keys()];
    const gone = [...state.removed.keys()];
    const someColumn = () => (gone.length > 0 && chance(0.05) ? pick(gone) : pick(columns));
    const someItem = () => (gone.length > 0 && chance(0.05) ? pick(gone) : pick(items));
    const roll = random();

    let command: CommandInput;
    if (columns.length < 2 || roll < 0.06) {
      const placement = chance(0.5) ? {} : { afterColumnId: chance(0.3) ? null : pick(columns) };
      command = { type: "addColumn", columnId: freshId("col"), title: title(), ...placement };
    } else if (items.length < 3 || roll < 0.3) {
      const placement = chance(0.4) ? {} : { afterItemId: chance(0.3) ? null : pick(items) };
      command = { type: "addItem", itemId: freshId("item"), columnId: someColumn(), title: title(), ...placement };
    } else if (roll < 0.5) {
      command = {
        type: "moveItem",
        itemId: someItem(),
        columnId: pick(columns),
        afterItemId: chance(0.2) ? null : pick(items),
      };
    } else if (roll < 0.6) {
      command = { type: "completeItem", itemId: someItem() };
    } else if (roll < 0.67) {
      command = { type: "reopenItem", itemId: someItem() };
    } else if (roll < 0.75) {
      command = { type: "renameItem", itemId: someItem(), title: title() };
    } else if (roll < 0.82) {
      command = { type: "removeItem", itemId: someItem() };
    } else if (roll < 0.87) {
      command = { type: "moveColumn", columnId: someColumn(), afterColumnId: chance(0.3) ? null : pick(columns) };
    } else if (roll < 0.91) {
      command = { type: "renameColumn", columnId: someColumn(), title: title() };
    } else if (roll < 0.94 && columns.length > 2) {
      command = { type: "removeColumn", columnId: pick(columns) };
    } else {
      command = { type: "renameBoard", title: title() };
    }

    const decision = decide(state, parse(command), ANA);
    if (!decision.ok) {
      rejected++;
      continue;
    }
    events.push(...decision.events);
    state = fold(state, decision.events);
  }
  return { events: events.slice(0, length), rejected };
}

/** Freezes every object reachable from `value`, so any write to it throws (modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const history = generateHistory(20240601, 200);
const everything = fold(emptyBoard, history.events);

describe("a generated history of 200 events", () => {
  it("exercises every event type, and some rejections", () => {
    expect(history.events).toHaveLength(200);
    expect(new Set(history.events.map((event) => event.type))).toEqual(new Set(V1_EVENT_TYPES));
    expect(history.rejected).toBeGreaterThan(0);
    expect(everything.items.size).toBeGreaterThan(0);
  });

  it("keeps sibling positions distinct at every version", () => {
    let state = emptyBoard;
    for (const event of history.events) {
      state = evolve(state, event);
      const view = toView(state);
      const columnPositions = view.columns.map((column) => column.position);
      expect(new Set(columnPositions).size).toBe(columnPositions.length);
      for (const column of view.columns) {
        const itemPositions = column.items.map((item) => item.position);
        expect(new Set(itemPositions).size).toBe(itemPositions.length);
      }
    }
  });
});

describe("fold", () => {
  const splits = [0, 1, 2, 17, 64, 100, 150, 199, 200];

  it.each(splits)("of a snapshot at version %i and the tail equals the fold from version 1", (k) => {
    const snapshot = fold(emptyBoard, history.events.slice(0, k));
    expect(fold(snapshot, history.events.slice(k))).toStrictEqual(everything);
  });

  it.each(splits)("of a JSON-stored snapshot at version %i and the tail equals the fold from version 1", (k) => {
    const snapshot = fold(emptyBoard, history.events.slice(0, k));
    const stored = fromRecord(JSON.parse(JSON.stringify(snapshot)));
    expect(stored).toStrictEqual(snapshot);
    expect(fold(stored, history.events.slice(k))).toStrictEqual(everything);
  });

  it.each([1, 2, 3, 4, 5])("of a snapshot and its tail equals the fold from version 1 (history seed %i)", (seed) => {
    const { events } = generateHistory(seed, 200);
    const all = fold(emptyBoard, events);
    for (const k of [1, 50, 123, 199]) {
      const stored = fromRecord(JSON.parse(JSON.stringify(fold(emptyBoard, events.slice(0, k)))));
      expect(fold(stored, events.slice(k))).toStrictEqual(all);
    }
  });

  it("equals evolving one event at a time", () => {
    expect(history.events.reduce(evolve, emptyBoard)).toStrictEqual(everything);
  });

  it("of no events is the very same state", () => {
    const state = fold(emptyBoard, sprintBoard);
    expect(fold(state, [])).toBe(state);
  });

  it("of a batch onto a board of 2,000 items replaces only the items it names, and leaves its input as it was", () => {
    const ids = Array.from({ length: 2000 }, (_, n) => `item-many-${String(n).padStart(14, "0")}`);
    const board = fold(emptyBoard, [
      boardCreated(),
      columnAdded(TODO, "To do", "a0"),
      ...ids.map((id, n) => itemAdded(id, TODO, `Item ${n}`, `a${String(n).padStart(4, "0")}`)),
    ]);
    const stored = JSON.stringify(board);
    const renamed = ids.filter((_, n) => n % 40 === 0);
    const batch: DomainEvent[] = renamed.flatMap((itemId) => [
      { type: "ItemTitleUpdated", data: { itemId, newTitle: "Once" } },
      itemCompleted(itemId),
      { type: "ItemTitleUpdated", data: { itemId, newTitle: "Twice" } },
    ]);
    const next = fold(board, batch);
    expect(JSON.stringify(board)).toBe(stored);
    for (const id of ids) {
      if (renamed.includes(id)) expect(next.items.get(id)).toMatchObject({ title: "Twice", completed: true });
      else expect(next.items.get(id)).toBe(board.items.get(id));
    }
    expect(next.items.size).toBe(2000);
    expect(next.columns).toBe(board.columns);
  });

  it("of a tail onto a frozen snapshot does not write to the snapshot", () => {
    const snapshot = fold(emptyBoard, history.events.slice(0, 100));
    const copy = structuredClone(toRecord(snapshot));
    deepFreeze(snapshot);
    expect(fold(snapshot, history.events.slice(100))).toStrictEqual(everything);
    expect(toRecord(snapshot)).toStrictEqual(copy);
  });
});

describe("evolve", () => {
  const board = deepFreeze(fold(emptyBoard, [...sprintBoard, itemCompleted(TEA)]));
  const before = structuredClone(toRecord(board));

  it.each<DomainEvent>([
    boardCreated("Again"),
    { type: "BoardRenamed", data: { title: "Q3" } },
    columnAdded("col-later-00000000000001", "Later", "a3"),
    { type: "ColumnRenamed", data: { columnId: DOING, title: "In progress" } },
    { type: "ColumnMoved", data: { columnId: DONE, position: "Zz" } },
    columnRemoved(TODO),
    itemAdded("item-jam-000000000000001", DONE, "Jam", "a0"),
    { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } },
    itemCompleted(MILK),
    { type: "ItemReopened", data: { itemId: TEA } },
    { type: "ItemMoved", data: { itemId: EGGS, columnId: DONE, position: "a0" } },
    itemRemoved(BREAD),
  ])("applies $type without touching its (frozen) input", (event) => {
    expect(() => evolve(board, event)).not.toThrow();
    expect(evolve(board, event)).not.toBe(board);
    expect(toRecord(board)).toStrictEqual(before);
  });

  it("keeps the identity of an item that an event does not touch", () => {
    const next = evolve(board, itemCompleted(MILK));
    expect(next.items.get(MILK)).not.toBe(board.items.get(MILK));
    expect(next.items.get(MILK)?.completed).toBe(true);
    expect(next.items.get(EGGS)).toBe(board.items.get(EGGS));
    expect(next.items.get(TEA)).toBe(board.items.get(TEA));
  });

  it("keeps the identity of the untouched records: an item event leaves the columns as they were", () => {
    const next = evolve(board, { type: "ItemMoved", data: { itemId: MILK, columnId: DOING, position: "a1" } });
    expect(next.columns).toBe(board.columns);
    expect(next.removed).toBe(board.removed);
    expect(next.items.get(BREAD)).toBe(board.items.get(BREAD));
  });

  it("keeps the identity of other columns, and of every item, when a column is renamed", () => {
    const next = evolve(board, { type: "ColumnRenamed", data: { columnId: DOING, title: "In progress" } });
    expect(next.columns.get(TODO)).toBe(board.columns.get(TODO));
    expect(next.items).toBe(board.items);
  });

  it("keeps the identity of the other items when one is removed", () => {
    const next = evolve(board, itemRemoved(MILK));
    expect(next.items.get(EGGS)).toBe(board.items.get(EGGS));
    expect(next.columns).toBe(board.columns);
  });

  it("keeps the identity of unchanged items across a fold of several events", () => {
    const next = fold(board, [itemCompleted(MILK), itemRemoved(EGGS), { type: "BoardRenamed", data: { title: "Q3" } }]);
    expect(next.items.get(BREAD)).toBe(board.items.get(BREAD));
    expect(next.items.get(TEA)).toBe(board.items.get(TEA));
  });

  it.each<DomainEvent>([
    itemCompleted(NOWHERE),
    { type: "ItemTitleUpdated", data: { itemId: NOWHERE, newTitle: "X" } },
    { type: "ItemMoved", data: { itemId: NOWHERE, columnId: TODO, position: "a5" } },
    itemRemoved(NOWHERE),
    { type: "ColumnRenamed", data: { columnId: NOWHERE, title: "X" } },
    { type: "ColumnMoved", data: { columnId: NOWHERE, position: "a5" } },
    columnRemoved(NOWHERE),
  ])("changes nothing for $type about something that is not there", (event) => {
    expect(evolve(board, event)).toBe(board);
  });

  describe("ColumnRemoved", () => {
    const removeTodo = () => evolve(board, columnRemoved(TODO));

    it("removes the column and every item in it, and only those", () => {
      const next = removeTodo();
      expect([...next.columns.keys()].sort()).toEqual([DOING, DONE].sort());
      expect([...next.items.keys()]).toEqual([TEA]);
      expect(next.items.get(TEA)).toBe(board.items.get(TEA));
      expect(toView(next).columns.map((column) => column.title)).toEqual(["Doing", "Done"]);
    });

    it("leaves tombstones that say what was removed, and with which column", () => {
      expect(removeTodo().removed.toJSON()).toStrictEqual({
        [TODO]: { kind: "column", title: "To do" },
        [MILK]: { kind: "item", title: "Milk", column: "To do" },
        [EGGS]: { kind: "item", title: "Eggs", column: "To do" },
        [BREAD]: { kind: "item", title: "Bread", column: "To do" },
      });
    });

    it("of a column removed already changes nothing", () => {
      const next = removeTodo();
      expect(evolve(next, columnRemoved(TODO))).toBe(next);
    });
  });

  it("leaves a tombstone without a column for an item removed on its own", () => {
    expect(evolve(board, itemRemoved(EGGS)).removed.toJSON()).toStrictEqual({
      [EGGS]: { kind: "item", title: "Eggs" },
    });
  });
});

describe("the plain form (snapshots, the board page's props, the device's copy)", () => {
  it.each([0, 1, 17, 100, 200])("round-trips the state at version %i: fromRecord(toRecord(state)) equals it", (k) => {
    const state = fold(emptyBoard, history.events.slice(0, k));
    expect(fromRecord(toRecord(state))).toStrictEqual(state);
    expect(fromRecord(structuredClone(toRecord(state)))).toStrictEqual(state);
  });

  it("is what JSON.stringify writes for a state, so a stored snapshot keeps its shape", () => {
    expect(JSON.stringify(everything)).toBe(JSON.stringify(toRecord(everything)));
    expect(Object.keys(toRecord(everything))).toEqual([
      "title",
      "columns",
      "items",
      "removed",
      "labels",
      "members",
      "bin",
      "comments",
      "removals",
      "labelsMade",
    ]);
  });
});

describe("toView", () => {
  it("is an empty, untitled board for the empty state", () => {
    expect(toView(emptyBoard)).toEqual({ title: "", columns: [], labels: [], members: [], removed: [] });
  });

  it("gives the board in the API's shape, columns and items in display order", () => {
    expect(toView(fold(emptyBoard, [...sprintBoard, itemCompleted(EGGS)]))).toStrictEqual({
      title: "Sprint",
      columns: [
        {
          columnId: TODO,
          title: "To do",
          position: "a0",
          limit: null,
          items: [
            { itemId: MILK, title: "Milk", completed: false, position: "a0", ...NO_DETAILS },
            { itemId: EGGS, title: "Eggs", completed: true, position: "a1", ...NO_DETAILS },
            { itemId: BREAD, title: "Bread", completed: false, position: "a2", ...NO_DETAILS },
          ],
        },
        {
          columnId: DOING,
          title: "Doing",
          position: "a1",
          limit: null,
          items: [{ itemId: TEA, title: "Tea", completed: false, position: "a0", ...NO_DETAILS }],
        },
        { columnId: DONE, title: "Done", position: "a2", limit: null, items: [] },
      ],
      labels: [],
      members: [],
      removed: [],
    });
  });

  it("orders columns by position, not by when they were added", () => {
    const state = fold(emptyBoard, [
      boardCreated(),
      columnAdded(DONE, "Done", "a2"),
      columnAdded(TODO, "To do", "a0V"),
      columnAdded(DOING, "Doing", "a1"),
    ]);
    expect(toView(state).columns.map((column) => column.title)).toEqual(["To do", "Doing", "Done"]);
  });

  it("orders positions by their characters, so 'Zz' (before 'a0') comes first", () => {
    const state = fold(emptyBoard, [boardCreated(), columnAdded(TODO, "To do", "a0"), columnAdded(DONE, "Done", "Zz")]);
    expect(toView(state).columns.map((column) => column.title)).toEqual(["Done", "To do"]);
  });

  it("orders items by position within their own column", () => {
    const state = fold(emptyBoard, [
      boardCreated(),
      columnAdded(TODO, "To do", "a0"),
      columnAdded(DOING, "Doing", "a1"),
      itemAdded(BREAD, TODO, "Bread", "a2"),
      itemAdded(TEA, DOING, "Tea", "a0"),
      itemAdded(MILK, TODO, "Milk", "Zz"),
      itemAdded(EGGS, TODO, "Eggs", "a0V"),
    ]);
    const [todo, doing] = toView(state).columns;
    expect(todo.items.map((item) => item.title)).toEqual(["Milk", "Eggs", "Bread"]);
    expect(doing.items.map((item) => item.title)).toEqual(["Tea"]);
  });

  it("follows a move: the moved item takes its new place", () => {
    const state = fold(emptyBoard, [
      ...sprintBoard,
      { type: "ItemMoved", data: { itemId: MILK, columnId: TODO, position: "a1V" } },
    ]);
    expect(toView(state).columns[0].items.map((item) => item.title)).toEqual(["Eggs", "Milk", "Bread"]);
  });

  it("breaks a tie between equal positions by id, the same way every time", () => {
    const state = fold(emptyBoard, [
      boardCreated(),
      columnAdded(TODO, "To do", "a0"),
      itemAdded(MILK, TODO, "Milk", "a0"),
      itemAdded(EGGS, TODO, "Eggs", "a0"),
    ]);
    // "item-eggs-…" < "item-milk-…"
    expect(toView(state).columns[0].items.map((item) => item.title)).toEqual(["Eggs", "Milk"]);
  });
});

describe("upcast", () => {
  it.each(EVENT_TYPES)("brings a schema-version-1 %s forward unchanged", (type) => {
    const data = { itemId: MILK, columnId: TODO, title: "Milk", position: "a0" };
    const event = upcast(type, 1, data);
    expect(event).toEqual({ type, data });
    expect(event.data).toBe(data);
  });

  it("accepts the current schema version", () => {
    expect(upcast("ItemCompleted", EVENT_SCHEMA_VERSION, { itemId: MILK })).toEqual({
      type: "ItemCompleted",
      data: { itemId: MILK },
    });
  });

  it("refuses an event from a schema version newer than this code", () => {
    expect(() => upcast("ItemCompleted", EVENT_SCHEMA_VERSION + 1, { itemId: MILK })).toThrow(/newer/);
  });
});
