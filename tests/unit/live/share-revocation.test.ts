import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/server/bus/memory";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { ShareRevocation } from "@/lib/server/live/share-revocation";
import type { HeadWatcher } from "@/lib/server/live/store-check";
import { recordingSink, settle } from "./fakes";

const buses: MemoryBus[] = [];
afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

function instance() {
  const bus = new MemoryBus();
  buses.push(bus);
  const published: string[] = [];
  const spied = Object.assign(Object.create(bus), {
    publish: (channel: string, message: string) => {
      published.push(message);
      return bus.publish(channel, message);
    },
    onMessage: (handler: (channel: string, message: string) => void) => bus.onMessage(handler),
  });
  const feeds = new BoardFeeds(spied, 1000);
  let headWatcher: HeadWatcher = () => {};
  const revocation = new ShareRevocation(feeds, {
    onHead: (watcher) => {
      headWatcher = watcher;
    },
  });
  return {
    feeds,
    revocation,
    published,
    head: (boardId: string, viewToken: string) => headWatcher(boardId, { version: 1, viewToken }),
  };
}

describe("ShareRevocation", () => {
  it("ends the old link's streams on this instance and every other, and no one else's", async () => {
    const a = instance();
    const b = instance();
    const [oldHere, oldThere, editor, otherLink] = [
      recordingSink("one", { viewToken: "old", feeds: a.feeds }),
      recordingSink("one", { viewToken: "old", feeds: b.feeds }),
      recordingSink("one", { feeds: b.feeds }),
      recordingSink("one", { viewToken: "other", feeds: b.feeds }),
    ];
    await a.feeds.attach(oldHere);
    await b.feeds.attach(oldThere);
    await b.feeds.attach(editor);
    await b.feeds.attach(otherLink);
    a.revocation.revoke("one", "old");
    await settle();
    expect(oldHere.ended).toEqual(["link replaced"]);
    expect(oldThere.ended).toEqual(["link replaced"]);
    expect(editor.ended).toEqual([]);
    expect(otherLink.ended).toEqual([]);
  });

  it("never puts the token itself on the bus", async () => {
    const a = instance();
    a.revocation.revoke("one", "the-secret-view-token");
    expect(a.published).toHaveLength(1);
    expect(a.published[0]).not.toContain("the-secret-view-token");
  });

  it("ends a stream whose link the store no longer holds (the message was lost)", async () => {
    const a = instance();
    const [current, replaced] = [
      recordingSink("one", { viewToken: "new" }),
      recordingSink("one", { viewToken: "old" }),
    ];
    await a.feeds.attach(current);
    await a.feeds.attach(replaced);
    a.head("one", "new");
    expect(replaced.ended).toEqual(["link replaced"]);
    expect(current.ended).toEqual([]);
  });
});
