import { afterEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/domain";
import { MemoryBus } from "@/lib/server/bus/memory";
import { LiveAppends } from "@/lib/server/live/appends";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { event, events, recordingSink, settle } from "./fakes";

const buses: MemoryBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

function instance({ connected = true, failing = false } = {}) {
  const bus = new MemoryBus();
  buses.push(bus);
  const wrapped = Object.assign(Object.create(bus), {
    connected: () => connected,
    publish: failing ? () => Promise.reject(new Error("down")) : (c: string, m: string) => bus.publish(c, m),
    onMessage: (handler: (channel: string, message: string) => void) => bus.onMessage(handler),
  });
  const feeds = new BoardFeeds(wrapped, 1000);
  const followed: Array<[string, number[]]> = [];
  const appends = new LiveAppends(feeds, wrapped, [
    (boardId, batch: readonly StoredEvent[]) => followed.push([boardId, batch.map((e) => e.version)]),
  ]);
  return { feeds, appends, followed };
}

describe("LiveAppends", () => {
  it("reach every instance's streams through the bus, the committing instance's too, once", async () => {
    const a = instance();
    const b = instance();
    const [here, there] = [recordingSink("one"), recordingSink("one")];
    await a.feeds.attach(here);
    await b.feeds.attach(there);
    a.appends.announce("one", events(1, 2));
    await settle();
    expect(here.offered).toEqual([[1, 2]]);
    expect(there.offered).toEqual([[1, 2]]);
    // The instance's followers (its board cache) hear every batch before its streams.
    expect(b.followed).toEqual([["one", [1, 2]]]);
  });

  it("carry each event as its one JSON text: what arrives equals what was committed", async () => {
    const a = instance();
    const b = instance();
    const got: StoredEvent[][] = [];
    const sink = { ...recordingSink("one"), offer: (batch: readonly StoredEvent[]) => void got.push([...batch]) };
    await b.feeds.attach(sink);
    const committed = { ...event(1), data: { title: 'quotes " and \\ and ünïcode' } } as StoredEvent;
    a.appends.announce("one", [committed]);
    await settle();
    expect(got).toEqual([[committed]]);
  });

  it("go straight to this instance's streams when the bus is down or the publish fails", async () => {
    for (const options of [{ connected: false }, { failing: true }]) {
      const a = instance(options);
      const sink = recordingSink("one");
      await a.feeds.attach(sink);
      a.appends.announce("one", events(5));
      await settle();
      expect(sink.offered).toEqual([[5]]);
    }
  });

  it("hand every stream of a board the same array, so that its frames are encoded once", async () => {
    const a = instance();
    const got: unknown[] = [];
    for (let index = 0; index < 3; index++)
      await a.feeds.attach({ ...recordingSink("one"), offer: (batch: readonly StoredEvent[]) => void got.push(batch) });
    a.appends.announce("one", events(1));
    await settle();
    expect(got).toHaveLength(3);
    expect(got[1]).toBe(got[0]);
    expect(got[2]).toBe(got[0]);
  });

  it("announce nothing for no events", async () => {
    const a = instance();
    const sink = recordingSink("one");
    await a.feeds.attach(sink);
    a.appends.announce("one", []);
    await settle();
    expect(sink.offered).toEqual([]);
  });
});
