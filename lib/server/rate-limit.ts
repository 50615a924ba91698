import "server-only";
// Rate limits per actor and per IP: fixed windows, counted in Redis when REDIS_URL is set (so
// every instance counts together) and in memory otherwise. Redis trouble never blocks a command:
// the limiter then lets it through and logs.
import { Redis } from "ioredis";
import type { Rejection } from "@/lib/domain";
import { log } from "./log";

export interface Limit {
  readonly name: string;
  readonly max: number;
  readonly windowMs: number;
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; rejection: Rejection };

interface Counter {
  /** Adds `cost` to the key's window; answers the count so far and the ms left in the window. */
  add(key: string, cost: number, windowMs: number): Promise<{ count: number; msLeft: number }>;
}

class MemoryCounter implements Counter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  async add(key: string, cost: number, windowMs: number) {
    const now = Date.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += cost;
    return { count: window.count, msLeft: window.endsAt - now };
  }
}

const SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {count, redis.call('PTTL', KEYS[1])}`;

class RedisCounter implements Counter {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, {
      connectionName: "driftless-limits",
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    });
    this.redis.on("error", () => {}); // reported per use below
  }

  private firstConnect: Promise<void> | undefined;

  async add(key: string, cost: number, windowMs: number) {
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
    const [count, ttl] = (await this.redis.eval(SCRIPT, 1, `driftless:limit:${key}`, cost, windowMs)) as [
      number,
      number,
    ];
    return { count, msLeft: ttl > 0 ? ttl : windowMs };
  }

  close() {
    this.redis.disconnect();
  }
}

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
  } as const;
}

export class RateLimiter {
  readonly limits = limitsFromEnv();
  private readonly counter: Counter;

  constructor(redisUrl = process.env.REDIS_URL) {
    this.counter = redisUrl ? new RedisCounter(redisUrl) : new MemoryCounter();
  }

  /** Takes `cost` from each (limit, key) pair; the first one over its limit refuses. */
  async take(checks: readonly (readonly [Limit, string])[], cost = 1): Promise<LimitResult> {
    for (const [limit, key] of checks) {
      let used: { count: number; msLeft: number };
      try {
        used = await this.counter.add(`${limit.name}:${key}`, cost, limit.windowMs);
      } catch (error) {
        log.warn("rate limit store unavailable; letting the request through", { limit: limit.name, error });
        continue;
      }
      if (used.count > limit.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil(used.msLeft / 1000));
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
    return { ok: true };
  }
}

function describeWindow(ms: number): string {
  return ms >= 3_600_000 ? "hour" : ms >= 60_000 ? "minute" : `${ms / 1000} s`;
}

/** The client's address: the last X-Forwarded-For hop (added by our proxy, or by Next itself). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}

/** The limits a command counts against: its actor's and its address's. */
export function commandLimits(actorId: string, ip: string): [Limit, string][] {
  const { commandsPerActor, commandsPerIp } = getLimiter().limits;
  return [
    [commandsPerActor, actorId],
    [commandsPerIp, ip],
  ];
}

/** How many commands a body holds (a batch counts each of its commands). */
export function costOf(body: unknown): number {
  const commands = (body as { commands?: unknown } | null)?.commands;
  return Array.isArray(commands) ? Math.max(1, commands.length) : 1;
}

const cache = globalThis as typeof globalThis & { __driftlessLimiter?: RateLimiter };

export function getLimiter(): RateLimiter {
  cache.__driftlessLimiter ??= new RateLimiter();
  return cache.__driftlessLimiter;
}
