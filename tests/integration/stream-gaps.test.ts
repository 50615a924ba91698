import { afterAll, describe, expect, it, vi } from "vitest";
import { closeStore } from "@/db/store";
import { closeHub, getHub } from "@/lib/server/live/hub";
import { command, createBoard, readEvents, send } from "./api";

// No periodic store check here (10 minutes): only the gap repair itself can deliver a lost event.
process.env.LIVE_CHECK_SECONDS = "600";

afterAll(async () => {
  await closeHub();
  await closeStore();
});

const rename = (title: string) => command("renameBoard", { title });

describe("GET /api/boards/:boardId/events gap repair", () => {
  it("reads a lost announcement from the store as soon as a later one skips past it", async () => {
    const boardId = await createBoard("Gaps");
    const reader = readEvents(boardId);
    await reader.untilReady();
    vi.spyOn(getHub(), "announce").mockImplementationOnce(() => {}); // version 2 is never announced
    expect((await send(boardId, rename("lost"))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reader.versions()).toEqual([1]); // nothing else could have delivered it
    expect((await send(boardId, rename("skips ahead"))).status).toBe(200);
    await reader.untilVersion(3, 3000);
    expect(reader.versions()).toEqual([1, 2, 3]);
    reader.close();
  });

  it("gives many streams of one board a single store read for the same gap", async () => {
    const boardId = await createBoard("Shared gap");
    const readers = Array.from({ length: 50 }, () => readEvents(boardId));
    await Promise.all(readers.map((reader) => reader.untilReady()));
    const hub = getHub();
    vi.spyOn(hub, "announce").mockImplementationOnce(() => {});
    const before = hub.stats().gapReads;
    await send(boardId, rename("lost"));
    await send(boardId, rename("skips ahead"));
    await Promise.all(readers.map((reader) => reader.untilVersion(3, 5000)));
    for (const reader of readers) expect(reader.versions()).toEqual([1, 2, 3]);
    expect(hub.stats().gapReads - before).toBe(1);
    for (const reader of readers) reader.close();
  });
});
