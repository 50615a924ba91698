// Real `next start` instances on one Postgres and a real six-node Redis Cluster (three masters,
// three replicas): live events travel on sharded pub/sub, one channel per board, and a master's
// death loses and doubles nothing. Uses REDIS_CLUSTER_NODES when set (.ci/run starts one), else
// a cluster of its own; the failover test always kills a master of a cluster of its own.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { canRunRedisCluster, type RedisCluster, startRedisCluster } from "../fixtures/redis-cluster";
import { type RunningServer, startServer } from "./servers";
import { range, StreamReader } from "./stream-client";

const { DATABASE_URL, REDIS_CLUSTER_NODES } = process.env;
const servers: RunningServer[] = [];
const readers: StreamReader[] = [];
const clusters: RedisCluster[] = [];
const connections: Redis[] = [];

afterAll(async () => {
  for (const reader of readers) reader.close();
  await Promise.all(servers.map((server) => server.stop()));
  for (const connection of connections) connection.disconnect();
  for (const cluster of clusters) await cluster.stop();
});

async function instances(count: number, nodes: string): Promise<RunningServer[]> {
  const env = { DATABASE_URL: DATABASE_URL as string, REDIS_CLUSTER_NODES: nodes, LIVE_CHECK_SECONDS: "600" };
  // No periodic store check (600 s): only the bus, and the catch-up after it settles, deliver.
  const started = await Promise.all(range(1, count).map(() => startServer({ env })));
  servers.push(...started);
  return started;
}

function reader(server: RunningServer, boardId: string): StreamReader {
  const opened = new StreamReader(`${server.url}/api/boards/${boardId}/events`);
  readers.push(opened);
  return opened;
}

async function createBoard(server: RunningServer, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, { method: "POST", body: JSON.stringify({ title }) });
  expect(response.status).toBe(201);
  return (await response.json()).boardId;
}

/** Renames the board; answers the version it reached. */
async function rename(server: RunningServer, boardId: string, title: string): Promise<number> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
    method: "POST",
    body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.version;
}

function connect(address: string): Redis {
  const [host, port] = address.split(":");
  const connection = new Redis({ host, port: Number(port), lazyConnect: false });
  connections.push(connection);
  return connection;
}

