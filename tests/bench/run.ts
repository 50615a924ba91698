// npm run bench [-- --quick] [-- --only fan-out,idle]: Driftless against a floor measured in the same run, on the same
// Postgres and Redis (DATABASE_URL, REDIS_URL), against `next start` on the current build.
// Prints a table (figure, floor, ratio, goal, pass) and writes tests/bench/results/latest.json.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { Redis } from "ioredis";
import postgres from "postgres";
import { EVENT_COLUMNS, EVENT_VALUES, eventRecordset, eventRow, snapshotJson } from "@/db/event-encoding";
import { boardReducer, eventsReceived, initialBoardState } from "@/lib/client/board-slice";
import { fold as foldText, matchingItems, NO_FILTER } from "@/lib/client/filter";
import { type Actor, type DomainEvent, emptyBoard, fold, type StoredEvent, stamped } from "@/lib/domain";
import { decideImport } from "@/lib/domain/import";
import { trelloBoard } from "../fixtures/trello";
import { freePort, ownRedis, ROOT, type RunningServer, startServer } from "../integration/servers";
import { type BenchContext, benchCluster, benchPooler } from "./cluster";
import { closedLoop, now, openRawStream, summary, treeCpuMs, treeRssKilobytes } from "./lib";

const quick = process.argv.includes("--quick");
/** `--readers 200,500,1000`: the fan-out sizes (default: 200 quick, else 200, 500 and 1,000). */
const readersArgument = process.argv.includes("--readers")
  ? process.argv[process.argv.indexOf("--readers") + 1].split(",").map(Number)
  : undefined;
/** BENCH_CPU_PROF=dir: the Driftless servers write V8 CPU profiles there when they stop. */
const cpuProfileDir = process.env.BENCH_CPU_PROF;
const WORKLOADS = [
  "client-fold",
  "filter",
  "append",
  "closed-loop",
  "catch-up",
  "fan-out",
  "render",
  "idle",
  "import",
  "cluster",
  "pooler",
] as const;
/** `--only a,b`: run those workloads (a partial run does not replace results/latest.json). */
const onlyArgument = process.argv[process.argv.indexOf("--only") + 1];
const only = process.argv.includes("--only") ? new Set(onlyArgument?.split(",")) : undefined;
for (const name of only ?? []) {
  if (!(WORKLOADS as readonly string[]).includes(name)) {
    console.error(`Unknown workload "${name}": one of ${WORKLOADS.join(", ")}.`);
    process.exit(1);
  }
}
const runs = (workload: (typeof WORKLOADS)[number]) => !only || only.has(workload);
const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.error("npm run bench needs DATABASE_URL and REDIS_URL (a real Postgres and Redis).");
  process.exit(1);
}
const sql = postgres(DATABASE_URL, { max: 40, onnotice: () => {} });
const cleanup: (() => Promise<unknown>)[] = [];

interface Row {
  workload: string;
  figure: string;
  value: number;
  floor?: number;
  ratio?: number;
  goal: string;
  pass: boolean;
}
const rows: Row[] = [];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function record(row: Omit<Row, "ratio"> & { ratio?: number }) {
  rows.push({
    ...row,
    value: round(row.value),
    floor: row.floor === undefined ? undefined : round(row.floor),
    ratio: row.ratio === undefined ? undefined : round(row.ratio, 2),
  });
  const last = rows[rows.length - 1];
  console.log(
    `  ${last.workload} · ${last.figure}: ${last.value}${last.floor !== undefined ? ` (floor ${last.floor}${last.ratio === undefined ? "" : `, ratio ${last.ratio}`})` : ""} ${last.pass ? "✓" : "✗"} ${last.goal}`,
  );
}

const serverEnv = {
  DATABASE_URL,
  REDIS_URL,
  LOG_LEVEL: "warn",
  RATE_LIMIT_ACTOR_PER_MINUTE: "100000000",
  RATE_LIMIT_IP_PER_MINUTE: "100000000",
  RATE_LIMIT_BOARDS_PER_HOUR: "100000000",
  SSE_MAX_PER_IP: "1000000",
  SSE_MAX_PER_INSTANCE: "1000000",
  SSE_MAX_SECONDS: "3600",
};

/** A Driftless instance as `npm start` and the README's Deploy section run it: the standalone server. */
async function driftless(extra: Record<string, string> = {}): Promise<RunningServer> {
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const server = await startServer({
    command: [process.execPath, ...profile, path.join(ROOT, ".next/standalone/server.js")],
    portArgument: false,
    env: { ...serverEnv, NEXT_MANUAL_SIG_HANDLE: "true", ...extra },
  });
  cleanup.push(() => server.stop());
  return server;
}

/** Writers of the append and closed-loop workloads: each one person with a cookie of their own. */
const WRITERS = 32;

/**
 * A freshly started server, warmed as a running one is: its writers' first page visits, then
 * seconds of the requests the workloads send, so the JIT has compiled their paths before any is
 * timed (Next's paths take thousands of requests: the cheapest POST costs 6–8 ms of CPU at first
 * and 4–5 ms after a thousand here; the floor's few lines are warm within its first hundred).
 */
async function warm(server: RunningServer): Promise<RunningServer> {
  await Promise.all(Array.from({ length: WRITERS }, (_, writer) => writerCookie(server.url, writer)));
  const boardId = await createBoard(server.url);
  await closedLoop(8, quick ? 3000 : 6000, async (writer) => {
    await appendDriftless(server.url, boardId, writer);
    await postInvalid(server.url, boardId);
    await getHealth(server.url);
  });
  return server;
}

