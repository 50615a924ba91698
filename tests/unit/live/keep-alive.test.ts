import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/server/bus/memory";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { keepAlive } from "@/lib/server/live/keep-alive";
import { recordingSink } from "./fakes";

const buses: MemoryBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

describe("keepAlive", () => {
  it("sends a ping comment to every stream while there are streams, with one timer, and stops with the last", async () => {
    const bus = new MemoryBus();
    buses.push(bus);
    const feeds = new BoardFeeds(bus, 1000);
    const pings = keepAlive(feeds, 10);
    expect(pings.running).toBe(false);
    const [a, b] = [recordingSink("one"), recordingSink("two")];
    await feeds.attach(a);
    await feeds.attach(b);
    expect(pings.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 45));
    expect(a.sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(a.sent)).toEqual(new Set([": ping\n\n"]));
    expect(b.sent.length).toBeGreaterThanOrEqual(2);
    feeds.detach(a);
    expect(pings.running).toBe(true);
    feeds.detach(b);
    expect(pings.running).toBe(false);
    const sent = b.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(b.sent.length).toBe(sent);
  });
});
