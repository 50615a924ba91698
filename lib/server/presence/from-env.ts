import "server-only";
// The presence store the environment asks for: the Redis Cluster of REDIS_CLUSTER_NODES, or the
// Redis of REDIS_URL (the bus's, on a connection of its own), this process's memory otherwise
// (README, "Presence").
import { Redis } from "ioredis";
import { log } from "../log";
import { clusterClient, redisClusterFromEnv } from "../redis-cluster-nodes";
import { MemoryPresenceStore } from "./memory-store";
import { RedisPresenceStore } from "./redis-store";
import type { PresenceStore } from "./store";

export function presenceStoreFromEnv(env: NodeJS.ProcessEnv = process.env): PresenceStore {
  const cluster = redisClusterFromEnv(env);
  if (!cluster && !env.REDIS_URL) return new MemoryPresenceStore();
  const retryStrategy = (attempt: number) => Math.min(100 * attempt, 2000);
  // A write waits for a reconnect once, then fails: the next refresh writes again. At most one
  // write per board is ever under way, so what waits is bounded by the boards open here. On a
  // Cluster, no auto-pipelining: ioredis does not follow MOVED inside one (see the bus's notes).
  const client = cluster
    ? clusterClient(cluster, {
        clusterRetryStrategy: retryStrategy,
        redisOptions: { connectionName: "driftless-presence", maxRetriesPerRequest: 1 },
      })
    : new Redis(env.REDIS_URL as string, {
        connectionName: "driftless-presence",
        maxRetriesPerRequest: 1,
        retryStrategy,
      });
  let down = false;
  client.on("error", (error: Error) => {
    if (!down) log.warn("redis presence error", { error });
    down = true;
  });
  client.on("ready", () => {
    down = false;
  });
  return new RedisPresenceStore(client);
}