async function createBoard(base: string): Promise<string> {
  const response = await fetch(`${base}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Bench" }) });
  return (await response.json()).boardId;
}

/**
 * A board made straight in the store, with `events` after its BoardCreated (and a snapshot when
 * asked): the rows and the snapshot in the app's own encoding (db/event-encoding.ts).
 */
async function seedBoard(events: DomainEvent[], { snapshot = false } = {}): Promise<string> {
  const boardId = randomBytes(16).toString("base64url");
  const actor = { id: "bench", name: "Bench" };
  const at = new Date().toISOString();
  const all = [{ type: "BoardCreated", data: { title: "Seeded" } } as DomainEvent, ...events].map(
    (event, index) => ({ ...event, version: index + 1, commandId: randomUUID(), actor, at }) as StoredEvent,
  );
  await sql`INSERT INTO boards (id, version, view_token) VALUES (${boardId}, ${all.length}, ${randomBytes(16).toString("base64url")})`;
  for (let start = 0; start < all.length; start += 5000) {
    const rows = all.slice(start, start + 5000).map(eventRow);
    await sql.unsafe(`INSERT INTO events (${EVENT_COLUMNS}) SELECT $1, ${EVENT_VALUES} FROM ${eventRecordset("$2")}`, [
      boardId,
      JSON.stringify(rows),
    ]);
  }
  if (snapshot) {
    const state = snapshotJson(fold(emptyBoard, all));
    await sql`INSERT INTO snapshots (board_id, version, state) VALUES (${boardId}, ${all.length}, ${sql.json(state as never)})`;
  }
  return boardId;
}

/** The append floor: the same transaction as a command, from a bare script. */
async function floorAppend(boardId: string) {
  const commandId = randomUUID();
  await sql.begin(async (tx) => {
    const [{ version }] = await tx`SELECT version FROM boards WHERE id = ${boardId} FOR UPDATE`;
    const next = version + 1;
    await tx`INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
             VALUES (${boardId}, ${next}, 'BoardRenamed', 1, ${sql.json({ title: `floor ${next}` })}, ${commandId}, 'floor', 'Floor', now())`;
    await tx`UPDATE boards SET version = ${next} WHERE id = ${boardId}`;
    await tx`INSERT INTO command_outcomes (command_id, board_id, outcome) VALUES (${commandId}, ${boardId}, ${sql.json({ status: "accepted", commandId, version: next })})`;
  });
}

/**
 * A command from a person, as a browser sends it: with the visitor cookie its first page visit
 * got (the `writer`-th person of the bench on that server), so every command is one known
 * person's, counted against their rate limits, not a new visitor's each time.
 */
async function appendDriftless(base: string, boardId: string, writer = 0) {
  const response = await fetch(`${base}/api/boards/${boardId}/commands`, {
    method: "POST",
    headers: { cookie: await writerCookie(base, writer) },
    body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: "bench" }),
  });
  if (response.status !== 200) throw new Error(`command answered ${response.status}`);
  return (await response.json()) as { version: number };
}

async function getHealth(base: string) {
  const response = await fetch(`${base}/api/health`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
}

async function postInvalid(base: string, boardId: string) {
  const response = await fetch(`${base}/api/boards/${boardId}/commands`, { method: "POST", body: "{}" });
  await response.arrayBuffer();
  if (response.status !== 400) throw new Error(`an invalid command answered ${response.status}`);
}

async function benchAppend(server: RunningServer) {
  console.log("append");
  const ms = quick ? 1500 : 6000;
  for (const boardsCount of quick ? [1] : [1, 32]) {
    const ours = await Promise.all(Array.from({ length: boardsCount }, () => createBoard(server.url)));
    const floors = await Promise.all(Array.from({ length: boardsCount }, () => seedBoard([])));
    for (const clients of [1, 8, 32]) {
      const mine = await closedLoop(clients, ms, (c) =>
        appendDriftless(server.url, ours[c % boardsCount], c).then(() => {}),
      );
      const floor = await closedLoop(clients, ms, (c) => floorAppend(floors[c % boardsCount]));
      const label = `${clients} client${clients > 1 ? "s" : ""}, ${boardsCount} board${boardsCount > 1 ? "s" : ""}`;
      const gated = clients >= 8;
      if (boardsCount === 1) {
        // The framework's own ceiling on this machine: Next's cheapest route that touches the store
        // (one `select 1`), at the same concurrency, against the same floor.
        const ceiling = await closedLoop(clients, ms, () => getHealth(server.url));
        const route = `${clients} client${clients > 1 ? "s" : ""}: GET /api/health (Next + one select)`;
        record({
          workload: "append",
          figure: `${route}, requests/s`,
          value: ceiling.perSecond,
          floor: floor.perSecond,
          ratio: ceiling.perSecond / floor.perSecond,
          goal: "reference",
          pass: true,
        });
        // The same route refusing an invalid command before the executor: Next's POST path, the
        // body, the rate limits — all of a command but its decision and its statement.
        const edge = await closedLoop(clients, ms, () => postInvalid(server.url, ours[0]));
        record({
          workload: "append",
          figure: `${clients} client${clients > 1 ? "s" : ""}: POST …/commands answered 400 before the executor, requests/s`,
          value: edge.perSecond,
          floor: floor.perSecond,
          ratio: edge.perSecond / floor.perSecond,
          goal: "reference",
          pass: true,
        });
        if (gated)
          record({
            workload: "append",
            figure: `${clients} clients, 1 board: commands/s against Next's cheapest POST (the 400 above)`,
            value: mine.perSecond,
            floor: edge.perSecond,
            ratio: mine.perSecond / edge.perSecond,
            goal: "≥ 0.9×",
            pass: mine.perSecond / edge.perSecond >= 0.9,
          });
        record({
          workload: "append",
          figure: `${route}, p99 ms`,
          value: ceiling.p99,
          floor: floor.p99,
          ratio: ceiling.p99 / floor.p99,
          goal: "reference",
          pass: true,
        });
      }
      record({
        workload: "append",
        figure: `${label}: commands/s`,
        value: mine.perSecond,
        floor: floor.perSecond,
        ratio: mine.perSecond / floor.perSecond,
        goal: gated ? "≥ 0.7×" : "—",
        pass: !gated || mine.perSecond / floor.perSecond >= 0.7,
      });
      record({
        workload: "append",
        figure: `${label}: p99 ms`,
        value: mine.p99,
        floor: floor.p99,
        ratio: mine.p99 / floor.p99,
        goal: gated ? "≤ 2×" : "—",
        pass: !gated || mine.p99 / floor.p99 <= 2,
      });
    }
  }
}

/**
 * Writers in a closed loop (each sends its next command when the last is answered), spread over
 * boards and over two instances: Driftless against the two bare floor servers doing the same
 * statement (tests/bench/floor-server.ts).
 */
async function benchClosedLoop(a: RunningServer, b: RunningServer) {
  console.log("closed loop");
  const writers = WRITERS;
  const boardsCount = 8;
  const ms = quick ? 2000 : 6000;
  const bases = [a.url, b.url];
  const ours = await Promise.all(Array.from({ length: boardsCount }, () => createBoard(a.url)));
  const floors = await floorPair();
  const floorBoards = await Promise.all(Array.from({ length: boardsCount }, () => seedBoard([])));
  const mine = await closedLoop(writers, ms, (w) =>
    appendDriftless(bases[w % 2], ours[w % boardsCount], w).then(() => {}),
  );
  const floor = await closedLoop(writers, ms, async (w) => {
    const response = await fetch(`${floors[w % 2].url}/append/${floorBoards[w % boardsCount]}`, { method: "POST" });
    await response.arrayBuffer();
  });
  record({
    workload: "closed loop",
    figure: `${writers} writers, ${boardsCount} boards, 2 instances: commands/s`,
    value: mine.perSecond,
    floor: floor.perSecond,
    ratio: mine.perSecond / floor.perSecond,
    goal: "≥ 0.5×",
    pass: mine.perSecond / floor.perSecond >= 0.5,
  });
  record({
    workload: "closed loop",
    figure: `${writers} writers, ${boardsCount} boards, 2 instances: p99 ms`,
    value: mine.p99,
    floor: floor.p99,
    ratio: mine.p99 / floor.p99,
    goal: "—",
    pass: true,
  });
}

