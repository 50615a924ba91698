import "server-only";
// Presence in Redis, shared by every instance (README, "Presence"). Per board, two keys with the
// board's hash tag, so that one script touches one slot (Redis Cluster): a sorted set of instance
// ids scored by the expiry of their entry, and a hash of their entries. Expiry is judged by
// Redis' own clock, so instances' clocks never have to agree; both keys also expire by themselves
// once no instance refreshes them.
import type { Cluster, Redis } from "ioredis";
import { type InstanceEntry, type PresenceStore, type PresenceView, parseEntry } from "./store";

const WRITE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, instance in ipairs(gone) do
  redis.call('ZREM', KEYS[1], instance)
  redis.call('HDEL', KEYS[2], instance)
end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
end
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2])
  return {}
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return redis.call('HGETALL', KEYS[2])
`;

type Client = (Redis | Cluster) & {
  driftlessPresence(
    expiries: string,
    entries: string,
    instanceId: string,
    ttlMs: number,
    entry: string,
  ): Promise<string[]>;
};

/** The keys of one board: `{<boardId>}` is the hash tag that puts both in one slot. */
export function presenceKeys(boardId: string): { expiries: string; entries: string } {
  return { expiries: `driftless:presence:{${boardId}}:expiries`, entries: `driftless:presence:{${boardId}}:entries` };
}

export class RedisPresenceStore implements PresenceStore {
  readonly kind = "redis";
  private readonly client: Client;

  /** `client` is a Redis or a Cluster connection of its own (this store closes it). */
  constructor(client: Redis | Cluster) {
    // EVALSHA, falling back to EVAL once per connection when the script is not loaded yet.
    client.defineCommand("driftlessPresence", { numberOfKeys: 2, lua: WRITE });
    this.client = client as Client;
  }

  async write(boardId: string, instanceId: string, entry: PresenceView | undefined, ttlMs: number) {
    const { expiries, entries } = presenceKeys(boardId);
    const text = entry ? JSON.stringify({ people: entry.people, viewers: entry.viewers }) : "";
    const fields = await this.client.driftlessPresence(expiries, entries, instanceId, Math.ceil(ttlMs), text);
    const alive: InstanceEntry[] = [];
    // HGETALL's answer: field, value, field, value…
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const parsed = parseEntry(fields[index + 1]);
      if (parsed) alive.push({ instanceId: fields[index], entry: parsed });
    }
    return alive;
  }

  async close(): Promise<void> {
    await Promise.race([
      this.client.quit().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
    this.client.disconnect();
  }
}
