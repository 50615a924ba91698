import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/server/bus/memory";
import { BoardFeeds } from "@/lib/server/live/board-feeds";
import { Presence, type PresenceOptions, presenceOptionsFromEnv } from "@/lib/server/live/presence";
import { MemoryPresenceStore } from "@/lib/server/presence/memory-store";
import type { Person, PresenceStore, PresenceView } from "@/lib/server/presence/store";
import { type RecordingSink, recordingSink, settle } from "./fakes";

const buses: MemoryBus[] = [];
const presences: Presence[] = [];
afterEach(async () => {
  for (const presence of presences.splice(0)) await presence.close();
  for (const bus of buses.splice(0)) await bus.close();
});

const ann: Person = { id: "ann-pseudonym", name: "Ann" };
const bob: Person = { id: "bob-pseudonym", name: "Bob" };

/** One clock and one table for the instances of a test (a shared Redis, as it were). */
function world() {
  let now = 1_000_000;
  const table = new Map();
  return {
    store: (): PresenceStore => new MemoryPresenceStore(() => now, table),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

type World = ReturnType<typeof world>;

/** One instance: its bus, its feeds, its presence, and a store that counts its writes. */
function instance(shared: World, options: Partial<PresenceOptions> = {}, health = { down: false }) {
  const bus = new MemoryBus();
  buses.push(bus);
  const feeds = new BoardFeeds(bus, 1000);
  const store = shared.store();
  let writes = 0;
  const counted: PresenceStore = {
    kind: store.kind,
    write: (...args) => {
      writes++;
      return health.down ? Promise.reject(new Error("store down")) : store.write(...args);
    },
    close: () => store.close(),
  };
  // A refresh far away: each test says when an instance refreshes.
  const presence = new Presence(feeds, counted, {
    ttlMs: 30_000,
    refreshMs: 3_600_000,
    roundMs: 0,
    tellBytesPerSecond: Number.POSITIVE_INFINITY,
    ...options,
  });
  presences.push(presence);
  /** Opens a stream of `boardId` and lets it say `ready`. */
  const open = async (boardId: string, { person, viewToken }: { person?: Person; viewToken?: string } = {}) => {
    const sink = Object.assign(recordingSink(boardId, { viewToken, feeds }), { person });
    await feeds.attach(sink);
    presence.streamReady(sink);
    return sink;
  };
  return { feeds, presence, open, writes: () => writes };
}

/** The presence frames a stream was sent, as the data it carried. */
function frames(sink: RecordingSink): PresenceView[] {
  return sink.sent
    .filter((frame) => frame.startsWith("event: presence\n"))
    .map((frame) => JSON.parse(frame.slice("event: presence\ndata: ".length)) as PresenceView);
}

const last = (sink: RecordingSink) => frames(sink).at(-1);

describe("Presence", () => {
  it("counts one person once however many tabs, and read-only streams as viewers, never named", async () => {
    const here = instance(world());
    const tab1 = await here.open("board", { person: ann });
    await here.open("board", { person: ann });
    await here.open("board", { person: bob });
    await here.open("board", { person: { id: "someone", name: "Through a link" }, viewToken: "view" });
    await here.open("board"); // no signed visitor
    await settle();
    expect(last(tab1)).toEqual({ people: [ann, bob], viewers: 2 });
    expect(here.presence.viewOf("board")).toEqual({ people: [ann, bob], viewers: 2 });
  });

  it("sends the board's presence when a stream says ready, and nothing before", async () => {
    const here = instance(world());
    await here.open("board", { person: ann });
    const catchingUp = Object.assign(recordingSink("board", { feeds: here.feeds }), { person: bob });
    await here.feeds.attach(catchingUp);
    await settle();
    expect(frames(catchingUp)).toEqual([]);
    here.presence.streamReady(catchingUp);
    expect(frames(catchingUp)).toEqual([{ people: [ann, bob], viewers: 0 }]);
  });

  it("keeps a person while one of their tabs is open, and lets them leave at once with the last", async () => {
    const here = instance(world());
    const watcher = await here.open("board", { person: bob });
    const tab1 = await here.open("board", { person: ann });
    const tab2 = await here.open("board", { person: ann });
    await settle();
    expect(last(watcher)).toEqual({ people: [ann, bob], viewers: 0 });
    tab1.end("client gone");
    await settle();
    expect(last(watcher)).toEqual({ people: [ann, bob], viewers: 0 });
    tab2.end("client gone");
    await settle();
    expect(last(watcher)).toEqual({ people: [bob], viewers: 0 });
  });

  it("shows the people of every instance on every instance, and a leaving one everywhere at once", async () => {
    const shared = world();
    const a = instance(shared);
    const b = instance(shared);
    const onA = await a.open("board", { person: ann });
    const viewerOnA = await a.open("board", { viewToken: "view" });
    const onB = await b.open("board", { person: bob });
    await settle();
    expect(last(onA)).toEqual({ people: [ann, bob], viewers: 1 });
    expect(last(onB)).toEqual({ people: [ann, bob], viewers: 1 });
    viewerOnA.end("client gone");
    onA.end("client gone");
    await settle();
    expect(last(onB)).toEqual({ people: [bob], viewers: 0 });
  });

  it("drops the people of an instance that stopped refreshing once its entry expires", async () => {
    const shared = world();
    const survivor = instance(shared);
    const dying = instance(shared);
    const watcher = await survivor.open("board", { person: ann });
    await dying.open("board", { person: bob });
    await settle();
    expect(last(watcher)).toEqual({ people: [ann, bob], viewers: 0 });
    // The dying instance says nothing more; the survivor refreshes before its own entry expires.
    shared.advance(20_000);
    await survivor.presence.refresh();
    expect(last(watcher)).toEqual({ people: [ann, bob], viewers: 0 });
    shared.advance(10_001);
    await survivor.presence.refresh();
    expect(last(watcher)).toEqual({ people: [ann], viewers: 0 });
  });

  it("makes one round for a burst of tabs, not one per tab", async () => {
    const here = instance(world(), { roundMs: 200 });
    const first = await here.open("board", { person: ann });
    for (let n = 0; n < 100; n++) await here.open("board", { person: { id: `p${n}`, name: `P${n}` } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(here.writes()).toBe(2);
    expect(last(first)?.people).toHaveLength(101);
    expect(frames(first).length).toBeLessThanOrEqual(3);
  });

  it("tells a crowded board's streams no more bytes per second than its budget, and the latest then", async () => {
    // 20 streams × a frame of ~100 bytes = ~2 KB a telling: at 10 KB/s, one every ~200 ms.
    const here = instance(world(), { tellBytesPerSecond: 10_000 });
    const watchers = [];
    for (let n = 0; n < 20; n++) watchers.push(await here.open("board"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = frames(watchers[0]).length;
    await here.open("board", { person: ann });
    await settle();
    await here.open("board", { person: bob });
    await settle();
    expect(frames(watchers[0]).length).toBeLessThanOrEqual(before + 1); // the second waits its turn
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(last(watchers[0])).toEqual({ people: [ann, bob], viewers: 20 });
  });

  it("still tells its own streams while the store is down, and the others once it is back", async () => {
    const shared = world();
    const health = { down: false };
    const a = instance(shared, {}, health);
    const b = instance(shared);
    const onB = await b.open("board", { person: bob });
    await settle();
    health.down = true;
    const onA = await a.open("board", { person: ann });
    await settle();
    expect(last(onA)).toEqual({ people: [ann], viewers: 0 }); // its own people, without the store
    expect(last(onB)).toEqual({ people: [bob], viewers: 0 });
    health.down = false;
    await a.presence.refresh();
    await settle();
    expect(last(onB)).toEqual({ people: [ann, bob], viewers: 0 });
    expect(last(onA)).toEqual({ people: [ann, bob], viewers: 0 });
  });

  it("takes this instance's people out of the store when it closes", async () => {
    const shared = world();
    const a = instance(shared);
    const b = instance(shared);
    const watcher = await a.open("board", { person: ann });
    await b.open("board", { person: bob });
    await settle();
    expect(last(watcher)).toEqual({ people: [ann, bob], viewers: 0 });
    await b.presence.close();
    await settle();
    expect(last(watcher)).toEqual({ people: [ann], viewers: 0 });
  });

  it("reads PRESENCE_TTL_SECONDS, refreshes three times per life, and keeps a dead instance's people under 60 s", () => {
    expect(presenceOptionsFromEnv({})).toMatchObject({ ttlMs: 30_000, refreshMs: 10_000 });
    expect(presenceOptionsFromEnv({ PRESENCE_TTL_SECONDS: "3" })).toMatchObject({ ttlMs: 3000, refreshMs: 1000 });
    const longest = presenceOptionsFromEnv({ PRESENCE_TTL_SECONDS: "600" });
    expect(longest.ttlMs + longest.refreshMs).toBeLessThanOrEqual(60_000);
  });
});
