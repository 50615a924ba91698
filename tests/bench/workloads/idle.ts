// Thousands of quiet streams on one instance: how fast they open, what each holds, that each still
// gets a live event, and what presence costs in Redis meanwhile.
import { Redis } from "ioredis";
import { ownRedis } from "../../integration/servers";
import { cleanup, quick, record } from "../context";
import { now, openRawStream, treeRssKilobytes } from "../lib";
import { appendDriftless, createBoard, driftless, floorServer, seedBoard, visitorCookie } from "../servers";

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

export async function benchIdle() {
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