/** Readers over `bases`, a writer at `rate`/s for `seconds`: delays from send to each reader's receipt. */
async function fanOut(
  bases: string[],
  eventsUrl: (base: string) => string,
  append: (base: string) => Promise<number>,
  readers: number,
  rate: number,
  seconds: number,
  /** The servers' processes, whose CPU time is counted while the changes flow. */
  serverPids: number[],
) {
  const seen: Map<number, number>[] = [];
  const orderOk: boolean[] = [];
  let ready = 0;
  const streams = Array.from({ length: readers }, (_, index) => {
    const arrivals = new Map<number, number>();
    seen.push(arrivals);
    orderOk.push(true);
    let last = 0;
    return openRawStream(
      eventsUrl(bases[index % bases.length]),
      (version, at) => {
        if (version <= last || arrivals.has(version)) orderOk[index] = false;
        last = version;
        arrivals.set(version, at);
      },
      () => ready++,
    );
  });
  while (ready < readers) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const arrivals of seen) arrivals.clear();
  const sent = new Map<number, number>();
  const total = rate * seconds;
  const cpuBefore = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
  const pending: Promise<void>[] = [];
  const started = now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    while (now() < due) await new Promise((resolve) => setTimeout(resolve, 1));
    const t0 = now();
    pending.push(append(bases[n % bases.length]).then((version) => void sent.set(version, t0)));
  }
  await Promise.all(pending);
  const deadline = now() + 15_000;
  while (now() < deadline && seen.some((arrivals) => [...sent.keys()].some((v) => !arrivals.has(v)))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpuMs = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) - cpuBefore;
  for (const stream of streams) stream.close();
  const delays: number[] = [];
  let missing = 0;
  for (const arrivals of seen) {
    for (const [version, t0] of sent) {
      const at = arrivals.get(version);
      if (at === undefined) missing++;
      else delays.push(at - t0);
    }
  }
  return {
    ...summary(delays),
    missing,
    disorder: orderOk.filter((ok) => !ok).length,
    cpuMicrosPerDelivery: (cpuMs * 1000) / Math.max(1, delays.length),
  };
}

/** The bare node:http server of tests/bench/floor-server.ts, on a free port. */
async function floorServer(): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [path.join(ROOT, "tests/bench/floor-server.ts"), String(port)],
    { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
  );
  cleanup.push(async () => void child.kill());
  await new Promise<void>((resolve) => child.stdout?.once("data", () => resolve()));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number };
}

let floorServers: Promise<{ url: string; pid: number }[]> | undefined;
/** Two floor instances, shared by the workloads that need them (each holds Postgres connections). */
function floorPair(): Promise<{ url: string; pid: number }[]> {
  floorServers ??= (async () => [await floorServer(), await floorServer()])();
  return floorServers;
}

/** Requests sent at `rate`/s for `seconds` over `bases`, no readers: the servers' CPU ms per request. */
async function pacedCpuMs(
  bases: string[],
  send: (base: string) => Promise<unknown>,
  rate: number,
  seconds: number,
  serverPids: number[],
): Promise<number> {
  const total = rate * seconds;
  const cpuBefore = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
  const pending: Promise<unknown>[] = [];
  const started = now();
  for (let n = 0; n < total; n++) {
    while (now() < started + (n * 1000) / rate) await new Promise((resolve) => setTimeout(resolve, 1));
    pending.push(send(bases[n % bases.length]));
  }
  await Promise.all(pending);
  return (serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) - cpuBefore) / total;
}

async function benchFanOut(a: RunningServer, b: RunningServer) {
  console.log("fan-out");
  const seconds = quick ? 2 : 5;
  const rate = 100;
  const floors = await floorPair();
  const pids = (servers: { pid: number }[]) => servers.map((server) => server.pid);
  const mineServers = [a, b].map((server) => ({ pid: server.process.pid as number }));
  {
    // What one change costs the servers before any reader, at the fan-out's pace: Next's cheapest
    // POST (the 400 of the append workload) against the floor's whole append. Every fan-out below
    // pays it once per change, so it bounds the CPU per delivered event where readers are few.
    const boardId = await createBoard(a.url);
    const floorBoard = await seedBoard([]);
    const edge = await pacedCpuMs(
      [a.url, b.url],
      (base) => postInvalid(base, boardId),
      rate,
      seconds,
      pids(mineServers),
    );
    const floorAppendCpu = await pacedCpuMs(
      floors.map((server) => server.url),
      async (base) => (await fetch(`${base}/append/${floorBoard}`, { method: "POST" })).arrayBuffer(),
      rate,
      seconds,
      pids(floors),
    );
    const command = await pacedCpuMs(
      [a.url, b.url],
      (base) => appendDriftless(base, boardId),
      rate,
      seconds,
      pids(mineServers),
    );
    record({
      workload: "fan-out",
      figure: `no readers, ${rate}/s: server CPU µs per POST answered 400 before the executor (Next's cheapest POST)`,
      value: edge * 1000,
      floor: floorAppendCpu * 1000,
      ratio: edge / floorAppendCpu,
      goal: "reference",
      pass: true,
    });
    record({
      workload: "fan-out",
      figure: `no readers, ${rate}/s: server CPU µs per command`,
      value: command * 1000,
      floor: floorAppendCpu * 1000,
      ratio: command / floorAppendCpu,
      goal: "reference",
      pass: true,
    });
  }
  for (const readers of readersArgument ?? (quick ? [200] : [200, 500, 1000])) {
    const boardId = await createBoard(a.url);
    const mine = await fanOut(
      [a.url, b.url],
      (base) => `${base}/api/boards/${boardId}/events`,
      async (base) => (await appendDriftless(base, boardId)).version,
      readers,
      rate,
      seconds,
      pids(mineServers),
    );
    const floorBoard = await seedBoard([]);
    const floor = await fanOut(
      floors.map((server) => server.url),
      (base) => `${base}/events/${floorBoard}`,
      async (base) =>
        ((await (await fetch(`${base}/append/${floorBoard}`, { method: "POST" })).json()) as { version: number })
          .version,
      readers,
      rate,
      seconds,
      pids(floors),
    );
    const figure = `${readers} readers / 2 instances, ${rate} cmd/s`;
    record({
      workload: "fan-out",
      figure: `${figure}: p50 ms`,
      value: mine.p50,
      floor: floor.p50,
      ratio: mine.p50 / floor.p50,
      goal: "≤ 2×",
      pass: mine.p50 / floor.p50 <= 2,
    });
    record({
      workload: "fan-out",
      figure: `${figure}: p99 ms`,
      value: mine.p99,
      floor: floor.p99,
      ratio: mine.p99 / floor.p99,
      goal: "≤ 1.5×",
      pass: mine.p99 / floor.p99 <= 1.5,
    });
    record({
      workload: "fan-out",
      figure: `${figure}: server CPU µs per delivered event`,
      value: mine.cpuMicrosPerDelivery,
      floor: floor.cpuMicrosPerDelivery,
      ratio: mine.cpuMicrosPerDelivery / floor.cpuMicrosPerDelivery,
      goal: "≤ 1.5×",
      pass: mine.cpuMicrosPerDelivery / floor.cpuMicrosPerDelivery <= 1.5,
    });
    record({
      workload: "fan-out",
      figure: `${figure}: events missed or out of order`,
      value: mine.missing + mine.disorder,
      floor: floor.missing + floor.disorder,
      goal: "0",
      pass: mine.missing + mine.disorder === 0,
    });
  }
}

