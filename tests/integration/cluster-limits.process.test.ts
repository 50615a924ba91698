// The rate limits on a real Redis Cluster: keys of one request hash to different slots and are
// counted one call each, and a master's death only pauses the counting (the limiter lets
// requests through meanwhile) — it does not leave the limiter open for good, and a cluster that
// is gone altogether does not hold requests.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { type Limit, RateLimiter } from "@/lib/server/rate-limit";
import { limitKey } from "@/lib/server/redis-keys";
import { canRunRedisCluster, type RedisCluster, startRedisCluster } from "../fixtures/redis-cluster";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const perMinute = (name: string, max: number): Limit => ({ name, max, windowMs: 60_000 });

describe.skipIf(!canRunRedisCluster)("rate limits over a real Redis Cluster", () => {
  it("count an actor's and an address's windows on their own slots, and count again after a master fails over", async () => {
    const cluster: RedisCluster = await startRedisCluster();
    cleanups.push(() => cluster.stop());
    const nodes = cluster.ports.map((port) => ({ host: "127.0.0.1", port }));
    const limiter = new RateLimiter(undefined, { nodes, access: { tls: false } });
    const actor = perMinute("actor", 3);
    const ip = perMinute("ip", 5);
    const any = new Redis(cluster.ports[0]);
    cleanups.push(async () => any.disconnect());
    const slotOf = async (key: string) => Number(await any.call("CLUSTER", "KEYSLOT", key));

    // Two keys of one request on different slots: a multi-key script would be refused (CROSSSLOT).
    expect(await slotOf(limitKey("actor:a1"))).not.toBe(await slotOf(limitKey("ip:10.0.0.1")));
    const checks = [
      [actor, "a1"],
      [ip, "10.0.0.1"],
    ] as const;
    for (let n = 1; n <= 3; n++) expect((await limiter.take(checks)).ok).toBe(true);
    const refused = await limiter.take(checks);
    expect(refused).toMatchObject({ ok: false, rejection: { code: "rate_limited" } });
    // The address counted the 3 allowed requests, not the refused one (counting stops at the
    // first window over its limit): 2 more fit in its 5.
    expect((await limiter.take([[ip, "10.0.0.1"]])).ok).toBe(true);
    expect((await limiter.take([[ip, "10.0.0.1"]])).ok).toBe(true);
    expect((await limiter.take([[ip, "10.0.0.1"]])).ok).toBe(false);

    // Crash a master; after its replica's promotion, keys on it are counted again.
    const slots = (await any.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
    const victim = slots[0];
    // Actors whose keys live on that master: one fresh actor per round below.
    const fresh: string[] = [];
    for (let n = 0; fresh.length < 60; n++) {
      const slot = await slotOf(limitKey(`actor:after-${n}`));
      if (victim[0] <= slot && slot <= victim[1]) fresh.push(`after-${n}`);
    }
    // Requests keep coming, several at once, while the master dies and its replica takes over.
    const busy = fresh.splice(0, 10);
    let requesting = true;
    const traffic = (async () => {
      while (requesting) {
        await Promise.all(busy.map((key) => limiter.take([[perMinute("busy", 1_000_000), key]])));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.crash(victim[2][1]);
    await cluster.untilHealthy({ replicas: 2 });
    requesting = false;
    await traffic;
    await expect
      .poll(
        async () => {
          // Refused on its 4th request only when that shard counts again (open meanwhile).
          const key = fresh.pop() as string;
          const answers = [];
          for (let n = 1; n <= 4; n++) answers.push((await limiter.take([[actor, key]])).ok);
          return answers;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toEqual([true, true, true, false]);

    // The whole cluster gone: a request is let through (and logged), not held in the client's
    // queue until the cluster comes back.
    await cluster.stop();
    const answer = await Promise.race([
      limiter.take([[actor, "after-the-end"]]),
      new Promise((resolve) => setTimeout(() => resolve("still waiting after 10 s"), 10_000)),
    ]);
    expect(answer).toEqual({ ok: true });
  }, 120_000);
});
