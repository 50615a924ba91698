import "server-only";
// The Redis Cluster bus: sharded pub/sub (SPUBLISH/SSUBSCRIBE), one channel per board, so a
// board's messages travel only through the shard that owns its channel's slot. ioredis keeps one
// subscriber connection per master that owns a subscribed channel, and one publisher client.
// See the README, Deploy → Redis Cluster and PgBouncer.
import type { Cluster } from "ioredis";
import { log } from "../log";
import { clusterClient, type RedisClusterTarget } from "../redis-cluster-nodes";
import type { Bus } from "./index";

/** Longer than the cluster client's longest reconnect back-off (2 s), so a publish outlives a blip. */
const PUBLISH_WAIT_MS = 3000;

/**
 * After a master dies, ioredis rebuilds its sharded subscribers and re-sends SSUBSCRIBE without
 * telling when they are in place (and the topology events come in bursts of hundreds while the
 * replica takes over). So the bus waits until the topology has been quiet this long, then
 * re-subscribes what failed and asks the hubs to catch up from the store.
 */
export const SETTLE_MS = 2500;

/** Events by which the cluster client says its topology, or a subscriber's connection, changed. */
const TOPOLOGY_EVENTS = ["+node", "-node", "nodeError", "+subscriber", "-subscriber", "subscribersReady"] as const;

export class ClusterBus implements Bus {
  readonly kind = "redis";
  private readonly publisher: Cluster;
  private readonly subscriber: Cluster;
  private readonly reconnectHandlers = new Set<() => void>();
  /** Channels the hub asked for, and those whose SSUBSCRIBE failed (tried again once settled). */
  private readonly wanted = new Set<string>();
  private readonly failed = new Set<string>();
  private settleTimer: NodeJS.Timeout | undefined;
  private troubled = false;
  private closed = false;

  constructor(cluster: RedisClusterTarget, { settleMs = SETTLE_MS } = {}) {
    const common = {
      clusterRetryStrategy: (attempt: number) => Math.min(100 * attempt, 2000),
      redisOptions: { connectionName: "driftless" },
    } as const;
    // No auto-pipelining here: ioredis does not follow a MOVED reply inside an auto-pipeline, so
    // after a failover every publish to the lost master's slots failed until restart (tried here
    // with Redis 7.0 and ioredis 6). Nor `enableOfflineQueue: false`: the cluster client parks
    // commands in that queue while it follows a redirection or refreshes its slot map.
    this.publisher = clusterClient(cluster, common);
    this.subscriber = clusterClient(cluster, { ...common, shardedSubscribers: true });
    for (const [role, client] of [
      ["publisher", this.publisher],
      ["subscriber", this.subscriber],
    ] as const) {
      client.on("error", (error: Error) => {
        // One line per outage, not one per retry (a failover raises hundreds).
        if (!this.troubled) log.warn("redis cluster bus error", { role, error });
        this.troubled = true;
      });
    }
    for (const event of TOPOLOGY_EVENTS) this.subscriber.on(event, () => this.settleSoon(settleMs));
    this.subscriber.on("ready", () => this.settleSoon(settleMs));
  }

  /** (Re)starts the quiet-period timer; when it runs out, the subscriptions are trusted again. */
  private settleSoon(settleMs: number): void {
    if (this.closed) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.settled(), settleMs);
  }

  private async settled(): Promise<void> {
    if (this.closed || this.subscriber.status !== "ready") return;
    const retry = [...this.failed].filter((channel) => this.wanted.has(channel));
    this.failed.clear();
    // One call per channel: SSUBSCRIBE refuses channels of different slots in one call.
    await Promise.all(retry.map((channel) => this.ssubscribe(channel).catch(() => undefined)));
    if (this.troubled) log.info("redis cluster bus settled; catching up every live board from the store");
    this.troubled = false;
    for (const handler of this.reconnectHandlers) handler();
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.publisher.status !== "ready") await untilReady(this.publisher, PUBLISH_WAIT_MS);
    if (this.publisher.status !== "ready") throw new Error(`redis cluster publisher is ${this.publisher.status}`);
    // The cluster client queues a command while no node takes it: give up after the same wait.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no SPUBLISH answer in ${PUBLISH_WAIT_MS} ms`)), PUBLISH_WAIT_MS);
    });
    await Promise.race([this.publisher.spublish(channel, message), timeout]).finally(() => clearTimeout(timer));
  }

  async subscribe(channel: string): Promise<void> {
    this.wanted.add(channel);
    await this.ssubscribe(channel);
  }

  private async ssubscribe(channel: string): Promise<void> {
    try {
      await this.subscriber.ssubscribe(channel);
      this.failed.delete(channel);
    } catch (error) {
      this.failed.add(channel);
      throw error;
    }
  }

  async unsubscribe(channel: string): Promise<void> {
    this.wanted.delete(channel);
    this.failed.delete(channel);
    await this.subscriber.sunsubscribe(channel);
  }

  onMessage(handler: (channel: string, message: string) => void): void {
    this.subscriber.on("smessage", handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  connected(): boolean {
    return this.subscriber.status === "ready" && this.publisher.status === "ready";
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.settleTimer);
    this.reconnectHandlers.clear();
    const quit = Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
    await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}

/** Resolves when `client` is ready or `ms` passed. */
function untilReady(client: Cluster, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once("ready", done);
  });
}