/** Streams being opened at once by the idle workload. */
const OPENING = 500;

/**
 * Opens `count` streams to `url` and holds them: how many said ready within 120 s, how long that
 * took, the server's resident memory per open stream, and how many got the event `send` makes.
 */
async function holdStreams(
  url: string,
  count: number,
  pid: number,
  send: () => Promise<unknown>,
  {
    headers = () => ({}),
    idle = async () => {},
  }: {
    /** The headers of stream `index` (cookies: who is present). */
    headers?: (index: number) => Record<string, string>;
    /** Runs while every stream is open and quiet (a measure of what idle streams cost). */
    idle?: () => Promise<void>;
  } = {},
) {
  // Warm the path first, so the figure is the cost of a connection, not of the first one.
  const warm = openRawStream(
    url,
    () => {},
    () => {},
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  warm.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = treeRssKilobytes(pid);
  let ready = 0;
  let ended = 0;
  const got = new Set<number>();
  const streams: ReturnType<typeof openRawStream>[] = [];
  const opened = now();
  // At most OPENING connections in progress at once, as clients spread by their retry delays
  // arrive: 10,000 at the same instant overflow the listen backlog (511) and wait out TCP's SYN
  // retries, which measures the kernel, not the server.
  while (streams.length < count && now() - opened < 120_000) {
    while (streams.length < count && streams.length - ready - ended < OPENING) {
      const index = streams.length;
      const stream = openRawStream(
        url,
        () => got.add(index),
        () => ready++,
        headers(index),
      );
      stream.done.then(() => ended++);
      streams.push(stream);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  while (ready + ended < streams.length && now() - opened < 120_000)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (now() - opened) / 1000;
  const openedCount = ready;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const kilobytes = (treeRssKilobytes(pid) - before) / Math.max(1, openedCount);
  await idle();
  await send();
  const sent = now();
  while (got.size < count && now() - sent < 15_000) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const stream of streams) stream.close();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return { opened: openedCount, seconds, kilobytes, received: got.size };
}

/** People among the idle streams: each holds as many tabs (streams) as the others. */
const IDLE_PEOPLE = 100;
/** How long the idle streams are held quiet while presence's Redis commands are counted. */
const IDLE_QUIET_MS = 30_000;

/** Redis' per-command call counts (INFO commandstats). */
async function commandCounts(redis: Redis): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const line of (await redis.info("commandstats")).split("\n")) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) counts.set(match[1], Number(match[2]));
  }
  return counts;
}

/** What presence calls in Redis: its script, and the commands the script runs (README, "Presence"). */
const PRESENCE_COMMANDS = [
  "evalsha",
  "eval",
  "time",
  "zrangebyscore",
  "zrem",
  "hdel",
  "zadd",
  "hset",
  "zcard",
  "del",
  "pexpire",
  "hgetall",
];

function presenceCalls(before: Map<string, number>, after: Map<string, number>): { scripts: number; all: number } {
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  return {
    scripts: delta("evalsha") + delta("eval"),
    all: PRESENCE_COMMANDS.reduce((sum, name) => sum + delta(name), 0),
  };
}

const writerCookies = new Map<string, Promise<string>>();
/** The cookie of the bench's `writer`-th person on the server at `base` (one page visit each). */
function writerCookie(base: string, writer: number): Promise<string> {
  const key = `${base} ${writer}`;
  let cookie = writerCookies.get(key);
  if (!cookie) {
    cookie = visitorCookie(base, `Writer ${writer}`);
    writerCookies.set(key, cookie);
  }
  return cookie;
}

/** A signed visitor's cookie, as a first page visit gets it. */
async function visitorCookie(base: string, name: string): Promise<string> {
  const page = await fetch(`${base}/`);
  await page.arrayBuffer();
  const actor = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.startsWith("driftless_actor="));
  if (!actor) throw new Error("the start page set no actor cookie");
  return `${actor}; driftless_name=${encodeURIComponent(name)}`;
}

async function benchIdle() {
  console.log("idle streams");
  const count = quick ? 1000 : 10_000;
  // A Redis of the workload's own: its command counts are this instance's alone.
  const redis = await ownRedis();
  cleanup.push(() => redis.stop());
  const server = await driftless({ REDIS_URL: redis.url });
  const counter = new Redis(redis.url);
  cleanup.push(async () => counter.disconnect());
  const boardId = await createBoard(server.url);
  const cookies = await Promise.all(
    Array.from({ length: IDLE_PEOPLE }, (_, n) => visitorCookie(server.url, `Person ${n}`)),
  );
  const start = await commandCounts(counter);
  const started = now();
  let quiet = { scripts: 0, all: 0, seconds: 1 };
  const mine = await holdStreams(
    `${server.url}/api/boards/${boardId}/events?after=1`,
    count,
    server.process.pid as number,
    () => appendDriftless(server.url, boardId),
    {
      // Most streams are people's tabs (IDLE_PEOPLE people); every tenth is a script's, a viewer.
      headers: (index): Record<string, string> => (index % 10 === 9 ? {} : { cookie: cookies[index % IDLE_PEOPLE] }),
      idle: async () => {
        const before = await commandCounts(counter);
        const from = now();
        await new Promise((resolve) => setTimeout(resolve, quick ? 10_000 : IDLE_QUIET_MS));
        quiet = { ...presenceCalls(before, await commandCounts(counter)), seconds: (now() - from) / 1000 };
      },
    },
  );
  const whole = { ...presenceCalls(start, await commandCounts(counter)), seconds: (now() - started) / 1000 };
  await server.stop();
  counter.disconnect();
  await redis.stop();
  // Next's own ceiling: a route handler that only holds a stream (lib/server/stream-probe.ts).
  const probeServer = await driftless({ BENCH_PROBE_ROUTE: "1" });
  const probe = await holdStreams(
    `${probeServer.url}/api/probe/stream`,
    count,
    probeServer.process.pid as number,
    async () => {},
  );
  await probeServer.stop();
  // The floor: the same streams held by the bare node:http server (no framework in the way).
  const floor = await floorServer();
  const floorBoard = await seedBoard([]);
  const bare = await holdStreams(`${floor.url}/events/${floorBoard}`, count, floor.pid, () =>
    fetch(`${floor.url}/append/${floorBoard}`, { method: "POST" }).then((response) => response.arrayBuffer()),
  );
  record({
    workload: "idle",
    figure: `${count} streams: opened (ready) within 120 s`,
    value: mine.opened,
    floor: bare.opened,
    goal: `= ${count}`,
    pass: mine.opened === count,
  });
  record({
    workload: "idle",
    figure: `${count} streams: seconds to open them`,
    value: mine.seconds,
    floor: bare.seconds,
    ratio: mine.seconds / bare.seconds,
    goal: "—",
    pass: true,
  });
  record({
    workload: "idle",
    figure: `${count} streams: KB per open stream`,
    value: mine.kilobytes,
    floor: bare.kilobytes,
    ratio: mine.kilobytes / bare.kilobytes,
    goal: "< 50",
    pass: mine.kilobytes < 50,
  });
  record({
    workload: "idle",
    figure: `${count} streams: KB per open stream of a route handler that only holds it (Next's ceiling)`,
    value: probe.kilobytes,
    floor: bare.kilobytes,
    ratio: probe.kilobytes / bare.kilobytes,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "idle",
    figure: `${count} streams: open ones that received a live event`,
    value: mine.received,
    floor: bare.received,
    goal: "all open ones",
    pass: mine.received === mine.opened && mine.opened === count,
  });
  record({
    workload: "idle",
    figure: `${count} streams of ${IDLE_PEOPLE} people: presence Redis calls/s while quiet (scripts)`,
    value: quiet.scripts / quiet.seconds,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "idle",
    figure: `${count} streams of ${IDLE_PEOPLE} people: presence Redis commands/s while quiet (with the scripts' own)`,
    value: quiet.all / quiet.seconds,
    goal: "reference",
    pass: true,
  });
  record({
    workload: "idle",
    figure: `${count} streams: presence Redis commands/s over opening, quiet and closing`,
    value: whole.all / whole.seconds,
    goal: "reference",
    pass: true,
  });
}

