// The Redis Cluster bus on its own, against a real six-node cluster whose master dies while
// messages flow: publishes to the lost master's channels fail for a moment, then reach the
// subscriber again through the promoted replica, and the bus says when to catch up.
import { afterAll, describe, expect, it } from "vitest";
import { ClusterBus } from "@/lib/server/bus/cluster";
import { type RedisClusterTarget, redisClusterFromEnv } from "@/lib/server/redis-cluster-nodes";
import { canRunRedisCluster, type RedisCluster, startRedisCluster } from "../fixtures/redis-cluster";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(!canRunRedisCluster)("ClusterBus over a real Redis Cluster", () => {
  it("a master dies while every channel is published to: each channel is heard again afterwards, and a catch-up is asked for once it settles", async () => {
    const cluster: RedisCluster = await startRedisCluster();
    cleanups.push(() => cluster.stop());
    const target = redisClusterFromEnv({ REDIS_CLUSTER_NODES: cluster.nodes } as unknown as NodeJS.ProcessEnv);
    const publisher = new ClusterBus(target as RedisClusterTarget);
    const subscriber = new ClusterBus(target as RedisClusterTarget);
    cleanups.push(
      () => publisher.close(),
      () => subscriber.close(),
    );
    const heard = new Map<string, number[]>();
    subscriber.onMessage((channel, message) => heard.get(channel)?.push(Number(message)));
    let catchUps = 0;
    subscriber.onReconnect(() => catchUps++);

    // Twelve channels: their slots fall on all three masters.
    const channels = Array.from({ length: 12 }, (_, index) => `driftless:board:bus-${index}`);
    for (const channel of channels) {
      heard.set(channel, []);
      await subscriber.subscribe(channel);
    }
    let sent = 0;
    let failed = 0;
    const publishAll = async () => {
      sent++;
      await Promise.all(
        channels.map((channel) =>
          publisher.publish(channel, String(sent)).catch(() => {
            failed++;
          }),
        ),
      );
    };
    for (let n = 0; n < 10; n++) await publishAll();
    await expect.poll(() => channels.every((channel) => heard.get(channel)?.includes(10))).toBe(true);

    // Publishing every 50 ms, crash a master, and keep publishing through the failover.
    const victim = (await cluster.topology()).find((node) => node.role === "master")?.port as number;
    let publishing = true;
    const background = (async () => {
      while (publishing) {
        await publishAll();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = catchUps;
    await cluster.crash(victim);
    await cluster.untilHealthy({ replicas: 2 });
    // Every channel, the lost master's included, is heard again a few seconds after the promotion.
    const promotedAt = sent;
    await expect
      .poll(() => channels.every((channel) => (heard.get(channel)?.at(-1) ?? 0) > promotedAt + 20), {
        timeout: 20_000,
      })
      .toBe(true);
    publishing = false;
    await background;
    // The hubs' catch-up is asked for once the topology has been quiet for a while.
    await expect.poll(() => catchUps, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(failed).toBeLessThan(channels.length * sent);
  }, 120_000);
});
