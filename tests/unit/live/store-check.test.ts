import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/server/bus/memory";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { StoreCheck } from "@/lib/server/live/store-check";
import type { BoardHead } from "@/lib/server/live/store-reads";
import { events, recordingSink } from "./fakes";

const buses: MemoryBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

function instance(heads: Record<string, number>, everyMs = 60_000) {
  const bus = new MemoryBus();
  buses.push(bus);
  const feeds = new BoardFeeds(bus, 1000);
  const ranges: string[] = [];
  const headReads: string[][] = [];
  const check = new StoreCheck(
    feeds,
    {
      heads: async (boardIds) => {
        headReads.push([...boardIds]);
        return new Map(
          boardIds
            .filter((id) => id in heads)
            .map((id) => [id, { version: heads[id], viewToken: `token-${id}` } as BoardHead]),
        );
      },
      range: (boardId) =>
        async function* (after, upTo) {
          ranges.push(`${boardId} ${after}..${upTo}`);
          yield events(...Array.from({ length: upTo - after }, (_, index) => after + index + 1));
        },
    },
    everyMs,
  );
  return { feeds, check, ranges, headReads };
}

describe("StoreCheck", () => {
  it("reads every live board's head in one query, and what a board's streams lack once for all of them", async () => {
    const { feeds, check, ranges, headReads } = instance({ one: 5, two: 3 });
    const [behind, further, settledUp, catching] = [
      recordingSink("one"),
      recordingSink("one"),
      recordingSink("two"),
      recordingSink("one"),
    ];
    behind.settled = 4;
    further.settled = 2;
    settledUp.settled = 3;
    catching.settled = undefined; // still catching up: told the head, not offered
    for (const sink of [behind, further, settledUp, catching]) await feeds.attach(sink);
    await check.check("timer");
    expect(headReads).toEqual([["one", "two"]]);
    expect(ranges).toEqual(["one 2..5"]);
    expect(behind.offered).toEqual([[3, 4, 5]]);
    expect(further.offered).toEqual([[3, 4, 5]]);
    expect(settledUp.offered).toEqual([]);
    for (const sink of [behind, further, catching]) expect(sink.caughtUpTo).toEqual([5]);
    expect(settledUp.caughtUpTo).toEqual([3]);
  });

  it("tells its head watchers every head it read", async () => {
    const { feeds, check } = instance({ one: 1 });
    const heard: Array<[string, BoardHead]> = [];
    check.onHead((boardId, head) => heard.push([boardId, head]));
    await feeds.attach(recordingSink("one"));
    await check.check("timer");
    expect(heard).toEqual([["one", { version: 1, viewToken: "token-one" }]]);
  });

  it("runs again after a reconnect that came while it ran (its heads may predate the reconnect)", async () => {
    const { feeds, check, headReads } = instance({ one: 1 });
    await feeds.attach(recordingSink("one"));
    const first = check.check("timer");
    void check.check("reconnect");
    void check.check("timer"); // a tick meanwhile is dropped
    await first;
    expect(headReads).toHaveLength(2);
  });

  it("runs its timer only while the instance has streams, and reads nothing with none", async () => {
    const { feeds, check, headReads } = instance({ one: 1 }, 10);
    await check.check("timer");
    expect(headReads).toEqual([]);
    expect(check.running).toBe(false);
    const sink = recordingSink("one");
    await feeds.attach(sink);
    expect(check.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(headReads.length).toBeGreaterThan(0);
    feeds.detach(sink);
    expect(check.running).toBe(false);
  });
});
