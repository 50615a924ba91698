import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { COMMAND_SCHEMA_VERSION } from "@/lib/domain";
import { command, createBoard, getLog, newId, send } from "./api";

afterAll(closeStore);

describe("POST /api/boards/:boardId/commands replays from an outbox", () => {
  it("accepts a batch recorded with a schema version it has shipped, and the same batch again appends nothing", async () => {
    const boardId = await createBoard("Replay");
    const columnId = newId("col");
    // As an outbox stored it: the commands, and the schema version they were made with.
    const recorded = {
      schemaVersion: 1,
      commands: [
        command("addColumn", { columnId, title: "Queued offline" }),
        command("addItem", { itemId: newId("item"), columnId, title: "Made offline" }),
      ],
    };
    const first = await send(boardId, recorded);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    const again = await send(boardId, recorded); // the service worker's Background Sync, or a second tab
    expect(again.body.results.map((r: { duplicate?: boolean }) => r.duplicate)).toEqual([true, true]);
    expect((await getLog(boardId)).body.events.map((e: { type: string }) => e.type)).toEqual([
      "BoardCreated",
      "ColumnAdded",
      "ItemAdded",
    ]);
  });

  it("keeps commands from a newer version than it knows queued (503), appending nothing", async () => {
    const boardId = await createBoard("Future");
    const answer = await send(boardId, {
      schemaVersion: COMMAND_SCHEMA_VERSION + 1,
      commands: [command("renameBoard", { title: "From the future" })],
    });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      status: "rejected",
      code: "unavailable",
      reason: expect.stringMatching(/newer version/),
    });
    expect((await getLog(boardId)).body.events).toHaveLength(1);
  });

  it("refuses a schema version that is not a version, per command, without blocking the batch shape", async () => {
    const boardId = await createBoard("Bad version");
    const answer = await send(boardId, { schemaVersion: 0, commands: [command("renameBoard", { title: "x" })] });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]).toMatchObject({ status: "rejected", code: "invalid" });
    const wrongType = await send(boardId, { schemaVersion: "1", commands: [] });
    expect(wrongType.status).toBe(400);
  });
});
