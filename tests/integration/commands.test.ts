import { afterAll, describe, expect, it } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { command, createBoard, getBoard, getLog, newId, send } from "./api";

afterAll(closeStore);

describe("POST /api/boards/:boardId/commands", () => {
  it("appends the events of an accepted command and answers them", async () => {
    const boardId = await createBoard();
    const columnId = newId("col");
    const add = command("addColumn", { columnId, title: "  To do " });
    const answer = await send(boardId, add);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "accepted", commandId: add.commandId, version: 2 });
    expect(answer.body.events).toEqual([
      {
        version: 2,
        type: "ColumnAdded",
        data: { columnId, title: "To do", position: expect.any(String) },
        commandId: add.commandId,
        actor: { id: expect.any(String), name: "Anonymous" },
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it("repeats the first outcome for the same commandId, with duplicate: true, and appends once", async () => {
    const boardId = await createBoard();
    const add = command("addColumn", { columnId: newId("col"), title: "Doing" });
    const first = await send(boardId, add);
    const second = await send(boardId, add);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { type: string }) => event.type)).toEqual(["BoardCreated", "ColumnAdded"]);
  });

  it("appends once when the same command arrives 20 times concurrently", async () => {
    const boardId = await createBoard();
    const add = command("addColumn", { columnId: newId("col"), title: "Once" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(boardId, add)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => !answer.body.duplicate)).toHaveLength(1);
    const log = await getLog(boardId);
    expect(log.body.version).toBe(2);
    expect(log.body.events).toHaveLength(2);
  });

  it("repeats a rejection for a replayed commandId without deciding again", async () => {
    const boardId = await createBoard();
    const complete = command("completeItem", { itemId: newId("item") });
    const first = await send(boardId, complete);
    expect(first.status).toBe(409);
    const second = await send(boardId, complete);
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
  });

  it("gives 50 concurrent commands the versions 2..51 with no gap or duplicate", async () => {
    const boardId = await createBoard();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        send(boardId, command("addColumn", { columnId: newId("col"), title: `Column ${index}` })),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const versions = answers.map((answer) => answer.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { version: number }) => event.version)).toEqual(
      Array.from({ length: 51 }, (_, index) => index + 1),
    );
  });

  it("applies a batch in order, each command with its own outcome", async () => {
    const boardId = await createBoard();
    const columnId = newId("col");
    const itemId = newId("item");
    const batch = [
      command("addColumn", { columnId, title: "Backlog" }),
      command("addItem", { itemId, columnId, title: "Write tests" }),
      command("removeItem", { itemId: newId("item") }),
      command("completeItem", { itemId }),
      { commandId: "not-a-uuid", type: "renameBoard", title: "x" },
    ];
    const answer = await send(boardId, { commands: batch });
    expect(answer.status).toBe(200);
    expect(
      answer.body.results.map((result: { status: string; code?: string }) => result.code ?? result.status),
    ).toEqual(["accepted", "accepted", "not_found", "accepted", "invalid"]);
    expect(answer.body.results[3].version).toBe(4);
  });

  it("refuses a batch of more than 500 commands, and a batch with other fields", async () => {
    const boardId = await createBoard();
    const tooMany = Array.from({ length: 501 }, () => command("renameBoard", { title: "x" }));
    expect((await send(boardId, { commands: tooMany })).status).toBe(400);
    expect((await send(boardId, { commands: [], extra: 1 })).status).toBe(400);
    expect((await send(boardId, { commands: "nope" })).status).toBe(400);
  });

  it("rejects a command on a removed item with 409 not_found, naming the item", async () => {
    const boardId = await createBoard();
    const columnId = newId("col");
    const itemId = newId("item");
    await send(boardId, command("addColumn", { columnId, title: "Backlog" }));
    await send(boardId, command("addItem", { itemId, columnId, title: "Old idea" }));
    await send(boardId, command("removeItem", { itemId }));
    const rename = command("renameItem", { itemId, title: "New idea" });
    const answer = await send(boardId, rename);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      status: "rejected",
      commandId: rename.commandId,
      code: "not_found",
      reason: expect.stringContaining("Old idea"),
    });
  });

  it("answers 400 invalid for a malformed command and appends nothing", async () => {
    const boardId = await createBoard();
    const answer = await send(boardId, {
      commandId: "3b6b0c3e-7a4b-4a8e-9d0e-1f2a3b4c5d6e",
      type: "renameBoard",
      title: "",
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      status: "rejected",
      code: "invalid",
      commandId: "3b6b0c3e-7a4b-4a8e-9d0e-1f2a3b4c5d6e",
    });
    expect(answer.body.reason).toMatch(/title/i);
    expect((await getLog(boardId)).body.version).toBe(1);
  });

  it("answers 404 unknown_board for a board that does not exist", async () => {
    const answer = await send("AAAAAAAAAAAAAAAAAAAAAA", command("renameBoard", { title: "x" }));
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe("unknown_board");
    expect((await send("not-a-board", command("renameBoard", { title: "x" }))).status).toBe(404);
  });

  it("refuses a commandId already used on another board", async () => {
    const [first, second] = [await createBoard(), await createBoard()];
    const rename = command("renameBoard", { title: "Mine" });
    expect((await send(first, rename)).status).toBe(200);
    const answer = await send(second, rename);
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("conflict");
    expect((await getLog(second)).body.version).toBe(1);
  });

  it("decides on the board as the store has it when another instance appended since", async () => {
    const boardId = await createBoard();
    await send(boardId, command("renameBoard", { title: "Seen here" }));
    // Another instance adds a column: this process's cached state is now one version behind.
    const columnId = newId("col");
    const store = await getStore();
    await store.query(
      `WITH head AS (UPDATE boards SET version = 3 WHERE id = $1 AND version = 2 RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT id, 3, 'ColumnAdded', 1, $2::text::jsonb, $3, 'other', 'Other', now() FROM head`,
      [boardId, JSON.stringify({ columnId, title: "Elsewhere", position: "a0" }), newId("cmd")],
    );
    const add = command("addItem", { itemId: newId("item"), columnId, title: "Lands in it" });
    const answer = await send(boardId, add);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "accepted", version: 4 });
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { version: number }) => event.version)).toEqual([1, 2, 3, 4]);
  });

  it("decides a batch in order as one group: each command sees the ones before it", async () => {
    const boardId = await createBoard();
    const columnId = newId("col");
    const itemId = newId("item");
    const again = command("renameBoard", { title: "Twice in one batch" });
    const batch = [
      command("addColumn", { columnId, title: "Now" }),
      ...Array.from({ length: 150 }, (_, index) => command("renameItem", { itemId, title: `Title ${index}` })),
      command("addItem", { itemId, columnId, title: "First" }),
      again,
      again,
      command("renameItem", { itemId, title: "Last" }),
    ];
    const answer = await send(boardId, { commands: batch });
    const results = answer.body.results as { status: string; code?: string; version?: number; duplicate?: true }[];
    expect(results.slice(1, 151).every((result) => result.code === "not_found")).toBe(true);
    expect(results.map((result) => result.version).filter(Boolean)).toEqual([2, 3, 4, 4, 5]);
    expect(results[153]).toMatchObject({ status: "accepted", version: 4, duplicate: true });
    const board = await getBoard(boardId);
    expect(board.body.state.columns[0].items).toEqual([expect.objectContaining({ itemId, title: "Last" })]);
  });
});
