import { describe, expect, it } from "vitest";
import { clusterNodesFromEnv as fromEnv } from "@/lib/server/redis-cluster-nodes";
import { boardKeyTag, limitKey } from "@/lib/server/redis-keys";

const clusterNodesFromEnv = (env: Record<string, string>) => fromEnv(env as NodeJS.ProcessEnv);

describe("REDIS_CLUSTER_NODES", () => {
  it("is unset or blank: no cluster", () => {
    expect(clusterNodesFromEnv({})).toBeUndefined();
    expect(clusterNodesFromEnv({ REDIS_CLUSTER_NODES: " " })).toBeUndefined();
  });

  it("lists host:port pairs, spaces and IPv6 brackets allowed", () => {
    expect(clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "10.0.0.1:7001, redis-2.internal:7002,[::1]:7003" })).toEqual([
      { host: "10.0.0.1", port: 7001 },
      { host: "redis-2.internal", port: 7002 },
      { host: "::1", port: 7003 },
    ]);
  });

  it("refuses an entry that is not host:port, naming it", () => {
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "10.0.0.1:7001,10.0.0.2" })).toThrow(/"10.0.0.2"/);
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "redis://10.0.0.1:7001" })).toThrow(/host:port/);
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "host:99999" })).toThrow(/host:port/);
  });
});

describe("Redis key names", () => {
  it("tag a board's keys with its channel's name, and each limit window with its own", () => {
    expect(boardKeyTag("abc")).toBe("{driftless:board:abc}");
    expect(limitKey("actor:v1")).toBe("driftless:limit:{actor:v1}");
  });
});
