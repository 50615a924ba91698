import "server-only";
// REDIS_CLUSTER_NODES (`host:port,host:port,…`): the seed nodes of a Redis Cluster. ioredis asks
// any one of them for the rest, so a few are enough; listing every master survives one being down.
// See the README, Deploy → Redis Cluster and PgBouncer.

export interface ClusterNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** The seed nodes, or undefined when REDIS_CLUSTER_NODES is not set. Throws on a malformed list. */
export function clusterNodesFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterNodeAddress[] | undefined {
  const raw = env.REDIS_CLUSTER_NODES?.trim();
  if (!raw) return undefined;
  return raw.split(",").map((entry) => {
    const text = entry.trim();
    const colon = text.lastIndexOf(":");
    const rawHost = text.slice(0, colon);
    const ipv6 = /^\[([0-9A-Fa-f:.]+)\]$/.exec(rawHost)?.[1];
    const host = ipv6 ?? rawHost;
    const port = Number(text.slice(colon + 1));
    const hostOk = ipv6 !== undefined || /^[A-Za-z0-9._-]+$/.test(host);
    if (colon <= 0 || !hostOk || !Number.isInteger(port) || port <= 0 || port > 65_535) {
      throw new Error(`REDIS_CLUSTER_NODES must be host:port,host:port,… ; "${text}" is not host:port.`);
    }
    return { host, port };
  });
}