async function benchCatchUp(server: RunningServer) {
  console.log("catch-up");
  const events: DomainEvent[] = Array.from({ length: 10_000 }, (_, n) => ({
    type: "BoardRenamed",
    data: { title: `title ${n}` },
  }));
  const boardId = await seedBoard(events);
  const runs = quick ? 3 : 7;
  const mine: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = now();
    await new Promise<void>((resolve) => {
      const stream = openRawStream(
        `${server.url}/api/boards/${boardId}/events?after=1`,
        () => {},
        () => {
          mine.push(now() - t0);
          stream.close();
          resolve();
        },
      );
    });
    const t1 = now();
    const rowsRead = await sql`SELECT * FROM events WHERE board_id = ${boardId} AND version > 1 ORDER BY version`;
    rowsRead.map((row) => `id: ${row.version}\ndata: ${JSON.stringify(row)}\n\n`).join("");
    raw.push(now() - t1);
  }
  const a = summary(mine).p50;
  const b = summary(raw).p50;
  record({
    workload: "catch-up",
    figure: "10,000 missed events: ms to ready",
    value: a,
    floor: b,
    ratio: a / b,
    goal: "≤ 1.5× and < 300 ms",
    pass: a / b <= 1.5 && a < 300,
  });
}

async function benchRender() {
  console.log("server render");
  const items = 2000;
  const total = quick ? 10_000 : 50_000;
  const events: DomainEvent[] = [
    { type: "ColumnAdded", data: { columnId: "column-bench-000000000001", title: "All", position: "a0" } },
  ];
  const labels = ["label-bench-000000000001", "label-bench-000000000002"];
  for (const [n, labelId] of labels.entries()) {
    events.push({ type: "LabelAdded", data: { labelId, name: `Label ${n}`, color: n === 0 ? "red" : "blue" } });
  }
  for (let n = 0; n < items; n++) {
    const itemId = `item-bench-${String(n).padStart(12, "0")}`;
    events.push({
      type: "ItemAdded",
      data: {
        itemId,
        columnId: "column-bench-000000000001",
        title: `Item ${n}`,
        position: `a${String(n).padStart(5, "0")}`,
      },
    });
    // A quarter of the items have details: a description, the labels and a checklist of five.
    if (n % 4 !== 0) continue;
    events.push({ type: "ItemDescribed", data: { itemId, description: `What item ${n} is about.\nA second line.` } });
    for (const labelId of labels) events.push({ type: "ItemLabeled", data: { itemId, labelId } });
    for (let e = 0; e < 5; e++) {
      const entryId = `entry-bench-${String(n * 5 + e).padStart(12, "0")}`;
      events.push({ type: "ChecklistEntryAdded", data: { itemId, entryId, text: `Step ${e + 1}`, position: `a${e}` } });
    }
  }
  while (events.length < total - 1) {
    const n = events.length % items;
    events.push({
      type: "ItemTitleUpdated",
      data: { itemId: `item-bench-${String(n).padStart(12, "0")}`, newTitle: `Item ${n} v${events.length}` },
    });
  }
  const withSnapshot = await seedBoard(events, { snapshot: true });
  const withoutSnapshot = await seedBoard(events);
  // No in-memory cache: every request reads the store, as the first one after a restart does.
  const server = await driftless({ BOARD_CACHE_SIZE: "0" });
  const requests = quick ? 8 : 30;
  for (const [label, boardId] of [
    ["with snapshots", withSnapshot],
    ["without snapshots", withoutSnapshot],
  ] as const) {
    for (const route of [`/b/${boardId}`, `/api/boards/${boardId}`]) {
      // Untimed first: the JIT compiles the route's code within its first requests (the cache
      // stays off, so each timed request still reads the board from the store).
      for (let n = 0; n < 5; n++) await (await fetch(`${server.url}${route}`)).arrayBuffer();
      const times: number[] = [];
      for (let n = 0; n < requests; n++) {
        const t0 = now();
        const response = await fetch(`${server.url}${route}`);
        await response.arrayBuffer();
        times.push(now() - t0);
      }
      const { p50, p99 } = summary(times);
      const page = route.startsWith("/b/") ? "GET /b/:id" : "GET /api/boards/:id";
      const gated = label === "with snapshots" && page === "GET /b/:id";
      record({
        workload: "render",
        figure: `${page} ${label} (${items} items, ${total} events): p50 ms`,
        value: p50,
        goal: gated ? "< 100" : "—",
        pass: !gated || p50 < 100,
      });
      record({ workload: "render", figure: `${page} ${label}: p99 ms`, value: p99, goal: "—", pass: true });
    }
  }
}

/**
 * A full GC, so that a timing does not pay for garbage made before it. The client-fold events are
 * built just before they are folded and are still young: whichever side is timed first would pay
 * for promoting them (a major GC of ~100 ms at 100,000 events, more than the whole fold).
 */
