// `npm run bench -- --only cluster` and `--only pooler`: Driftless on a real Redis Cluster (the
// one REDIS_CLUSTER_NODES names, or six nodes of its own), and Postgres through PgBouncer.
// The figures feed the README's Scale notes.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import postgres from "postgres";
import { canRunRedisCluster, startRedisCluster } from "../../fixtures/redis-cluster";
import { freePort, ROOT } from "../../integration/servers";
import { cleanup, quick, record } from "../context";
import { closedLoop, now, openRawStream } from "../lib";
import { appendDriftless, createBoard, driftless, writerCookie } from "../servers";

function connect(address: string): Redis {
  const [host, port] = address.split(":");
  const connection = new Redis({ host, port: Number(port) });
  cleanup.push(async () => connection.disconnect());
  return connection;
}

interface Master {
  readonly address: string;
  readonly from: number;
  readonly to: number;
}

async function masters(any: Redis): Promise<Master[]> {
  const slots = (await any.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
  return slots.map(([from, to, [host, port]]) => ({ address: `${host}:${port}`, from, to }));
}

async function ownerOf(any: Redis, all: Master[], channel: string): Promise<string> {
  const slot = Number(await any.call("CLUSTER", "KEYSLOT", channel));
  return (all.find((master) => master.from <= slot && slot <= master.to) as Master).address;
}

/** SPUBLISH calls and CPU seconds a node has spent so far. */
async function usage(node: Redis): Promise<{ spublish: number; cpu: number; memory: number }> {
  const stats = (await node.info("commandstats")) as string;
  const cpu = (await node.info("cpu")) as string;
  const memory = (await node.info("memory")) as string;
  const field = (text: string, name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(text)?.[1] ?? 0);
  return {
    spublish: Number(/cmdstat_spublish:calls=(\d+)/.exec(stats)?.[1] ?? 0),
    cpu: field(cpu, "used_cpu_user") + field(cpu, "used_cpu_sys"),
    memory: field(memory, "used_memory"),
  };
}

export async function benchCluster() {
  console.log("cluster");
  let nodes = process.env.REDIS_CLUSTER_NODES;
  if (!nodes) {
    if (!canRunRedisCluster) {
      console.log("  skipped: no REDIS_CLUSTER_NODES and no redis-server here");
      return;
    }
    const own = await startRedisCluster();
    cleanup.push(() => own.stop());
    nodes = own.nodes;
  }
  const any = connect(nodes.split(",")[0]);
  const all = await masters(any);
  const perMaster = new Map(all.map((master) => [master.address, connect(master.address)]));

  // Driftless: two instances on the cluster, writers on A, one reader per board on B.
  const env = { REDIS_CLUSTER_NODES: nodes, LIVE_CHECK_SECONDS: "600" };
  const [a, b] = await Promise.all([driftless(env), driftless(env)]);
  const boards = await Promise.all(Array.from({ length: 48 }, () => createBoard(a.url)));
  const owners = new Map<string, number>();
  for (const boardId of boards) {
    const owner = await ownerOf(any, all, `driftless:board:${boardId}`);
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  let delivered = 0;
  let ready = 0;
  const streams = boards.map((boardId) =>
    openRawStream(
      `${b.url}/api/boards/${boardId}/events`,
      () => delivered++,
      () => ready++,
    ),
  );
  cleanup.push(async () => {
    for (const stream of streams) stream.close();
  });
  while (ready < boards.length) await new Promise((resolve) => setTimeout(resolve, 20));
  // Each writer is a person with a cookie (one page visit, not timed).
  await Promise.all(Array.from({ length: 32 }, (_, writer) => writerCookie(a.url, writer)));
  const before = await Promise.all([...perMaster.values()].map(usage));
  const deliveredBefore = delivered;
  const started = now();
  const writers = await closedLoop(32, quick ? 2000 : 6000, (client) =>
    appendDriftless(a.url, boards[client % boards.length], client),
  );
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last events reach B
  const seconds = (now() - started) / 1000;
  const after = await Promise.all([...perMaster.values()].map(usage));
  const rates = after.map((end, index) => (end.spublish - before[index].spublish) / seconds);
  const cpus = after.map((end, index) => (100 * (end.cpu - before[index].cpu)) / seconds);
  record({
    workload: "cluster",
    figure: `32 writers on A over 48 boards (${[...owners.values()].join("/")} per master), one reader each on B: commands/s`,
    value: writers.perSecond,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "cluster",
    figure: "… events delivered to B's readers through the cluster, per s",
    value: (delivered - deliveredBefore) / seconds,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "cluster",
    figure: `… SPUBLISH/s on each master (${rates.map((rate) => Math.round(rate)).join(" / ")}), busiest`,
    value: Math.max(...rates),
    goal: "reference",
    pass: true,
  });
  record({
    workload: "cluster",
    figure: `… Redis CPU on each master, % of a core (${cpus.map((cpu) => cpu.toFixed(1)).join(" / ")}), busiest`,
    value: Math.max(...cpus),
    goal: "reference",
    pass: true,
  });

  // One shard's own ceiling: pipelined SPUBLISH of a 300-byte event to 1,000 channels of one
  // master, heard by two subscribers (two instances), no Driftless in between.
  const [first] = all;
  const channels: string[] = [];
  for (let n = 0; channels.length < 1000; n++) {
    const channel = `driftless:board:bench-${n}`;
    if ((await ownerOf(any, all, channel)) === first.address) channels.push(channel);
  }
  const subscribers = [connect(first.address), connect(first.address)];
  let heard = 0;
  const memoryBefore = (await usage(perMaster.get(first.address) as Redis)).memory;
  for (const subscriber of subscribers) {
    subscriber.on("smessage", () => heard++);
    for (let start = 0; start < channels.length; start += 100) {
      // One call may name many channels when they share a slot; here each is its own call.
      await Promise.all(channels.slice(start, start + 100).map((channel) => subscriber.ssubscribe(channel)));
    }
  }
  const memoryAfter = (await usage(perMaster.get(first.address) as Redis)).memory;
  const publisher = connect(first.address);
  const payload = JSON.stringify({ events: [{ version: 1, type: "BoardRenamed", data: { title: "x".repeat(200) } }] });
  const total = quick ? 50_000 : 200_000;
  const cpuBefore = (await usage(perMaster.get(first.address) as Redis)).cpu;
  const t0 = now();
  for (let sent = 0; sent < total; sent += 1000) {
    const pipeline = publisher.pipeline();
    for (let n = 0; n < 1000; n++) pipeline.spublish(channels[(sent + n) % channels.length], payload);
    await pipeline.exec();
  }
  while (heard < 2 * total && now() - t0 < 60_000) await new Promise((resolve) => setTimeout(resolve, 5));
  const shardSeconds = (now() - t0) / 1000;
  const cpuShard = (100 * ((await usage(perMaster.get(first.address) as Redis)).cpu - cpuBefore)) / shardSeconds;
  record({
    workload: "cluster",
    figure:
      "one shard, raw: 300-byte events published per s, each heard by 2 subscribers (load generator on the same 2 cores)",
    value: total / shardSeconds,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "cluster",
    figure: "… that shard's Redis CPU, % of a core",
    value: cpuShard,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "cluster",
    figure: "one shard: memory per board channel subscribed by one instance, bytes",
    value: (memoryAfter - memoryBefore) / (channels.length * subscribers.length),
    goal: "reference",
    pass: true,
  });
  await Promise.all([a.stop(), b.stop()]);
}

/** The append workload on Postgres directly (prepared statements on, then off) and through PgBouncer. */
export async function benchPooler() {
  console.log("pooler");
  const direct = new URL(process.env.DATABASE_URL as string);
  let pooled = process.env.PGBOUNCER_URL;
  if (!pooled) {
    const local = direct.hostname === "127.0.0.1" || direct.hostname === "localhost";
    const port = await freePort();
    const started =
      local &&
      spawnSync(`${ROOT}/.ci/pgbouncer`, ["start", String(port), direct.port || "5432"], { stdio: "inherit" })
        .status === 0;
    if (!started) {
      console.log("  skipped: no PGBOUNCER_URL, and no pgbouncer to start for this DATABASE_URL");
      return;
    }
    cleanup.push(async () => spawnSync(`${ROOT}/.ci/pgbouncer`, ["stop", String(port)]));
    const url = new URL(direct);
    url.port = String(port);
    pooled = url.toString();
  }
  const ms = quick ? 2000 : 6000;
  const variants: { label: string; env: Record<string, string> }[] = [
    { label: "Postgres directly, prepared statements", env: { DATABASE_PREPARE: "true" } },
    { label: "Postgres directly, DATABASE_PREPARE=false", env: { DATABASE_PREPARE: "false" } },
    {
      label: "through PgBouncer (transaction mode), DATABASE_PREPARE=false",
      env: { DATABASE_URL: pooled, DATABASE_MIGRATE_URL: direct.toString(), DATABASE_PREPARE: "false" },
    },
  ];
  let baseline: { perSecond: number; p99: number } | undefined;
  let bareBaseline: { perSecond: number } | undefined;
  for (const variant of variants) {
    const server = await driftless(variant.env);
    const boards = await Promise.all(Array.from({ length: 32 }, () => createBoard(server.url)));
    await Promise.all(Array.from({ length: 32 }, (_, writer) => writerCookie(server.url, writer)));
    const result = await closedLoop(32, ms, async (client) => {
      await appendDriftless(server.url, boards[client], client);
    });
    await server.stop();
    // The same append transaction from a bare postgres.js client with the same settings: what the
    // database side costs, without Next on the same cores.
    const sql = postgres(variant.env.DATABASE_URL ?? direct.toString(), {
      max: 32,
      prepare: variant.env.DATABASE_PREPARE !== "false",
      onnotice: () => {},
    });
    const bare = await closedLoop(32, ms, (client) => bareAppend(sql, boards[client]));
    await sql.end({ timeout: 5 });
    bareBaseline ??= bare;
    record({
      workload: "pooler",
      figure: `bare append transaction, 32 clients, 32 boards, ${variant.label}: transactions/s`,
      value: bare.perSecond,
      floor: bareBaseline.perSecond,
      ratio: bare.perSecond / bareBaseline.perSecond,
      goal: "reference",
      pass: true,
    });
    baseline ??= result;
    record({
      workload: "pooler",
      figure: `32 clients, 32 boards, ${variant.label}: commands/s`,
      value: result.perSecond,
      floor: baseline.perSecond,
      ratio: result.perSecond / baseline.perSecond,
      goal: "reference",
      pass: true,
    });
    record({
      workload: "pooler",
      figure: `32 clients, 32 boards, ${variant.label}: p99 ms`,
      value: result.p99,
      floor: baseline.p99,
      ratio: result.p99 / baseline.p99,
      goal: "reference",
      pass: true,
    });
  }
}

/** The append's transaction as the bench's floor runs it (read the head, insert, move the head, keep the outcome). */
async function bareAppend(sql: postgres.Sql, boardId: string) {
  const commandId = randomUUID();
  await sql.begin(async (tx) => {
    const [{ version }] = await tx`SELECT version FROM boards WHERE id = ${boardId} FOR UPDATE`;
    const next = version + 1;
    await tx`INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
             VALUES (${boardId}, ${next}, 'BoardRenamed', 1, ${sql.json({ title: `bare ${next}` })}, ${commandId}, 'bench', 'Bench', now())`;
    await tx`UPDATE boards SET version = ${next} WHERE id = ${boardId}`;
    await tx`INSERT INTO command_outcomes (command_id, board_id, outcome) VALUES (${commandId}, ${boardId}, ${sql.json({ status: "accepted", commandId, version: next })})`;
  });
}
