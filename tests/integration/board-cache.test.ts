// Each instance keeps recent boards in memory for its appends; another instance's appends reach it
// on the bus, and keep that copy current, so that its next append is decided right the first time.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { cachedBoard } from "@/lib/server/board-cache";
import { closeHub, getHub } from "@/lib/server/live/hub";
import { command, createBoard, readEvents, send } from "./api";

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
