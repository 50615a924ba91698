// v1 keeps working: any v1 log folds to the same v1-visible board as the v1 build folded it, and
// any v1 command is decided as the v1 build decided it (the v1 build's code is the oracle, in ./v1).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueuedCommand } from "@/lib/client/outbox";
import {
  type BoardState,
  type BoardView,
  decide,
  emptyBoard,
  fold,
  parseCommand,
  type StoredEvent,
  toView,
  upcast,
  upgradeCommand,
} from "@/lib/domain";
import { ANA } from "./given";
import { decide as decideV1, type Command as V1Command } from "./v1/decide";
import { fold as foldV1, type DomainEvent as V1Event } from "./v1/evolve";
import { emptyBoard as emptyV1, toView as toViewV1, type BoardState as V1State } from "./v1/state";

/** What a v1 client can see of a v2 view: the v1 fields, nothing else. */
function v1Visible(view: BoardView) {
  return {
    title: view.title,
    columns: view.columns.map(({ columnId, title, position, items }) => ({
      columnId,
      title,
      position,
      items: items.map(({ itemId, title, completed, position }) => ({ itemId, title, completed, position })),
    })),
  };
}

/** Every v1 field of the state, the items and tombstones a view does not show included. */
function v1Fields(state: BoardState | V1State) {
  return {
    title: state.title,
    columns: [...state.columns.values()].map(({ columnId, title, position }) => ({ columnId, title, position })),
    items: [...state.items.values()].map(({ itemId, columnId, title, completed, position }) => ({
      itemId,
      columnId,
      title,
      completed,
      position,
    })),
    removed: state.removed.toJSON(),
  };
}

const sortById = <T extends { itemId?: string; columnId?: string }>(list: T[]) =>
  [...list].sort((a, b) => ((a.itemId ?? a.columnId ?? "") < (b.itemId ?? b.columnId ?? "") ? -1 : 1));

function sameV1(state: BoardState, v1: V1State) {
  expect(v1Visible(toView(state))).toStrictEqual(toViewV1(v1));
  const ours = v1Fields(state);
  const theirs = v1Fields(v1);
  expect(ours.title).toBe(theirs.title);
  expect(sortById(ours.columns)).toStrictEqual(sortById(theirs.columns));
  expect(sortById(ours.items)).toStrictEqual(sortById(theirs.items));
  expect(ours.removed).toStrictEqual(theirs.removed);
}

// Small pools, so that events and commands often name the same things (and things removed).
const columnId = fc.constantFrom(...[1, 2, 3, 4].map((n) => `col-pool-${String(n).padStart(15, "0")}`));
const itemId = fc.constantFrom(...[1, 2, 3, 4, 5, 6].map((n) => `item-pool-${String(n).padStart(14, "0")}`));
const position = fc.constantFrom("a0", "a1", "a2", "a0V", "Zz", "a1V");
const title = fc.oneof(fc.constantFrom("Milk", " Eggs ", "To do", ""), fc.string({ maxLength: 8 }));

const v1Event: fc.Arbitrary<V1Event> = fc.oneof(
  fc.record({ type: fc.constant("BoardRenamed" as const), data: fc.record({ title }) }),
  fc.record({ type: fc.constant("ColumnAdded" as const), data: fc.record({ columnId, title, position }) }),
  fc.record({ type: fc.constant("ColumnRenamed" as const), data: fc.record({ columnId, title }) }),
  fc.record({ type: fc.constant("ColumnMoved" as const), data: fc.record({ columnId, position }) }),
  fc.record({ type: fc.constant("ColumnRemoved" as const), data: fc.record({ columnId }) }),
  fc.record({ type: fc.constant("ItemAdded" as const), data: fc.record({ itemId, columnId, title, position }) }),
  fc.record({ type: fc.constant("ItemTitleUpdated" as const), data: fc.record({ itemId, newTitle: title }) }),
  fc.record({ type: fc.constantFrom("ItemCompleted" as const, "ItemReopened" as const), data: fc.record({ itemId }) }),
  fc.record({ type: fc.constant("ItemMoved" as const), data: fc.record({ itemId, columnId, position }) }),
  fc.record({ type: fc.constant("ItemRemoved" as const), data: fc.record({ itemId }) }),
);

