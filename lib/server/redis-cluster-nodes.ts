import "server-only";
// REDIS_CLUSTER_NODES: the seed nodes of a Redis Cluster, `host:port,host:port,…`, each entry
// also as a URL, `redis://[user:password@]host:port` or `rediss://…` for TLS. ioredis asks any one
// of them for the rest, so a few are enough; listing every master survives one being down. The
// credentials and TLS of an entry hold for every node (the cluster tells of the others by
// address only), so the entries that give them must agree. See the README, Deploy → Redis
// Cluster and PgBouncer.
import { Cluster, type ClusterOptions } from "ioredis";

export interface ClusterNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** How every node of the cluster is reached. */
export interface ClusterAccess {
  readonly username?: string;
  readonly password?: string;
  /** TLS to every node, checked against the system's certificate authorities (and NODE_EXTRA_CA_CERTS). */
  readonly tls: boolean;
}

export interface RedisClusterTarget {
  readonly nodes: readonly ClusterNodeAddress[];
  readonly access: ClusterAccess;
}

const FORM = "host:port, redis://[user:password@]host:port or rediss://…";

/** The cluster REDIS_CLUSTER_NODES names, or undefined when it is not set. Throws on a malformed list. */
export function redisClusterFromEnv(env: NodeJS.ProcessEnv = process.env): RedisClusterTarget | undefined {
  const raw = env.REDIS_CLUSTER_NODES?.trim();
  if (!raw) return undefined;
  const entries = raw.split(",").map((entry) => parseEntry(entry.trim()));
  const given = entries.filter((entry) => entry.access !== undefined);
  const access = given[0]?.access ?? { tls: false };
  for (const other of given) {
    const { username, password, tls } = other.access as ClusterAccess;
    if (username !== access.username || password !== access.password || tls !== access.tls) {
      throw new Error(
        `REDIS_CLUSTER_NODES: every entry that gives a scheme or credentials must give the same ones; "${other.shown}" differs from "${given[0].shown}".`,
      );
    }
  }
  return { nodes: entries.map((entry) => entry.node), access };
}

/** A cluster client of `target`: its credentials and TLS on every node's connection. */
export function clusterClient(target: RedisClusterTarget, options: ClusterOptions = {}): Cluster {
  const { username, password, tls } = target.access;
  return new Cluster([...target.nodes], {
    ...options,
    redisOptions: {
      ...options.redisOptions,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      ...(tls ? { tls: {} } : {}),
    },
  });
}

interface Entry {
  readonly node: ClusterNodeAddress;
  /** Set by a URL entry. */
  readonly access?: ClusterAccess;
  /** The entry as an error may show it: never its password. */
  readonly shown: string;
}

function parseEntry(text: string): Entry {
  if (!text.includes("://")) return { node: hostPort(text, text), shown: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw malformed(text.replace(/\/\/[^@/]*@/, "//…@"));
  }
  const shown = `${url.protocol}//${url.username || url.password ? "…@" : ""}${url.host}`;
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw malformed(shown);
  if ((url.pathname !== "" && url.pathname !== "/") || url.search || url.hash) {
    throw new Error(
      `REDIS_CLUSTER_NODES: "${shown}…" names a database or options; a Redis Cluster has only database 0, and an entry is ${FORM}.`,
    );
  }
  // An IPv6 host keeps its brackets here, as hostPort takes it.
  const node = hostPort(`${url.hostname}:${url.port || "6379"}`, shown);
  const access: ClusterAccess = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === "rediss:",
  };
  return { node, access, shown };
}

function hostPort(text: string, shown: string): ClusterNodeAddress {
  const colon = text.lastIndexOf(":");
  const rawHost = text.slice(0, colon);
  const ipv6 = /^\[([0-9A-Fa-f:.]+)\]$/.exec(rawHost)?.[1];
  const host = ipv6 ?? rawHost;
  const port = Number(text.slice(colon + 1));
  const hostOk = ipv6 !== undefined || /^[A-Za-z0-9._-]+$/.test(host);
  if (colon <= 0 || !hostOk || !Number.isInteger(port) || port <= 0 || port > 65_535) throw malformed(shown);
  return { host, port };
}

function malformed(shown: string): Error {
  return new Error(`REDIS_CLUSTER_NODES must be a list of ${FORM}; "${shown}" is not one of them.`);
}
