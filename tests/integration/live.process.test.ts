// Several real `next start` instances on one Postgres and one Redis: a change made through one
// reaches the streams of every other, in order and exactly once, whatever Redis does meanwhile.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type OwnRedis, ownRedis, type RunningServer, startServer } from "./servers";
import { range, StreamReader } from "./stream-client";

// With REDIS_CLUSTER_NODES set (.ci/run starts a cluster), the instances on the shared Redis use
// that cluster instead: the same suite runs over sharded pub/sub.
const { DATABASE_URL, REDIS_URL, REDIS_CLUSTER_NODES } = process.env;
const servers: RunningServer[] = [];
const readers: StreamReader[] = [];
let redis: OwnRedis | undefined;

afterAll(async () => {
  for (const reader of readers) reader.close();
  await Promise.all(servers.map((server) => server.stop()));
  await redis?.stop();
});

async function instances(count: number, env: Record<string, string>): Promise<RunningServer[]> {
  const cluster = env.REDIS_URL === REDIS_URL ? REDIS_CLUSTER_NODES : undefined;
  const started = await Promise.all(
    range(1, count).map(() =>
      startServer({ env: { DATABASE_URL: DATABASE_URL as string, REDIS_CLUSTER_NODES: cluster, ...env } }),
    ),
  );
  servers.push(...started);
  return started;
}

function reader(server: RunningServer, boardId: string, query = ""): StreamReader {
  const opened = new StreamReader(`${server.url}/api/boards/${boardId}/events${query}`);
  readers.push(opened);
  return opened;
}

async function createBoard(server: RunningServer, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, { method: "POST", body: JSON.stringify({ title }) });
  expect(response.status).toBe(201);
  return (await response.json()).boardId;
}

async function rename(server: RunningServer, boardId: string, title: string) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
    method: "POST",
    body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe.skipIf(!DATABASE_URL || !REDIS_URL)("live events across instances (Postgres + Redis)", () => {
  it("8 writers and 4 readers split over two instances: every reader sees 1..N once, in order", async () => {
    const [a, b] = await instances(2, { REDIS_URL: REDIS_URL as string, LIVE_CHECK_SECONDS: "600" });
    const boardId = await createBoard(a, "Two instances");
    const watching = [reader(a, boardId), reader(a, boardId), reader(b, boardId), reader(b, boardId)];
    await Promise.all(watching.map((watcher) => watcher.untilReady()));

    const perWriter = 25;
    await Promise.all(
      range(1, 8).map(async (writer) => {
        const via = writer % 2 === 0 ? a : b;
        for (let n = 1; n <= perWriter; n++) await rename(via, boardId, `writer ${writer} change ${n}`);
      }),
    );
    const head = 1 + 8 * perWriter;
    await Promise.all(watching.map((watcher) => watcher.untilVersion(head, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would have arrived by now
    for (const watcher of watching) expect(watcher.versions()).toEqual(range(1, head));

    const [fromA, fromB] = await Promise.all(
      [a, b].map(async (server) => (await fetch(`${server.url}/api/boards/${boardId}`)).json()),
    );
    expect(fromA.version).toBe(head);
    expect(fromB).toEqual(fromA);
  }, 120_000);

  it("streams unbuffered and uncompressed through next start", async () => {
    const [a] = await instances(1, { REDIS_URL: REDIS_URL as string });
    const boardId = await createBoard(a, "Raw");
    const abort = new AbortController();
    const response = await fetch(`${a.url}/api/boards/${boardId}/events`, {
      headers: { "accept-encoding": "gzip, br" },
      signal: abort.signal,
    });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const body = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("event: ready")) text += new TextDecoder().decode((await body.read()).value);
    await rename(a, boardId, "arrives while the stream is open");
    while (!text.includes("id: 2\n")) text += new TextDecoder().decode((await body.read()).value);
    expect(text).toContain("arrives while the stream is open");
    abort.abort();
  }, 60_000);

  it("Redis stops: writes still succeed, and after it restarts a reader on the other instance gets every event", async () => {
    redis = await ownRedis();
    // No periodic store check here: only the catch-up on reconnect can deliver what Redis missed.
    const [a, b] = await instances(2, { REDIS_URL: redis.url, LIVE_CHECK_SECONDS: "600" });
    const boardId = await createBoard(a, "Outage");
    const onB = reader(b, boardId);
    await onB.untilReady();
    await rename(a, boardId, "before the outage");
    await onB.untilVersion(2);

    await redis.stop();
    for (let n = 1; n <= 10; n++) await rename(a, boardId, `during the outage ${n}`);
    // Longer than a publish waits for Redis (3 s): these publishes are dropped, not sent late, so
    // only the catch-up after the reconnect can bring them to B.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(onB.last()).toBe(2); // nothing can reach B while the doorbell is down

    await redis.start();
    const restarted = Date.now();
    await onB.untilVersion(12, 10_000);
    expect(Date.now() - restarted).toBeLessThan(10_000);
    await rename(a, boardId, "after the outage");
    await onB.untilVersion(13);
    expect(onB.versions()).toEqual(range(1, 13));
  }, 120_000);

  it("replacing a read-only link through one instance ends its streams on the other and 404s it at once", async () => {
    const [a, b] = await instances(2, { REDIS_URL: REDIS_URL as string, LIVE_CHECK_SECONDS: "600" });
    const created = await fetch(`${a.url}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Shared" }) });
    const { boardId, viewToken } = await created.json();
    const onB = new StreamReader(`${b.url}/api/share/${viewToken}/events`);
    readers.push(onB);
    await onB.untilReady();

    const replaced = await fetch(`${a.url}/api/boards/${boardId}/share`, { method: "POST" });
    expect(replaced.status).toBe(200);
    const { viewToken: fresh } = await replaced.json();
    expect((await fetch(`${b.url}/api/share/${viewToken}`)).status).toBe(404);
    expect((await fetch(`${b.url}/api/share/${fresh}`)).status).toBe(200);
    // B ended the stream (bus message), and the browser's reconnect met a 404: EventSource gave up.
    await onB.until((reader) => reader.source.readyState === 2, { timeoutMs: 10_000, what: "the stream to close" });
    expect(await (await fetch(`${b.url}/api/share/${fresh}`)).text()).not.toContain(boardId);
  }, 60_000);

  it("an append that was never published reaches a reader within the store check interval", async () => {
    const [a] = await instances(1, { REDIS_URL: REDIS_URL as string, LIVE_CHECK_SECONDS: "1" });
    const boardId = await createBoard(a, "Lost publish");
    const watcher = reader(a, boardId);
    await watcher.untilReady();
    // Append version 2 straight into Postgres, as a command whose publish was lost would leave it.
    const sql = postgres(DATABASE_URL as string, { max: 1, prepare: process.env.DATABASE_PREPARE !== "false" });
    try {
      await sql.begin(async (tx) => {
        await tx`UPDATE boards SET version = 2 WHERE id = ${boardId} AND version = 1`;
        await tx`INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
                 VALUES (${boardId}, 2, 'BoardRenamed', 1, ${sql.json({ title: "Never published" })}, ${randomUUID()}, 'test', 'Test', now())`;
      });
    } finally {
      await sql.end();
    }
    const appended = Date.now();
    await watcher.untilVersion(2, 5000);
    expect(Date.now() - appended).toBeLessThan(3000);
    const seen = watcher.seen.at(-1);
    expect(seen?.kind === "event" && seen.event.data).toEqual({ title: "Never published" });
  }, 60_000);
});
