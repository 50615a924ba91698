import "server-only";
// The presence store the environment asks for: Redis where REDIS_URL is set (the bus's Redis, on
// a connection of its own), this process's memory otherwise (README, "Presence").
import { Redis } from "ioredis";
import { log } from "../log";
import { MemoryPresenceStore } from "./memory-store";
import { RedisPresenceStore } from "./redis-store";
import type { PresenceStore } from "./store";

export function presenceStoreFromEnv(env: NodeJS.ProcessEnv = process.env): PresenceStore {
  if (!env.REDIS_URL) return new MemoryPresenceStore();
  const client = new Redis(env.REDIS_URL, {
    connectionName: "driftless-presence",
    // A write waits for a reconnect once, then fails: the next refresh writes again. At most one
    // write per board is ever under way, so what waits is bounded by the boards open here.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(100 * attempt, 2000),
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