/** The `host:port` of the master that owns each board's channel, asked of the cluster itself. */
async function channelOwners(nodes: string, boardIds: readonly string[]): Promise<Map<string, string>> {
  const any = connect(nodes.split(",")[0]);
  const slots = (await any.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
  const owners = new Map<string, string>();
  for (const boardId of boardIds) {
    const slot = Number(await any.call("CLUSTER", "KEYSLOT", `driftless:board:${boardId}`));
    const range = slots.find(([from, to]) => from <= slot && slot <= to);
    if (!range) throw new Error(`slot ${slot} is not served`);
    owners.set(boardId, `${range[2][0]}:${range[2][1]}`);
  }
  return owners;
}

/** Creates boards until every master owns the channels of `perMaster` of them. */
async function boardsOnEveryShard(server: RunningServer, nodes: string, perMaster: number) {
  const byMaster = new Map<string, string[]>();
  for (let attempt = 0; attempt < 100; attempt++) {
    const boardId = await createBoard(server, `Board ${attempt}`);
    const owner = (await channelOwners(nodes, [boardId])).get(boardId) as string;
    const owned = byMaster.get(owner) ?? [];
    if (owned.length < perMaster) owned.push(boardId);
    byMaster.set(owner, owned);
    if (byMaster.size === 3 && [...byMaster.values()].every((boards) => boards.length === perMaster)) break;
  }
  expect(byMaster.size).toBe(3);
  return byMaster;
}

describe.skipIf(!DATABASE_URL || (!REDIS_CLUSTER_NODES && !canRunRedisCluster))(
  "live events over a Redis Cluster (sharded pub/sub)",
  () => {
    it("writers spread over boards on all three shards, readers on two instances: each sees 1..N once, in order", async () => {
      let nodes = REDIS_CLUSTER_NODES;
      if (!nodes) {
        const own = await startRedisCluster();
        clusters.push(own);
        nodes = own.nodes;
      }
      const [a, b] = await instances(2, nodes);
      const byMaster = await boardsOnEveryShard(a, nodes, 2);
      const boards = [...byMaster.values()].flat();
      const watching = boards.flatMap((boardId) => [reader(a, boardId), reader(b, boardId)]);
      await Promise.all(watching.map((watcher) => watcher.untilReady()));

      // Each board's channel is subscribed by both instances, on the master that owns its slot.
      for (const [master, owned] of byMaster) {
        const counts = (await connect(master).call(
          "PUBSUB",
          "SHARDNUMSUB",
          ...owned.map((id) => `driftless:board:${id}`),
        )) as (string | number)[];
        expect(counts.filter((_, index) => index % 2 === 1).map(Number)).toEqual(owned.map(() => 2));
      }

      const perWriter = 10;
      await Promise.all(
        boards.flatMap((boardId) =>
          [a, b].map(async (via, writer) => {
            for (let n = 1; n <= perWriter; n++) await rename(via, boardId, `writer ${writer} change ${n}`);
          }),
        ),
      );
      const head = 1 + 2 * perWriter;
      await Promise.all(watching.map((watcher) => watcher.untilVersion(head, 20_000)));
      await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would have arrived by now
      for (const watcher of watching) expect(watcher.versions()).toEqual(range(1, head));
    }, 180_000);
  },
);

describe.skipIf(!DATABASE_URL || !canRunRedisCluster)("a Redis Cluster master dies mid-run", () => {
  it("its replica takes over; readers on two instances get every change once, in order, and the bus carries new ones again", async () => {
    const cluster = await startRedisCluster();
    clusters.push(cluster);
    const [a, b] = await instances(2, cluster.nodes);
    const byMaster = await boardsOnEveryShard(a, cluster.nodes, 2);
    const boards = [...byMaster.values()].flat();
    const onA = new Map(boards.map((boardId) => [boardId, reader(a, boardId)]));
    const onB = new Map(boards.map((boardId) => [boardId, reader(b, boardId)]));
    const watching = [...onA.values(), ...onB.values()];
    await Promise.all(watching.map((watcher) => watcher.untilReady()));
    const heads = new Map(boards.map((boardId) => [boardId, 1]));
    const write = async (via: RunningServer, boardId: string, title: string) => {
      const version = await rename(via, boardId, title);
      heads.set(boardId, Math.max(heads.get(boardId) as number, version));
    };

    // Boards on the other shards keep being written to throughout, through both instances.
    const [victim, victimBoards] = [...byMaster][0];
    const others = boards.filter((boardId) => !victimBoards.includes(boardId));
    let writing = true;
    const background = Promise.all(
      others.map(async (boardId, index) => {
        for (let n = 1; writing; n++) {
          await write(n % 2 === index % 2 ? a : b, boardId, `steady ${n}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    for (const boardId of victimBoards) await write(b, boardId, "before the crash");
    await Promise.all(victimBoards.map((boardId) => onA.get(boardId)?.untilVersion(heads.get(boardId) as number)));

    await cluster.crash(Number(victim.split(":")[1]));
    // Changes made while the replica takes over: their publishes fail or reach nobody. No later
    // change follows on these boards, so only the catch-up after the bus settles can bring them.
    let promoted = false;
    const promotion = cluster
      .untilHealthy({ replicas: 2 })
      .then(async () => {
        const masters = (await cluster.topology()).filter((node) => node.role === "master");
        expect(masters.map((node) => `127.0.0.1:${node.port}`)).not.toContain(victim);
        expect(masters).toHaveLength(3);
      })
      .finally(() => {
        promoted = true;
      });
    try {
      for (let n = 1; !promoted; n++) {
        for (const boardId of victimBoards) await write(n % 2 ? a : b, boardId, `during the failover ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await promotion;
    } finally {
      writing = false;
      await background;
    }

    for (const [boardId, head] of heads) {
      for (const watcher of [onA.get(boardId), onB.get(boardId)]) await watcher?.untilVersion(head, 30_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would have arrived by now
    for (const boardId of boards) {
      for (const watcher of [onA.get(boardId), onB.get(boardId)]) {
        expect(watcher?.versions()).toEqual(range(1, heads.get(boardId) as number));
      }
    }

    // After the failover the bus itself carries changes again, on the promoted replica too: the
    // bus has settled (2.5 s quiet) and the store check is 600 s away, so waiting less than a
    // settle period leaves only the bus to deliver.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    for (const boardId of boards) await write(a, boardId, "after the failover");
    for (const boardId of boards) await onB.get(boardId)?.untilVersion(heads.get(boardId) as number, 2000);
    for (const boardId of boards) expect(onB.get(boardId)?.versions()).toEqual(range(1, heads.get(boardId) as number));
  }, 240_000);
});
