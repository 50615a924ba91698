// Each instance keeps recent boards in memory for its appends; another instance's appends reach it
// on the bus, and keep that copy current, so that its next append is decided right the first time.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { appendGroup, readEvents as readLog } from "@/db/queries";
import { closeStore, getStore } from "@/db/store";
import { cachedBoard } from "@/lib/server/board-cache";
import { closeHub, getHub } from "@/lib/server/live/hub";
import { command, createBoard, readEvents, send } from "./api";

// Every module of this file reads the log through this spy (the same function): the second test
// checks that a refused append's answer spares the writer that read.
vi.mock("@/db/queries", async (original) => {
  const actual = await original<typeof import("@/db/queries")>();
  return { ...actual, readEvents: vi.fn(actual.readEvents) };
});

afterAll(async () => {
  await closeHub();
  await closeStore();
});

describe("an instance's cached boards", () => {
  it("follow what other instances append, as their announcements arrive", async () => {
    const boardId = await createBoard("Cached");
    const reader = readEvents(boardId); // a live stream: this instance listens to the board
    await reader.untilReady();
    expect(cachedBoard(boardId)?.version).toBe(1);

    // Another instance adds a column: it commits, then announces on the bus.
    const columnId = `col-${randomUUID()}`;
    const event = {
      version: 2,
      type: "ColumnAdded",
      data: { columnId, title: "From elsewhere", position: "a0" },
      commandId: randomUUID(),
      actor: { id: "other", name: "Other" },
      at: new Date().toISOString(),
    };
    const store = await getStore();
    await store.query(
      `WITH head AS (UPDATE boards SET version = 2 WHERE id = $1 AND version = 1 RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT id, 2, $2, 1, $3::text::jsonb, $4, 'other', 'Other', now() FROM head`,
      [boardId, event.type, JSON.stringify(event.data), event.commandId],
    );
    await getHub().bus.publish(`driftless:board:${boardId}`, JSON.stringify({ events: [event] }));
    await reader.untilVersion(2, 3000);

    expect(cachedBoard(boardId)?.version).toBe(2);
    expect(cachedBoard(boardId)?.state.columns.get(columnId)?.title).toBe("From elsewhere");
    const add = await send(boardId, command("addItem", { itemId: `item-${randomUUID()}`, columnId, title: "Here" }));
    expect(add.body).toMatchObject({ status: "accepted", version: 3 });
    reader.close();
  });
});

describe("an append refused because another instance moved the head", () => {
  it("answers the events since the head it expected, so the writer decides again without reading the log", async () => {
    const boardId = await createBoard("Elsewhere");
    // This instance knows the board at version 1 (it created it) and has no stream of it: it
    // hears nothing of another instance's appends.
    expect(cachedBoard(boardId)?.version).toBe(1);
    const store = await getStore();
    const columnId = `col-${randomUUID()}`;
    const elsewhere = {
      version: 2,
      type: "ColumnAdded",
      data: { columnId, title: "From elsewhere", position: "a0" },
      commandId: randomUUID(),
      actor: { id: "other", name: "Other" },
      at: "2026-12-01T10:00:00.000Z",
    } as const;
    expect(await appendGroup(store, { boardId, expected: 1, events: [elsewhere], outcomes: [] })).toEqual({
      written: true,
    });

    // A group decided on version 1 is refused, and told what it missed.
    const stale = { ...elsewhere, version: 2, commandId: randomUUID(), data: { ...elsewhere.data, columnId: "x" } };
    expect(await appendGroup(store, { boardId, expected: 1, events: [stale], outcomes: [] })).toEqual({
      written: false,
      since: [elsewhere],
    });

    // The writer does the same with a command: decided again on version 2, and the log is not read.
    vi.mocked(readLog).mockClear();
    const add = await send(boardId, command("addItem", { itemId: `item-${randomUUID()}`, columnId, title: "Here" }));
    expect(add.body).toMatchObject({ status: "accepted", version: 3 });
    expect(readLog).not.toHaveBeenCalled();
  });
});
