import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/server/bus/memory";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { boardChannel, encodeMessage } from "@/lib/server/live/bus-messages";
import type { LiveSink } from "@/lib/server/live/sink";
import { recordingSink, settle } from "./fakes";

const buses: MemoryBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

function instance() {
  const bus = new MemoryBus();
  buses.push(bus);
  const subscribed: string[] = [];
  const unsubscribed: string[] = [];
  const spied = Object.assign(Object.create(bus), {
    subscribe: (channel: string) => {
      subscribed.push(channel);
      return bus.subscribe(channel);
    },
    unsubscribe: (channel: string) => {
      unsubscribed.push(channel);
      return bus.unsubscribe(channel);
    },
    onMessage: (handler: (channel: string, message: string) => void) => bus.onMessage(handler),
  });
  return { bus, feeds: new BoardFeeds(spied, 1000), subscribed, unsubscribed };
}

describe("BoardFeeds", () => {
  it("hold one bus subscription per board, from its first stream to its last", async () => {
    const { feeds, subscribed, unsubscribed } = instance();
    const [a, b, c] = [recordingSink("one"), recordingSink("one"), recordingSink("two")];
    await Promise.all([feeds.attach(a), feeds.attach(b), feeds.attach(c)]);
    expect(subscribed).toEqual([boardChannel("one"), boardChannel("two")]);
    expect(feeds.counts()).toEqual({ streams: 3, boards: 2 });
    feeds.detach(a);
    expect(unsubscribed).toEqual([]);
    feeds.detach(b);
    feeds.detach(b); // twice: nothing more
    expect(unsubscribed).toEqual([boardChannel("one")]);
    expect(feeds.counts()).toEqual({ streams: 1, boards: 1 });
    expect([...feeds.sinks("two")]).toEqual([c]);
    expect(feeds.sinks("one").size).toBe(0);
  });

  it("hand each kind of message to its one owner, only for boards with streams here", async () => {
    const { feeds } = instance();
    const other = instance();
    const heard: Array<[string, unknown]> = [];
    feeds.handle("greeting", (boardId, value) => heard.push([boardId, value]));
    expect(() => feeds.handle("greeting", () => {})).toThrow(/owner/);
    await feeds.attach(recordingSink("one"));
    await other.feeds.publish("one", "greeting", JSON.stringify("hello"));
    await other.feeds.publish("two", "greeting", JSON.stringify("nobody here"));
    await other.bus.publish(boardChannel("one"), encodeMessage("unknown", "1")); // logged, dropped
    await settle();
    expect(heard).toEqual([["one", "hello"]]);
  });

  it("tell watchers when a board's first stream opens and its last one ends, and of every stream", async () => {
    const { feeds } = instance();
    const told: string[] = [];
    feeds.watch({
      boardOpened: (boardId) => told.push(`opened ${boardId}`),
      boardClosed: (boardId) => told.push(`closed ${boardId}`),
      streamAttached: (sink: LiveSink) => told.push(`+ ${sink.boardId}`),
      streamDetached: (sink: LiveSink) => told.push(`- ${sink.boardId}`),
    });
    const [a, b] = [recordingSink("one"), recordingSink("one")];
    await feeds.attach(a);
    await feeds.attach(b);
    feeds.detach(a);
    feeds.detach(b);
    expect(told).toEqual(["opened one", "+ one", "+ one", "- one", "- one", "closed one"]);
  });

  it("stop waiting for a subscription that does not confirm (Redis down) after the wait it was given", async () => {
    const bus = new MemoryBus();
    buses.push(bus);
    const stuck = Object.assign(Object.create(bus), {
      subscribe: () => new Promise<void>(() => {}),
      onMessage: (handler: (channel: string, message: string) => void) => bus.onMessage(handler),
    });
    const feeds = new BoardFeeds(stuck, 20);
    const started = Date.now();
    await feeds.attach(recordingSink("one"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