// Weighted towards adding, so that the pools fill and most commands meet something (or its tombstone).
const v1CommandInput = fc.oneof(
  { weight: 1, arbitrary: fc.record({ type: fc.constant("renameBoard"), title }) },
  {
    weight: 3,
    arbitrary: fc.record(
      { type: fc.constant("addColumn"), columnId, title, afterColumnId: fc.option(columnId) },
      { requiredKeys: ["type", "columnId", "title"] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("renameColumn"), columnId, title }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("moveColumn"), columnId, afterColumnId: fc.option(columnId) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("removeColumn"), columnId }) },
  {
    weight: 6,
    arbitrary: fc.record(
      { type: fc.constant("addItem"), itemId, columnId, title, afterItemId: fc.option(itemId) },
      { requiredKeys: ["type", "itemId", "columnId", "title"] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("renameItem"), itemId, title }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constantFrom("completeItem", "reopenItem"), itemId }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant("moveItem"), itemId, columnId, afterItemId: fc.option(itemId) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("removeItem"), itemId }) },
);

describe("a v1 log", () => {
  it("folds to the same v1-visible board as the v1 build folded it, whatever the events (facts about missing things too)", () => {
    fc.assert(
      fc.property(fc.array(v1Event, { minLength: 10, maxLength: 80 }), (events) => {
        const log: V1Event[] = [{ type: "BoardCreated", data: { title: "Board" } }, ...events];
        sameV1(fold(emptyBoard, log), foldV1(emptyV1, log));
      }),
      { numRuns: 500 },
    );
  });

  it("folds the same in any split: a snapshot of the prefix and the tail", () => {
    fc.assert(
      fc.property(fc.array(v1Event, { maxLength: 40 }), fc.nat(40), (events, at) => {
        const k = Math.min(at, events.length);
        sameV1(fold(fold(emptyBoard, events.slice(0, k)), events.slice(k)), foldV1(emptyV1, events));
      }),
      { numRuns: 200 },
    );
  });
});

describe("a v1 command", () => {
  it("is decided as the v1 build decided it: the same events, or the same rejection in the same words", () => {
    fc.assert(
      fc.property(fc.array(v1CommandInput, { minLength: 20, maxLength: 80 }), (inputs) => {
        let ours: BoardState = fold(emptyBoard, [{ type: "BoardCreated", data: { title: "Board" } }]);
        let theirs: V1State = foldV1(emptyV1, [{ type: "BoardCreated", data: { title: "Board" } }]);
        inputs.forEach((input, n) => {
          const parsed = parseCommand({
            commandId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
            ...input,
          });
          if (!parsed.ok) return;
          const now = decide(ours, parsed.command, ANA);
          const then = decideV1(theirs, parsed.command as V1Command);
          // The same words, but for one change made on purpose: names are quoted “like this” now, as
          // everywhere else a person reads them (v1's reasons quoted them "like this").
          expect(typographic(now)).toStrictEqual(typographic(then));
          if (now.ok) ours = fold(ours, now.events);
          if (then.ok) theirs = foldV1(theirs, then.events);
        });
        sameV1(ours, theirs);
      }),
      { numRuns: 300 },
    );
  });

  it("renaming an item to the title it has is accepted, as in v1 (only v2 edits that change nothing are conflicts)", () => {
    const board = fold(emptyBoard, [
      { type: "BoardCreated", data: { title: "Board" } },
      { type: "ColumnAdded", data: { columnId: "col-pool-000000000000001", title: "To do", position: "a0" } },
      {
        type: "ItemAdded",
        data: {
          itemId: "item-pool-00000000000001",
          columnId: "col-pool-000000000000001",
          title: "Milk",
          position: "a0",
        },
      },
    ]);
    const parsed = parseCommand({
      commandId: "00000000-0000-4000-8000-000000000001",
      type: "renameItem",
      itemId: "item-pool-00000000000001",
      title: "Milk",
    });
    expect(parsed.ok && decide(board, parsed.command, ANA)).toEqual({
      ok: true,
      events: [{ type: "ItemTitleUpdated", data: { itemId: "item-pool-00000000000001", newTitle: "Milk" } }],
    });
  });
});

