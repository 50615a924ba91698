// Presence through the real stream routes, on the store and bus this project runs with: PGlite and
// the in-process bus and presence table, or Postgres and Redis (README, "Presence").
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { boardPseudonym } from "@/lib/server/actor";
import { actorKeys } from "@/lib/server/actor-secret";
import { closeHub } from "@/lib/server/live/hub";
import { presenceKeys } from "@/lib/server/presence/redis-store";
import { clusterClient, redisClusterFromEnv } from "@/lib/server/redis-cluster-nodes";
import { createBoardRaw, getLog, readEvents, readSharedEvents, signedVisitor } from "./api";
import type { StreamReader } from "./stream-client";

const readers: StreamReader[] = [];
afterAll(async () => {
  for (const reader of readers) reader.close();
  await closeHub();
  await closeStore();
});

async function board(title: string): Promise<{ boardId: string; viewToken: string }> {
  const created = await createBoardRaw({ title });
  expect(created.status).toBe(201);
  return created.body;
}

/** A board page's stream of a signed visitor whose name cookie says `name`. */
function personStream(boardId: string, visitor: { cookie: string }, name?: string): StreamReader {
  const cookie = name === undefined ? visitor.cookie : `${visitor.cookie}; driftless_name=${encodeURIComponent(name)}`;
  const reader = readEvents(boardId, "", { cookie });
  readers.push(reader);
  return reader;
}

async function pseudonym(boardId: string, visitor: { id: string }): Promise<string> {
  return boardPseudonym(await actorKeys(), boardId, visitor.id);
}

describe("GET /api/boards/:boardId/events presence", () => {
  it("says who is here after ready: a person once however many tabs, read-only links as viewers", async () => {
    const { boardId, viewToken } = await board("Who is here");
    const [ann, bob] = [await signedVisitor(), await signedVisitor()];
    const annTab = personStream(boardId, ann, "Ann");
    await annTab.untilPresence((presence) => presence.people.length === 1);
    expect(annTab.presence[0]).toEqual({
      people: [{ id: await pseudonym(boardId, ann), name: "Ann" }],
      viewers: 0,
      afterReady: true,
    });

    const annSecondTab = personStream(boardId, ann, "Ann");
    const bobTab = personStream(boardId, bob, "Bob");
    const viewer = readSharedEvents(viewToken);
    readers.push(viewer);
    const anonymous = readEvents(boardId); // no signed visitor: counted, never named
    readers.push(anonymous);
    for (const reader of [annTab, annSecondTab, bobTab, viewer, anonymous]) {
      await reader.untilPresence((presence) => presence.people.length === 2 && presence.viewers === 2);
      expect(reader.names()).toEqual(["Ann", "Bob"]);
      expect(reader.presence.every((presence) => presence.afterReady)).toBe(true);
    }
  });

  it("lets a person leave at once when their last tab closes, not before", async () => {
    const { boardId } = await board("Leaving");
    const [ann, bob] = [await signedVisitor(), await signedVisitor()];
    const watcher = personStream(boardId, bob, "Bob");
    const first = personStream(boardId, ann, "Ann");
    const second = personStream(boardId, ann, "Ann");
    await watcher.untilPresence((presence) => presence.people.length === 2);
    await second.untilReady();
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.names()).toEqual(["Ann", "Bob"]);
    second.close();
    await watcher.untilPresence((presence) => presence.people.length === 1, 3000);
    expect(watcher.names()).toEqual(["Bob"]);
  });

  it("names a person by the name cookie their stream opened with (a new name shows on reconnect)", async () => {
    const { boardId } = await board("Renamed");
    const [ann, bob] = [await signedVisitor(), await signedVisitor()];
    const watcher = personStream(boardId, bob, "Bob");
    const before = personStream(boardId, ann, "Ann");
    await watcher.untilPresence((presence) => presence.people.length === 2);
    expect(watcher.names()).toEqual(["Ann", "Bob"]);
    before.close();
    personStream(boardId, ann, "Annie");
    await watcher.untilPresence((presence) => presence.people.some((person) => person.name === "Annie"));
    expect(watcher.names()).toEqual(["Annie", "Bob"]);
  });

  it("writes nothing to the board's log", async () => {
    const { boardId } = await board("Quiet");
    const visitor = await signedVisitor();
    const reader = personStream(boardId, visitor, "Ann");
    await reader.untilPresence((presence) => presence.people.length === 1);
    reader.close();
    const log = await getLog(boardId);
    expect(log.body.events.map((event: { type: string }) => event.type)).toEqual(["BoardCreated"]);
  });
});

describe.skipIf(!process.env.REDIS_URL && !process.env.REDIS_CLUSTER_NODES)("presence in Redis", () => {
  it("keeps a board's presence in two keys of one hash slot, expiring by themselves", async () => {
    const { boardId } = await board("In Redis");
    const visitor = await signedVisitor();
    const reader = personStream(boardId, visitor, "Ann");
    await reader.untilPresence((presence) => presence.people.length === 1);
    // Where the store keeps it: the Redis Cluster when REDIS_CLUSTER_NODES is set (CI), else REDIS_URL.
    const target = redisClusterFromEnv();
    const redis = target ? clusterClient(target) : new Redis(process.env.REDIS_URL as string);
    try {
      const { expiries, entries } = presenceKeys(boardId);
      // Redis Cluster hashes the text between the first `{` and the next `}`: the board id, for both.
      for (const key of [expiries, entries]) expect(key.slice(key.indexOf("{") + 1, key.indexOf("}"))).toBe(boardId);
      expect(await redis.zcard(expiries)).toBe(1);
      const [entry] = await redis.hvals(entries);
      expect(JSON.parse(entry)).toEqual({
        people: [{ id: await pseudonym(boardId, visitor), name: "Ann" }],
        viewers: 0,
      });
      for (const key of [expiries, entries]) {
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(30_000);
      }
      reader.close();
      await expect.poll(() => redis.exists(expiries, entries), { timeout: 3000 }).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
