import "server-only";
// The bus is the doorbell between instances: "board B has new events". It is at-most-once
// (Redis pub/sub drops messages while disconnected, publishes can fail); correctness comes from
// versions and catch-up reads from the store, never from the bus.
import { redisClusterFromEnv } from "../redis-cluster-nodes";
import { ClusterBus } from "./cluster";
import { MemoryBus } from "./memory";
import { RedisBus } from "./redis";

export interface Bus {
  readonly kind: "redis" | "memory";
  /** Sends `message` to every instance subscribed to `channel`. Rejects when it could not be sent. */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is in place (messages published after that arrive). */
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  onMessage(handler: (channel: string, message: string) => void): void;
  /** Called when the connection came back after an outage: messages may have been missed. */
  onReconnect(handler: () => void): void;
  /** True while messages can flow. */
  connected(): boolean;
  close(): Promise<void>;
}

/** REDIS_CLUSTER_NODES wins over REDIS_URL (sharded pub/sub on a Cluster); neither: the in-process bus. */
export function busFromEnv(env: NodeJS.ProcessEnv = process.env): Bus {
  const cluster = redisClusterFromEnv(env);
  if (cluster) return new ClusterBus(cluster);
  if (!env.REDIS_URL) return new MemoryBus();
  let url: URL;
  try {
    url = new URL(env.REDIS_URL);
  } catch {
    throw new Error("REDIS_URL is not a URL; expected redis://host:6379 (or rediss:// for TLS).");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${url.protocol}//.`);
  }
  return new RedisBus(env.REDIS_URL);
}
