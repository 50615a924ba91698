import { describe, expect, it } from "vitest";
import { redisClusterFromEnv } from "@/lib/server/redis-cluster-nodes";
import { boardKeyTag, limitKey } from "@/lib/server/redis-keys";

const clusterNodesFromEnv = (env: Record<string, string>) => redisClusterFromEnv(env as NodeJS.ProcessEnv)?.nodes;

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
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "host:99999" })).toThrow(/host:port/);
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "http://10.0.0.1:7001" })).toThrow(
      /"http:\/\/10.0.0.1:7001"/,
    );
    expect(() => clusterNodesFromEnv({ REDIS_CLUSTER_NODES: "redis://10.0.0.1:7001/2" })).toThrow(/only database 0/);
  });

  it("takes URL entries, whose credentials and TLS hold for every node", () => {
    const env = (nodes: string) => ({ REDIS_CLUSTER_NODES: nodes }) as unknown as NodeJS.ProcessEnv;
    expect(redisClusterFromEnv(env("10.0.0.1:7001,10.0.0.2:7002"))).toEqual({
      nodes: [
        { host: "10.0.0.1", port: 7001 },
        { host: "10.0.0.2", port: 7002 },
      ],
      access: { tls: false },
    });
    expect(redisClusterFromEnv(env("rediss://app:p%40ss@redis-1.internal:7001,redis-2.internal:7002"))).toEqual({
      nodes: [
        { host: "redis-1.internal", port: 7001 },
        { host: "redis-2.internal", port: 7002 },
      ],
      access: { username: "app", password: "p@ss", tls: true },
    });
    expect(redisClusterFromEnv(env("redis://:secret@[::1]:7001,redis://:secret@[::1]"))).toEqual({
      nodes: [
        { host: "::1", port: 7001 },
        { host: "::1", port: 6379 },
      ],
      access: { password: "secret", tls: false },
    });
  });

  it("refuses entries that disagree on credentials or TLS, and never shows a password", () => {
    const fails = (nodes: string) => () =>
      redisClusterFromEnv({ REDIS_CLUSTER_NODES: nodes } as unknown as NodeJS.ProcessEnv);
    expect(fails("rediss://:one@a:7001,redis://:one@b:7002")).toThrow(/same ones/);
    expect(fails("redis://:one@a:7001,redis://:two@b:7002")).toThrow(/same ones/);
    for (const nodes of [
      "rediss://:hunter2@a:7001,redis://:other@b:7002",
      "rediss://:hunter2@a:7001/1",
      "redis://:hunter2@a:99999",
    ]) {
      expect(fails(nodes)).toThrow();
      expect(fails(nodes)).not.toThrow(/hunter2/);
    }
  });
});

describe("Redis key names", () => {
  it("tag a board's keys with its channel's name, and each limit window with its own", () => {
    expect(boardKeyTag("abc")).toBe("{driftless:board:abc}");
    expect(limitKey("actor:v1")).toBe("driftless:limit:{actor:v1}");
  });
});