/**
 * The import floors: the same rows written by a bare postgres.js script, with the board row, in
 * the ways a script would write many rows at once — one INSERT … SELECT from a JSON parameter
 * (jsonb_to_recordset) in a transaction, the same with the board row in one statement, and
 * multi-row INSERT … VALUES in chunks (a statement takes at most 65,535 parameters: 7,000 rows of
 * 9). Each serialises its own rows. The fastest is the floor.
 */
async function floorImports(events: readonly StoredEvent[]) {
  const json = async () => {
    const boardId = randomBytes(16).toString("base64url");
    const rows = events.map((e) => ({
      version: e.version,
      type: e.type,
      schema_version: 1,
      data: e.data,
      command_id: e.commandId,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      at: e.at,
    }));
    await sql.begin(async (tx) => {
      await tx`INSERT INTO boards (id, view_token, version) VALUES (${boardId}, ${randomBytes(16).toString("base64url")}, ${events.length})`;
      await tx.unsafe(
        `INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
         SELECT $1, e.version, e.type, e.schema_version, e.data, e.command_id, e.actor_id, e.actor_name, e.at
         FROM jsonb_to_recordset($2::text::jsonb) AS e(version integer, type text, schema_version smallint, data jsonb,
           command_id text, actor_id text, actor_name text, at timestamptz)`,
        [boardId, JSON.stringify(rows)],
      );
    });
  };
  // The board row and the events in one statement: no BEGIN/COMMIT round trips at all.
  const statement = async () => {
    const rows = events.map((e) => ({
      version: e.version,
      type: e.type,
      schema_version: 1,
      data: e.data,
      command_id: e.commandId,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      at: e.at,
    }));
    await sql.unsafe(
      `WITH board AS (INSERT INTO boards (id, view_token, version) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT board.id, e.version, e.type, e.schema_version, e.data, e.command_id, e.actor_id, e.actor_name, e.at
       FROM board, jsonb_to_recordset($4::text::jsonb) AS e(version integer, type text, schema_version smallint, data jsonb,
         command_id text, actor_id text, actor_name text, at timestamptz)`,
      [
        randomBytes(16).toString("base64url"),
        randomBytes(16).toString("base64url"),
        events.length,
        JSON.stringify(rows),
      ],
    );
  };
  const values = async () => {
    const boardId = randomBytes(16).toString("base64url");
    await sql.begin(async (tx) => {
      await tx`INSERT INTO boards (id, view_token, version) VALUES (${boardId}, ${randomBytes(16).toString("base64url")}, ${events.length})`;
      for (let start = 0; start < events.length; start += 7000) {
        const chunk = events.slice(start, start + 7000).map((e) => ({
          board_id: boardId,
          version: e.version,
          type: e.type,
          schema_version: 1,
          data: e.data as never,
          command_id: e.commandId,
          actor_id: e.actor.id,
          actor_name: e.actor.name,
          at: e.at,
        }));
        await tx`INSERT INTO events ${tx(chunk)}`;
      }
    });
  };
  return { json, statement, values };
}

/**
 * Median ms of `times` runs of `work`, after two untimed runs (a fresh server's first imports run
 * cold code). Runs are a second apart, on both sides: an import writes its board's snapshot after
 * it answers, and that write must not land on the next run's clock.
 */
async function medianMs(times: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  await work();
  const taken: number[] = [];
  for (let n = 0; n < times; n++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const t0 = now();
    await work();
    taken.push(now() - t0);
  }
  return summary(taken).p50;
}

