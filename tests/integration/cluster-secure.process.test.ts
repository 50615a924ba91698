// A Redis Cluster as a managed one is: it asks for a password and speaks only TLS, with a
// certificate from an authority of its own. Two real `next start` instances reach it through
// REDIS_CLUSTER_NODES as a URL (`rediss://:password@…`) and NODE_EXTRA_CA_CERTS, and its three
// jobs work through it: live events between the instances, rate limits counted together, and
// presence kept there.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { presenceKeys } from "@/lib/server/presence/redis-store";
import { canRunRedisCluster, type RedisCluster, startRedisCluster } from "../fixtures/redis-cluster";
import { type RunningServer, startServer } from "./servers";
import { StreamReader } from "./stream-client";

const { DATABASE_URL } = process.env;
const PASSWORD = "a p@ss/word";
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** What a node answers a client that connects with these options: PONG, or the error. */
async function ping(port: number, options: RedisOptions): Promise<string> {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
    enableReadyCheck: false,
    ...options,
  });
  // A refusal at connect (NOAUTH to the HELLO ioredis opens with) arrives as an error event.
  const errors: string[] = [];
  client.on("error", (error) => errors.push(String(error)));
  try {
    await client.connect();
    return await client.ping();
  } catch (error) {
    return [...errors, String(error)].join("; ");
  } finally {
    client.disconnect();
  }
}

describe.skipIf(!DATABASE_URL || !canRunRedisCluster)("a Redis Cluster with a password and TLS", () => {
  it("carries live events between instances and counts their limits together", async () => {
    const cluster: RedisCluster = await startRedisCluster({ secure: { password: PASSWORD, tls: true } });
    cleanups.push(() => cluster.stop());
    const [port] = cluster.ports;
    const ca = readFileSync(cluster.caFile as string);
    // The cluster itself refuses a client without TLS, and one without the password.
    expect(await ping(port, {})).not.toBe("PONG");
    expect(await ping(port, { tls: { ca } })).toMatch(/NOAUTH/);
    expect(await ping(port, { tls: { ca }, password: PASSWORD })).toBe("PONG");
    expect(cluster.nodes).toMatch(/^rediss:\/\/:[^@]+@127\.0\.0\.1:\d+,127\.0\.0\.1:\d+/);

    const env = {
      DATABASE_URL: DATABASE_URL as string,
      REDIS_CLUSTER_NODES: cluster.nodes,
      NODE_EXTRA_CA_CERTS: cluster.caFile,
      // Only the bus delivers between the instances: no periodic store check.
      LIVE_CHECK_SECONDS: "600",
      // Small enough that counting apart would let more through than counting together.
      RATE_LIMIT_ACTOR_PER_MINUTE: "4",
    };
    const [a, b]: RunningServer[] = await Promise.all([startServer({ env }), startServer({ env })]);
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );

    const created = await fetch(`${a.url}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Secure" }) });
    expect(created.status).toBe(201);
    const { boardId } = await created.json();
    const watching = new StreamReader(`${b.url}/api/boards/${boardId}/events`);
    cleanups.push(() => watching.close());
    await watching.untilReady();

    // One person's changes, alternating between the instances: the bus brings each one to the
    // stream on B, and the person's limit of 4 a minute is counted across both.
    let cookie = "";
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const via = n % 2 === 1 ? a : b;
      const response = await fetch(`${via.url}/api/boards/${boardId}/commands`, {
        method: "POST",
        headers: cookie ? { cookie } : {},
        body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: `change ${n}` }),
      });
      cookie ||= (response.headers.get("set-cookie") ?? "").split(";")[0];
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(cookie).not.toBe("");
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    await watching.untilVersion(5);
    expect(watching.versions()).toEqual([1, 2, 3, 4, 5]);
    // The presence store, the cluster's third user, keeps the stream's viewer there.
    const direct = new Cluster(
      cluster.ports.map((port) => ({ host: "127.0.0.1", port })),
      {
        redisOptions: { password: PASSWORD, tls: { ca } },
      },
    );
    cleanups.push(() => direct.disconnect());
    await vi.waitFor(async () => expect(await direct.zcard(presenceKeys(boardId).expiries)).toBe(1), {
      timeout: 10_000,
    });
    for (const server of [a, b])
      expect(server.output()).not.toMatch(
        /redis cluster bus error|rate limit store unavailable|redis presence error|presence store write failed/,
      );
  }, 180_000);
});
