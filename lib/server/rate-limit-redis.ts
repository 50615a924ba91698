import "server-only";
// Rate-limit windows counted in Redis (one server or a Cluster), shared by every instance: each
// instance leases units of a window with one script call and spends them locally
// (rate-limit-leases.ts).
import { type Cluster, Redis } from "ioredis";
import { type Counter, LeasedCounter, type Over, type Window } from "./rate-limit-leases";
import { clusterClient, type RedisClusterTarget } from "./redis-cluster-nodes";
import { limitKey } from "./redis-keys";

// Leases units of each key's window in order: adds the units wanted and answers, per key, how many
// of them were within its limit and the ms left in its window; stops after the first key that
// granted less than the cost. ARGV: cost, then each key's units wanted, window (ms) and limit. On
// one Redis a request's windows go in one call; on a Cluster one call per window, since each key
// has its own hash tag and a script may touch one slot only.
const LEASE = `
local cost = tonumber(ARGV[1])
local answers = {}
for i, key in ipairs(KEYS) do
  local want = tonumber(ARGV[3 * i - 1])
  local count = redis.call('INCRBY', key, want)
  if count == want then redis.call('PEXPIRE', key, ARGV[3 * i]) end
  local granted = math.min(want, tonumber(ARGV[3 * i + 1]) - (count - want))
  answers[2 * i - 1] = granted
  answers[2 * i] = redis.call('PTTL', key)
  if granted < cost then return answers end
end
return answers`;

/** Longer than a failover's redirections take (ioredis: 16 × 100 ms), shorter than a person waits. */
const CLUSTER_WAIT_MS = 2000;

function atMost<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the Redis Cluster in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Lease {
  driftlessLease(...keysThenArgs: (string | number)[]): Promise<number[]>;
}

export class RedisCounter implements Counter {
  private readonly redis: (Redis | Cluster) & Lease;
  private readonly leases = new LeasedCounter((windows, want, cost) => this.lease(windows, want, cost));
  private readonly onePerCall: boolean;

  constructor(target: { url: string } | { cluster: RedisClusterTarget }) {
    const retryStrategy = (attempt: number) => Math.min(100 * attempt, 2000);
    if ("url" in target) {
      this.redis = new Redis(target.url, {
        connectionName: "driftless-limits",
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy,
        // Requests arriving together are counted in one write to Redis, not one each.
        enableAutoPipelining: true,
      }) as Redis & Lease;
    } else {
      // No auto-pipelining and an offline queue on a Cluster: ioredis does not follow MOVED inside
      // an auto-pipeline, so after a failover every call to the lost master's slots failed (and
      // the limiter let everything through) until restart (tried here, Redis 7.0, ioredis 6).
      this.redis = clusterClient(target.cluster, {
        clusterRetryStrategy: retryStrategy,
        redisOptions: { connectionName: "driftless-limits" },
      }) as Cluster & Lease;
    }
    this.onePerCall = !("url" in target);
    // Sent by its SHA once Redis knows it (EVALSHA), not as text on every request. A Cluster routes
    // by the first key, so the script declares how many keys it takes.
    this.redis.defineCommand("driftlessLease", this.onePerCall ? { lua: LEASE, numberOfKeys: 1 } : { lua: LEASE });
    this.redis.on("error", () => {}); // reported per use below
  }

  private firstConnect: Promise<void> | undefined;

  take(windows: readonly Window[], cost: number): Promise<Over | undefined> {
    return this.leases.take(windows, cost);
  }

  private async lease(windows: readonly Window[], want: readonly number[], cost: number) {
    // Right after start the connection is still opening: wait for it briefly, once.
    if (this.redis.status === "connecting" || this.redis.status === "connect" || this.redis.status === "wait") {
      this.firstConnect ??= new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.redis.once("ready", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await this.firstConnect;
    }
    const calls = this.onePerCall ? windows.map((_, index) => [index]) : [windows.map((_, index) => index)];
    const answers: { granted: number; msLeft: number }[] = [];
    for (const group of calls) {
      const call = this.redis.driftlessLease(
        ...(this.onePerCall ? [] : [group.length]),
        ...group.map((index) => limitKey(windows[index].key)),
        cost,
        ...group.flatMap((index) => [want[index], windows[index].windowMs, windows[index].max]),
      );
      // A Cluster client queues commands while it has no node to send them to: a request waits
      // this long for its count, never for the cluster to come back.
      const flat = this.onePerCall ? await atMost(call, CLUSTER_WAIT_MS) : await call;
      for (let at = 0; at < flat.length; at += 2) answers.push({ granted: flat[at], msLeft: flat[at + 1] });
      if (answers[answers.length - 1].granted < cost) break;
    }
    return answers;
  }

  close() {
    this.redis.disconnect();
  }
}