async function benchImport() {
  console.log("import");
  const server = await driftless();
  const stamp = {
    actor: { id: "bench-importer-0001", name: "Bench" },
    at: new Date().toISOString(),
    commandId: randomUUID(),
  };
  const trello = JSON.stringify(trelloBoard({ seed: 2026, cards: 1_000, actions: 5_000, lists: 8 }));
  const trelloEvents = decideImport(JSON.parse(trello), stamp);
  if (!trelloEvents.ok) throw new Error(trelloEvents.reason);
  const total = quick ? 10_000 : 50_000;
  const [first] = FOLD_ACTORS;
  const opening: StoredEvent[] = (
    [
      { type: "BoardCreated", data: { title: "Fold" } },
      { type: "ColumnAdded", data: { columnId: "column-fold-00000000001", title: "All", position: "a0" } },
      { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
    ] as DomainEvent[]
  ).map(
    (event, index) =>
      ({
        version: index + 1,
        ...event,
        commandId: randomUUID(),
        actor: first,
        at: "2026-01-01T00:00:00.000Z",
      }) as StoredEvent,
  );
  // The client-fold events, with positions made as decide makes them (the fold never reads them;
  // an import checks each is an order key).
  const itemKeys = generateNKeysBetween(null, null, 2000);
  const lastEntry = new Map<string, string>();
  const logEvents = [...opening, ...foldEvents(total - opening.length)].map((event) => {
    if (event.type === "ItemAdded") {
      return { ...event, data: { ...event.data, position: itemKeys[Number(event.data.itemId.slice(-12))] } };
    }
    if (event.type === "ChecklistEntryAdded") {
      const position = generateKeyBetween(lastEntry.get(event.data.itemId) ?? null, null);
      lastEntry.set(event.data.itemId, position);
      return { ...event, data: { ...event.data, position } };
    }
    return event;
  }) as StoredEvent[];
  const exported = JSON.stringify({
    format: "driftless-board",
    formatVersion: 1,
    title: "Fold",
    version: logEvents.length,
    exportedAt: new Date().toISOString(),
    events: logEvents,
  });
  const runsEach = quick ? 3 : 7;
  for (const [label, text, events] of [
    [
      `Trello file, 1,000 cards, 5,000 actions (${trelloEvents.events.length.toLocaleString("en-US")} events)`,
      trello,
      trelloEvents.events,
    ],
    [`Driftless export, ${total.toLocaleString("en-US")} events`, exported, logEvents],
  ] as const) {
    const driftlessMs = await medianMs(runsEach, async () => {
      const response = await fetch(`${server.url}/api/boards/import`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      const body = (await response.json()) as { version?: number; reason?: string };
      if (response.status !== 201) throw new Error(`import answered ${response.status}: ${body.reason}`);
      if (body.version !== events.length) throw new Error(`import wrote ${body.version} events, not ${events.length}`);
    });
    const floors = await floorImports(events);
    const jsonMs = await medianMs(runsEach, floors.json);
    const statementMs = await medianMs(runsEach, floors.statement);
    const valuesMs = await medianMs(runsEach, floors.values);
    const floor = Math.min(jsonMs, statementMs, valuesMs);
    console.log(
      `  (floors: INSERT … SELECT from JSON ${round(jsonMs)} ms, the same and the board row in one statement ${round(statementMs)} ms, INSERT … VALUES in chunks ${round(valuesMs)} ms; a ${(text.length / 2 ** 20).toFixed(1)} MB file)`,
    );
    record({
      workload: "import",
      figure: `${label}: ms to 201`,
      value: driftlessMs,
      floor,
      ratio: driftlessMs / floor,
      goal: "≤ 3×",
      pass: driftlessMs / floor <= 3,
    });
  }
}

function settleHeap() {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

const FOLD_LABEL = "label-fold-000000000001";
const FOLD_ACTORS: Actor[] = ["Ana", "Ben", "Cleo"].map((name) => ({ id: `actor-${name}-fold00000`, name }));

/**
 * The client fold's events after the 2,000 items are added: v1 changes (rename, complete/reopen)
 * mixed with v2 details (description, label on/off, checklist entry added then ticked, comment,
 * due date), an item chosen by a stride so consecutive events touch different items, by three
 * people taking turns every ten events. Each event has its own actor object, as parsed JSON does.
 */
function foldEvents(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  const completed = new Set<number>();
  const labelled = new Set<number>();
  const unchecked = new Map<number, string[]>();
  for (let n = 0; n < count; n++) {
    const k = n < 2000 ? n : (n * 7) % 2000;
    const itemId = `item-fold-${String(k).padStart(12, "0")}`;
    let event: DomainEvent;
    if (n < 2000) {
      event = {
        type: "ItemAdded",
        data: {
          itemId,
          columnId: "column-fold-00000000001",
          title: `I${n}`,
          position: `a${String(n).padStart(5, "0")}`,
        },
      };
    } else {
      const kind = n % 8;
      const open = unchecked.get(k) ?? [];
      if (kind === 0) event = { type: "ItemTitleUpdated", data: { itemId, newTitle: `I${n}` } };
      else if (kind === 1) {
        event = { type: completed.has(k) ? "ItemReopened" : "ItemCompleted", data: { itemId } };
        if (completed.has(k)) completed.delete(k);
        else completed.add(k);
      } else if (kind === 2) event = { type: "ItemDescribed", data: { itemId, description: `About ${n}.\nMore.` } };
      else if (kind === 3) {
        event = { type: labelled.has(k) ? "ItemUnlabeled" : "ItemLabeled", data: { itemId, labelId: FOLD_LABEL } };
        if (labelled.has(k)) labelled.delete(k);
        else labelled.add(k);
      } else if (kind === 4 || (kind === 5 && open.length === 0)) {
        const entryId = `entry-fold-${String(n).padStart(12, "0")}`;
        event = {
          type: "ChecklistEntryAdded",
          data: { itemId, entryId, text: `Step ${n}`, position: `a${String(n).padStart(6, "0")}` },
        };
        unchecked.set(k, [...open, entryId]);
      } else if (kind === 5) {
        event = { type: "ChecklistEntryChecked", data: { itemId, entryId: open[0] } };
        unchecked.set(k, open.slice(1));
      } else if (kind === 6) {
        event = {
          type: "ItemCommented",
          data: { itemId, commentId: `comment-fold-${String(n).padStart(12, "0")}`, text: `Comment ${n}` },
        };
      } else event = { type: "ItemDueSet", data: { itemId, due: `2027-0${1 + (n % 9)}-1${n % 10}` } };
    }
    const { id, name } = FOLD_ACTORS[Math.floor(n / 10) % FOLD_ACTORS.length];
    events.push({
      version: n + 4,
      ...event,
      commandId: randomUUID(),
      actor: { id, name },
      at: "2026-01-01T00:00:00.000Z",
    } as StoredEvent);
  }
  return events;
}

interface FloorItem {
  title: string;
  completed: boolean;
  description: string;
  due: string | null;
  labels: string[];
  checklist: { entryId: string; text: string; done: boolean }[];
  comments: { commentId: string; text: string; author: Actor; at: string }[];
}

/** The floor: the same events folded into mutable Maps, in place, with no copy and no history. */
function floorFold(events: readonly StoredEvent[]) {
  const items = new Map<string, FloorItem>();
  const members = new Map<string, string>();
  for (const event of events) {
    const data = event.data as { itemId: string } & Record<string, string>;
    const item = items.get(data.itemId) as FloorItem;
    switch (event.type) {
      case "ItemAdded":
        items.set(data.itemId, {
          title: data.title,
          completed: false,
          description: "",
          due: null,
          labels: [],
          checklist: [],
          comments: [],
        });
        break;
      case "ItemTitleUpdated":
        item.title = data.newTitle;
        break;
      case "ItemCompleted":
      case "ItemReopened":
        item.completed = event.type === "ItemCompleted";
        break;
      case "ItemDescribed":
        item.description = data.description;
        break;
      case "ItemDueSet":
        item.due = data.due;
        break;
      case "ItemLabeled":
        item.labels.push(data.labelId);
        break;
      case "ItemUnlabeled":
        item.labels.splice(item.labels.indexOf(data.labelId), 1);
        break;
      case "ChecklistEntryAdded":
        item.checklist.push({ entryId: data.entryId, text: data.text, done: false });
        break;
      case "ChecklistEntryChecked":
        (item.checklist.find((entry) => entry.entryId === data.entryId) as { done: boolean }).done = true;
        break;
      case "ItemCommented":
        item.comments.push({ commentId: data.commentId, text: data.text, author: event.actor, at: event.at });
        break;
      default:
        throw new Error(`the floor does not fold ${event.type}`);
    }
    if (members.get(event.actor.id) !== event.actor.name) members.set(event.actor.id, event.actor.name);
  }
  return items;
}

/**
 * Search as a person types it on a board of 5,000 items (a quarter with a description, labels and
 * comments): the filter's computation per keystroke, each prefix of a query in turn. Measured warm
 * (an item's words are folded once per item object and kept) and cold (the first keystroke after
 * every item changed). The floor is a bare loop over the same items' words, already lower-cased, with
 * `includes` — the least a search over that text can do. The columns' rendering is not in it.
 */
function benchFilter() {
  console.log("filter");
  const ITEMS = 5_000;
  const column = "column-filter-000000001";
  const events: DomainEvent[] = [
    { type: "BoardCreated", data: { title: "Filter" } },
    { type: "ColumnAdded", data: { columnId: column, title: "All", position: "a0" } },
    { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
  ];
  const words = ["report", "invoice", "design", "launch", "review", "budget", "hiring", "travel", "offsite", "roadmap"];
  for (let n = 0; n < ITEMS; n++) {
    const itemId = `item-filter-${String(n).padStart(12, "0")}`;
    events.push({
      type: "ItemAdded",
      data: { itemId, columnId: column, title: `${words[n % 10]} ${words[(n * 3) % 10]} #${n}`, position: `a${n}` },
    });
    if (n % 4 === 0) {
      events.push(
        {
          type: "ItemDescribed",
          data: {
            itemId,
            description: `Notes on the ${words[(n * 7) % 10]} for quarter ${n % 4}.\nSee the shared folder.`,
          },
        },
        { type: "ItemLabeled", data: { itemId, labelId: FOLD_LABEL } },
        {
          type: "ItemCommented",
          data: {
            itemId,
            commentId: `comment-filter-${String(n).padStart(10, "0")}`,
            text: `Quarterly ${words[n % 10]} is due`,
          },
        },
      );
    }
  }
  const board = fold(emptyBoard, stamped(events, FOLD_ACTORS[0], "2026-12-01T09:00:00.000Z"));
  const query = "quarterly report";
  const keystrokes = Array.from({ length: query.length }, (_, n) => query.slice(0, n + 1));
  const context = { me: FOLD_ACTORS[0], today: "2026-12-01" };
  const typeAll = (state: typeof board) => {
    for (const q of keystrokes) matchingItems(state, { ...NO_FILTER, q }, context);
  };
  // The floor's words: the same text, joined and folded once, outside the timing.
  const texts = [...board.items.values()].map((item) =>
    foldText([item.title, item.description, ...item.comments.map((comment) => comment.text)].join("\n")),
  );
  const floorAll = () => {
    for (const q of keystrokes) {
      const terms = foldText(q).split(/\s+/).filter(Boolean);
      const kept: number[] = [];
      for (let index = 0; index < texts.length; index++)
        if (terms.every((term) => texts[index].includes(term))) kept.push(index);
    }
  };
  const perKeystroke = (run: () => void, samples: number) => {
    settleHeap();
    const warmUntil = now() + 300;
    while (now() < warmUntil) run();
    return summary(
      Array.from({ length: samples }, () => {
        const t0 = now();
        run();
        return (now() - t0) / keystrokes.length;
      }),
    );
  };
  const warm = perKeystroke(() => typeAll(board), quick ? 10 : 30);
  const floor = perKeystroke(floorAll, quick ? 10 : 30);
  // Cold: a board whose every item is a new object (as after a reload), the first keystroke on it.
  const cold = summary(
    Array.from({ length: quick ? 5 : 15 }, () => {
      const fresh = fold(emptyBoard, stamped(events, FOLD_ACTORS[0], "2026-12-01T09:00:00.000Z"));
      const t0 = now();
      matchingItems(fresh, { ...NO_FILTER, q: "q" }, context);
      return now() - t0;
    }),
  );
  for (const [figure, value, floorValue] of [
    ["p50", warm.p50, floor.p50],
    ["p99", warm.p99, floor.p99],
  ] as const) {
    record({
      workload: "filter",
      figure: `${ITEMS.toLocaleString("en-US")} items, ms per keystroke, ${figure}`,
      value,
      floor: floorValue,
      ratio: value / floorValue,
      goal: "< 16 ms",
      pass: value < 16,
    });
  }
  record({
    workload: "filter",
    figure: `${ITEMS.toLocaleString("en-US")} items, first keystroke after every item changed, p50 ms`,
    value: cold.p50,
    goal: "< 16 ms",
    pass: cold.p50 < 16,
  });
}

function benchClientFold() {
  console.log("client fold");
  for (const count of quick ? [10_000, 50_000] : [10_000, 100_000]) {
    const base = fold(emptyBoard, [
      { type: "BoardCreated", data: { title: "Fold" } },
      { type: "ColumnAdded", data: { columnId: "column-fold-00000000001", title: "All", position: "a0" } },
      { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
    ]);
    const events = foldEvents(count);
    // The slice, in the batches the connection makes (a burst arrives ~100 events per fold).
    const sliceFold = () => {
      let state = initialBoardState({ boardId: "fold-board-00000000000", version: 3, state: base });
      for (let start = 0; start < events.length; start += 100)
        state = boardReducer(state, eventsReceived(events.slice(start, start + 100)));
      if (state.version !== count + 3) throw new Error("the slice did not fold every event");
    };
    // The floor: a mutable Map fold of the same events.
    const mapFold = () => floorFold(events);
    // Each side on its own: a full GC (nothing left over from building the events or from the
    // other side), a moment of untimed runs so that its code is optimised (the two-line Map loop
    // is at once, the fold's dozens of functions only after many batches), then the median of
    // timed runs (one run of 10,000 events lasts a few milliseconds). Each run pays for its own
    // garbage, as the page would.
    const rate = (fold: () => void) => {
      settleHeap();
      const warmUntil = now() + 300;
      while (now() < warmUntil) fold();
      const rates = Array.from({ length: quick ? 5 : 9 }, () => {
        const t0 = now();
        fold();
        return count / ((now() - t0) / 1000);
      });
      return summary(rates).p50;
    };
    const slice = rate(sliceFold);
    const floor = rate(mapFold);
    record({
      workload: "client fold",
      figure: `${count.toLocaleString("en-US")} events, v1 and v2 mixed: events/s`,
      value: slice,
      floor,
      ratio: slice / floor,
      goal: "≥ 200,000/s and ≥ 0.2×",
      pass: slice >= 200_000 && slice / floor >= 0.2,
    });
  }
}

try {
  console.log(
    `Driftless benchmarks${quick ? " (quick)" : ""} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  if (runs("client-fold")) benchClientFold();
  if (runs("filter")) benchFilter();
  if (runs("append") || runs("closed-loop") || runs("catch-up") || runs("fan-out")) {
    const a = await warm(await driftless());
    if (runs("append")) await benchAppend(a);
    if (runs("catch-up")) await benchCatchUp(a);
    if (runs("closed-loop") || runs("fan-out")) {
      const b = await warm(await driftless());
      if (runs("closed-loop")) await benchClosedLoop(a, b);
      if (runs("fan-out")) await benchFanOut(a, b);
    }
  }
  if (runs("render")) await benchRender();
  if (runs("idle")) await benchIdle();
  if (runs("import")) await benchImport();
  const context: BenchContext = { quick, record, driftless, createBoard, cleanup };
  if (runs("cluster")) await benchCluster(context);
  if (runs("pooler")) await benchPooler(context);
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  await sql.end({ timeout: 5 });
}

const table = [
  "| workload | figure | Driftless | floor | ratio | goal | |",
  "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.workload} | ${row.figure} | ${row.value} | ${row.floor ?? "—"} | ${row.ratio ?? "—"} | ${row.goal} | ${row.pass ? "pass" : "FAIL"} |`,
  ),
].join("\n");
console.log(`\n${table}\n`);
const gated = rows.filter((row) => row.goal !== "—" && row.goal !== "reference");
console.log(`${gated.filter((row) => row.pass).length} of ${gated.length} goals hold.`);
if (!only)
  writeFileSync(
    path.join(ROOT, "tests/bench/results/latest.json"),
    `${JSON.stringify({ at: new Date().toISOString(), quick, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, rows }, null, 2)}\n`,
  );
process.exit(0);
