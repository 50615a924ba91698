import "server-only";
// Rate limits per actor and per IP: which limits there are (from the environment), what a refusal
// says, and where they are counted: in Redis when REDIS_CLUSTER_NODES or REDIS_URL is set (so
// every instance counts together, a lease at a time: rate-limit-redis.ts, rate-limit-leases.ts)
// and in memory otherwise (rate-limit-memory.ts). Redis trouble never blocks a command: the
// limiter then lets it through and logs.
import type { Rejection } from "@/lib/domain";
import { log } from "./log";
import type { Counter } from "./rate-limit-leases";
import { MemoryCounter } from "./rate-limit-memory";
import { RedisCounter } from "./rate-limit-redis";
import { type RedisClusterTarget, redisClusterFromEnv } from "./redis-cluster-nodes";

export interface Limit {
  readonly name: string;
  readonly max: number;
  readonly windowMs: number;
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; rejection: Rejection };

function number(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    commandsPerActor: { name: "actor", max: number(env.RATE_LIMIT_ACTOR_PER_MINUTE, 1200), windowMs: 60_000 },
    commandsPerIp: { name: "ip", max: number(env.RATE_LIMIT_IP_PER_MINUTE, 3000), windowMs: 60_000 },
    boardsPerIp: { name: "boards", max: number(env.RATE_LIMIT_BOARDS_PER_HOUR, 60), windowMs: 3_600_000 },
    streamsPerIp: number(env.SSE_MAX_PER_IP, 50),
    streamsPerInstance: number(env.SSE_MAX_PER_INSTANCE, 10_000),
  } as const;
}

export class RateLimiter {
  readonly limits = limitsFromEnv();
  private readonly counter: Counter;

  constructor(redisUrl = process.env.REDIS_URL, cluster: RedisClusterTarget | undefined = redisClusterFromEnv()) {
    this.counter = cluster
      ? new RedisCounter({ cluster })
      : redisUrl
        ? new RedisCounter({ url: redisUrl })
        : new MemoryCounter();
  }

  /** Takes `cost` from each (limit, key) pair, in one round trip; the first one over its limit refuses. */
  async take(checks: readonly (readonly [Limit, string])[], cost = 1): Promise<LimitResult> {
    const windows = checks.map(([limit, key]) => ({
      key: `${limit.name}:${key}`,
      windowMs: limit.windowMs,
      max: limit.max,
    }));
    let over: { index: number; msLeft: number } | undefined;
    try {
      over = await this.counter.take(windows, cost);
    } catch (error) {
      log.warn("rate limit store unavailable; letting the request through", {
        limits: checks.map(([limit]) => limit.name),
        error,
      });
      return { ok: true };
    }
    if (!over) return { ok: true };
    const limit = checks[over.index][0];
    const retryAfterSeconds = Math.max(1, Math.ceil(over.msLeft / 1000));
    return {
      ok: false,
      retryAfterSeconds,
      rejection: {
        code: "rate_limited",
        reason: `${limit.name === "boards" ? "Too many new boards from this address" : "Too many changes at once"} (at most ${limit.max} per ${describeWindow(limit.windowMs)}); try again in ${retryAfterSeconds} s.`,
      },
    };
  }
}

function describeWindow(ms: number): string {
  return ms >= 3_600_000 ? "hour" : ms >= 60_000 ? "minute" : `${ms / 1000} s`;
}

/** The limits a command counts against: its visitor's (the verified id, never one a body names) and its address's. */
export function commandLimits(visitorId: string, address: string): [Limit, string][] {
  const { commandsPerActor, commandsPerIp } = getLimiter().limits;
  return [
    [commandsPerActor, visitorId],
    [commandsPerIp, address],
  ];
}

const cache = globalThis as typeof globalThis & { __driftlessLimiter?: RateLimiter };

export function getLimiter(): RateLimiter {
  cache.__driftlessLimiter ??= new RateLimiter();
  return cache.__driftlessLimiter;
}
