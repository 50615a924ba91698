import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { NO_DETAILS } from "../unit/given";
import { command, createBoard, getBoard, getLog, newId, send } from "./api";

afterAll(closeStore);

async function boardWithHistory() {
  const boardId = await createBoard("History");
  const todo = newId("col");
  const done = newId("col");
  const milk = newId("item");
  const eggs = newId("item");
  for (const step of [
    command("addColumn", { columnId: todo, title: "To do" }), // 2
    command("addColumn", { columnId: done, title: "Done" }), // 3
    command("addItem", { itemId: milk, columnId: todo, title: "Milk" }), // 4
    command("addItem", { itemId: eggs, columnId: todo, title: "Eggs", afterItemId: null }), // 5
    command("moveItem", { itemId: milk, columnId: done, afterItemId: null }), // 6
    command("completeItem", { itemId: milk }), // 7
    command("renameBoard", { title: "Groceries" }), // 8
  ]) {
    const answer = await send(boardId, step);
    if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
  }
  return { boardId, todo, done, milk, eggs };
}

describe("GET /api/boards/:boardId", () => {
  it("answers the current projection with columns and items in display order", async () => {
    const { boardId, todo, done, milk, eggs } = await boardWithHistory();
    const answer = await getBoard(boardId);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      boardId,
      version: 8,
      state: {
        title: "Groceries",
        columns: [
          {
            columnId: todo,
            title: "To do",
            position: expect.any(String),
            limit: null,
            items: [{ itemId: eggs, title: "Eggs", completed: false, position: expect.any(String), ...NO_DETAILS }],
          },
          {
            columnId: done,
            title: "Done",
            position: expect.any(String),
            limit: null,
            items: [{ itemId: milk, title: "Milk", completed: true, position: expect.any(String), ...NO_DETAILS }],
          },
        ],
        labels: [],
        // Each request without a cookie is a new browser: eight of them made this board.
        members: Array.from({ length: 8 }, () => ({ memberId: expect.any(String), name: "Anonymous" })),
        removed: [],
      },
    });
  });

  it("?at=N answers the board as it was at version N", async () => {
    const { boardId, milk, eggs } = await boardWithHistory();
    const atFive = await getBoard(boardId, "?at=5");
    expect(atFive.body.version).toBe(5);
    expect(atFive.body.state.title).toBe("History");
    expect(atFive.body.state.columns[0].items.map((item: { itemId: string }) => item.itemId)).toEqual([eggs, milk]);
    expect((await getBoard(boardId, "?at=1")).body.state).toEqual({
      title: "History",
      columns: [],
      labels: [],
      members: [{ memberId: expect.any(String), name: "Anonymous" }],
      removed: [],
    });
    const current = await getBoard(boardId);
    expect((await getBoard(boardId, "?at=8")).body).toEqual(current.body);
  });

  it("?at beyond the head or not a whole number is 400; an unknown board is 404", async () => {
    const { boardId } = await boardWithHistory();
    expect((await getBoard(boardId, "?at=9")).status).toBe(400);
    expect((await getBoard(boardId, "?at=0")).status).toBe(400);
    expect((await getBoard(boardId, "?at=abc")).status).toBe(400);
    expect((await getBoard(boardId, "?at=1e3")).status).toBe(400);
    expect((await getBoard("ZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
    expect((await getBoard("ZZZZZZZZZZZZZZZZZZZZZZ")).body.code).toBe("unknown_board");
  });

  it("folds past snapshots the same as from version 1", async () => {
    const boardId = await createBoard("Long");
    const columnId = newId("col");
    await send(boardId, command("addColumn", { columnId, title: "Many" }));
    for (let batch = 0; batch < 3; batch++) {
      const commands = Array.from({ length: 90 }, (_, index) =>
        command("addItem", { itemId: newId("item"), columnId, title: `Item ${batch}-${index}` }),
      );
      expect((await send(boardId, { commands })).status).toBe(200);
    }
    const head = await getBoard(boardId);
    expect(head.body.version).toBe(272);
    expect(head.body.state.columns[0].items).toHaveLength(270);
    for (const at of [99, 100, 101, 150, 200, 250]) {
      const past = await getBoard(boardId, `?at=${at}`);
      expect(past.body.state.columns[0].items).toHaveLength(at - 2);
    }
  });
});

describe("GET /api/boards/:boardId/log", () => {
  it("pages through events after N, at most M, with the head version", async () => {
    const { boardId } = await boardWithHistory();
    const first = await getLog(boardId, "?limit=3");
    expect(first.body.version).toBe(8);
    expect(first.body.events.map((event: { version: number }) => event.version)).toEqual([1, 2, 3]);
    const next = await getLog(boardId, "?after=3&limit=3");
    expect(next.body.events.map((event: { version: number }) => event.version)).toEqual([4, 5, 6]);
    const last = await getLog(boardId, "?after=6");
    expect(last.body.events.map((event: { version: number }) => event.version)).toEqual([7, 8]);
    expect((await getLog(boardId, "?after=8")).body.events).toEqual([]);
    expect((await getLog(boardId, "?after=100")).body).toEqual({ events: [], version: 8 });
  });

  it("refuses a limit outside 1..5000 and a negative after; 404 for an unknown board", async () => {
    const { boardId } = await boardWithHistory();
    expect((await getLog(boardId, "?limit=5001")).status).toBe(400);
    expect((await getLog(boardId, "?limit=0")).status).toBe(400);
    expect((await getLog(boardId, "?after=-1")).status).toBe(400);
    expect((await getLog("ZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
  });
});