// Recorded by the v1 build: events as GET /api/boards/:id/log answered them, and the outbox of a
// device as lib/client/outbox.ts stored it (schemaVersion 1), made offline on that board.
const TODO = "0b6f3c52-8d1e-4a7b-9c2d-5e6f7a8b9c01";
const MILK = "V1StGXR8_Z5jdHi6B-myT";
const recordedLog: StoredEvent[] = JSON.parse(`[
  {"version":1,"type":"BoardCreated","data":{"title":"Groceries"},"commandId":"6a1f0d3e-2b4c-4d5e-8f60-718293a4b5c6","actor":{"id":"k3Jd9sLq0wPz7xVb2nYt","name":"Ana"},"at":"2026-11-20T08:00:00.000Z"},
  {"version":2,"type":"ColumnAdded","data":{"title":"To do","columnId":"${TODO}","position":"a0"},"commandId":"6a1f0d3e-2b4c-4d5e-8f60-718293a4b5c7","actor":{"id":"k3Jd9sLq0wPz7xVb2nYt","name":"Ana"},"at":"2026-11-20T08:00:01.000Z"},
  {"version":3,"type":"ItemAdded","data":{"title":"Milk","itemId":"${MILK}","columnId":"${TODO}","position":"a0"},"commandId":"6a1f0d3e-2b4c-4d5e-8f60-718293a4b5c8","actor":{"id":"k3Jd9sLq0wPz7xVb2nYt","name":"Ana"},"at":"2026-11-20T08:00:02.000Z"},
  {"version":4,"type":"ItemCompleted","data":{"itemId":"${MILK}"},"commandId":"6a1f0d3e-2b4c-4d5e-8f60-718293a4b5c9","actor":{"id":"Qm8rT2vXc5LpN1sKd7Wy","name":"Ben"},"at":"2026-11-20T08:05:00.000Z"}
]`);
const recordedQueue: QueuedCommand[] = [
  {
    boardId: "Zr4uQ9x2LmN7pK1sT8vW0a",
    seq: 1764000000000000,
    command: { commandId: "9b2c3d4e-5f60-4718-8293-a4b5c6d7e8f0", type: "reopenItem", itemId: MILK },
    schemaVersion: 1,
    queuedAt: 1764000000000,
  },
  {
    boardId: "Zr4uQ9x2LmN7pK1sT8vW0a",
    seq: 1764000000000001,
    command: {
      commandId: "9b2c3d4e-5f60-4718-8293-a4b5c6d7e8f1",
      type: "addItem",
      itemId: "item-offline-0000000001",
      columnId: TODO,
      title: "Eggs",
      afterItemId: null,
    },
    schemaVersion: 1,
    queuedAt: 1764000000100,
  },
  {
    boardId: "Zr4uQ9x2LmN7pK1sT8vW0a",
    seq: 1764000000000002,
    command: {
      commandId: "9b2c3d4e-5f60-4718-8293-a4b5c6d7e8f2",
      type: "renameColumn",
      columnId: TODO,
      title: "Today",
    },
    schemaVersion: 1,
    queuedAt: 1764000000200,
  },
];

describe("a log and an outbox recorded by the v1 build", () => {
  // As db/queries reads a row: upcast from its schema version (1), then folded.
  const log = recordedLog.map((event) => ({ ...event, ...upcast(event.type, 1, event.data) }) as StoredEvent);

  it("folds to the board the v1 build showed, and its authors are the board's members", () => {
    const state = fold(emptyBoard, log);
    expect(v1Visible(toView(state))).toStrictEqual(toViewV1(foldV1(emptyV1, recordedLog as V1Event[])));
    expect(toView(state).members).toEqual([
      { memberId: "k3Jd9sLq0wPz7xVb2nYt", name: "Ana" },
      { memberId: "Qm8rT2vXc5LpN1sKd7Wy", name: "Ben" },
    ]);
  });

  it("replays its queued commands with the events the v1 build would have appended", () => {
    let ours = fold(emptyBoard, log);
    let theirs = foldV1(emptyV1, recordedLog as V1Event[]);
    for (const entry of recordedQueue) {
      const upgraded = upgradeCommand(entry.command, entry.schemaVersion);
      if (!upgraded.ok) throw new Error(upgraded.rejection.reason);
      const parsed = parseCommand(upgraded.input);
      if (!parsed.ok) throw new Error(parsed.rejection.reason);
      expect(parsed.command).toStrictEqual(entry.command);
      const now = decide(ours, parsed.command, ANA);
      const then = decideV1(theirs, entry.command as V1Command);
      expect(now.ok).toBe(true);
      expect(now).toStrictEqual(then);
      if (now.ok && then.ok) {
        ours = fold(ours, now.events);
        theirs = foldV1(theirs, then.events);
      }
    }
    sameV1(ours, theirs);
    expect(v1Visible(toView(ours)).columns).toEqual([
      {
        columnId: TODO,
        title: "Today",
        position: "a0",
        items: [
          { itemId: "item-offline-0000000001", title: "Eggs", completed: false, position: expect.any(String) },
          { itemId: MILK, title: "Milk", completed: false, position: "a0" },
        ],
      },
    ]);
  });
});

function typographic<T>(decision: T): T {
  if (!decision || typeof decision !== "object" || !("rejection" in decision)) return decision;
  const { rejection } = decision as { rejection: { code: string; reason: string } };
  return {
    ...decision,
    rejection: { ...rejection, reason: rejection.reason.replace(/[“”]/g, '"') },
  } as T;
}
