// Clients that open an event stream and never read it, against a real `next start`: raw sockets
// that send the GET, read their status line and nothing more. What is queued for them must stay
// bounded, and each counts against its address until its response has really ended.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@/db/client";
import { migrateStore } from "@/db/migrate";
import { type RunningServer, startServer } from "./servers";
import { StreamReader } from "./stream-client";

const { DATABASE_URL } = process.env;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const servers: RunningServer[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The store the server will use: this run's Postgres when there is one, else a PGlite folder of its own. */
function storeEnv(): Record<string, string> {
  if (DATABASE_URL) return { DATABASE_URL };
  const dir = mkdtempSync(path.join(tmpdir(), "driftless-slow-"));
  dirs.push(dir);
  return { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite") };
}

/** A board whose log holds `events` events of about 500 bytes each, written straight into the store. */
async function seedBoard(env: Record<string, string>, events: number): Promise<string> {
  const config = { databaseUrl: env.DATABASE_URL || undefined, pgliteDir: env.PGLITE_DIR };
  const store = await openStore(config);
  try {
    await migrateStore(store, config);
    const boardId = `slow${Math.random().toString(36).slice(2, 14)}`.padEnd(22, "x");
    await store.query(
      `WITH board AS (INSERT INTO boards (id, view_token, version) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT id, v, CASE WHEN v = 1 THEN 'BoardCreated' ELSE 'BoardRenamed' END, 1,
              jsonb_build_object('title', 'v' || v || ' ' || repeat('é', 160)),
              gen_random_uuid()::text, 'seed-actor-00000000000', 'Seed', now()
       FROM board, generate_series(1, $3::integer) AS v`,
      [boardId, boardId.replace("slow", "view"), events],
    );
    return boardId;
  } finally {
    await store.close();
  }
}

/** What the server can collect on demand: a full garbage collection on SIGUSR2 (collect-garbage.cjs). */
const COLLECTABLE = { NODE_OPTIONS: `--expose-gc --require ${path.join(import.meta.dirname, "collect-garbage.cjs")}` };

/**
 * The server's memory after a full garbage collection, in MB: resident (what the machine sees) and
 * held (the JS heap in use plus the buffers it points to: what the server keeps).
 */
async function memoryMb(server: RunningServer): Promise<{ rss: number; held: number }> {
  const reports = () =>
    server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("collected-garbage "));
  const before = reports().length;
  process.kill(server.process.pid as number, "SIGUSR2");
  while (reports().length === before) await settle(50);
  const { rss, held } = JSON.parse(reports()[before].slice("collected-garbage ".length));
  return { rss: rss / 2 ** 20, held: held / 2 ** 20 };
}

/** Sends the GET on a raw socket and answers its HTTP status; the socket never reads again. */
function neverReading(server: RunningServer, target: string, headers: Record<string, string> = {}): Promise<number> {
  return openNeverReading(server, target, headers).then(({ status }) => status);
}

function openNeverReading(
  server: RunningServer,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    sockets.push(socket);
    socket.once("error", reject);
    socket.once("connect", () => {
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${lines.join("")}\r\n`);
    });
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      resolve({ status: Number(chunk.toString("latin1").match(/^HTTP\/1\.1 (\d{3})/)?.[1]), socket });
    });
  });
}

describe("event streams of clients that never read", () => {
  it("60 sockets from one address that never read a 5 MB catch-up: at most SSE_MAX_PER_IP get a stream, the server's memory stays bounded, and the places come back once they close", async () => {
    const env = storeEnv();
    const boardId = await seedBoard(env, 10_000);
    const server = await startServer({ env: { ...env, ...COLLECTABLE, SSE_MAX_PER_IP: "50", LOG_LEVEL: "warn" } });
    servers.push(server);
    const target = `/api/boards/${boardId}/events`;

    // Warm up with one client that reads the whole catch-up, so that what follows measures streams.
    const warm = new StreamReader(`${server.url}${target}`);
    await warm.untilReady(30_000);
    warm.close();
    const before = await memoryMb(server);

    // One after another, so that each stream reads its own catch-up (none shares another's read).
    const statuses: number[] = [];
    for (let n = 0; n < 60; n++) statuses.push(await neverReading(server, target));
    await settle(2000);
    const after = await memoryMb(server);
    const grown = { rss: after.rss - before.rss, held: after.held - before.held };
    console.log(
      `slow readers: ${statuses.filter((status) => status === 200).length} of 60 let in; ` +
        `held +${grown.held.toFixed(0)} MB, resident +${grown.rss.toFixed(0)} MB`,
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    // 50 streams that each hold one 512 KB page: about 25 MB. (Each holding its whole 5 MB
    // catch-up, as before, is 250 MB and more.)
    expect(grown.held).toBeLessThan(100);
    expect(grown.rss).toBeLessThan(300);

    // The clients leave: their responses end, and their address may open streams again.
    for (const socket of sockets.splice(0)) socket.destroy();
    await settle(1000);
    const again = new StreamReader(`${server.url}${target}`);
    await again.untilReady(30_000);
    again.close();
  }, 180_000);

  it("a live stream whose client stops reading is cut once 4 MB wait for it: its place is given back, and its connection closed", async () => {
    const env = storeEnv();
    const boardId = await seedBoard(env, 1);
    const server = await startServer({
      env: {
        ...env,
        SSE_MAX_PER_IP: "1",
        RATE_LIMIT_ACTOR_PER_MINUTE: "1000000",
        RATE_LIMIT_IP_PER_MINUTE: "1000000",
        LOG_LEVEL: "warn",
      },
    });
    servers.push(server);
    const target = `/api/boards/${boardId}/events`;
    const { status, socket } = await openNeverReading(server, target);
    expect(status).toBe(200);

    /** Whether this address may open a stream now: it has one place (SSE_MAX_PER_IP=1). */
    const placeFree = async () => {
      const abort = new AbortController();
      const response = await fetch(`${server.url}${target}?after=1000000`, { signal: abort.signal });
      abort.abort();
      return response.status === 200;
    };
    expect(await placeFree()).toBe(false);

    // Live events of about 600 bytes each, 500 to a request, until the server gives up on the
    // client (the kernel's buffers fill first, then 4 MB wait in the server).
    let freed = false;
    for (let batch = 0; batch < 60 && !freed; batch++) {
      const commands = Array.from({ length: 500 }, (_, n) => ({
        commandId: randomUUID(),
        type: "renameBoard",
        title: `${batch}.${n} ${"é".repeat(190)}`,
      }));
      const response = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
        method: "POST",
        body: JSON.stringify({ commands }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      freed = await placeFree();
    }
    expect(freed).toBe(true);
    // The server dropped what was queued and closed the connection: a client that reads again gets
    // what was already on the way, then the connection's end, in the middle of the body (a
    // finished chunked body ends with an empty chunk).
    let tail = "";
    socket.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString("latin1")).slice(-16);
    });
    const closed = new Promise<boolean>((resolve) => socket.once("close", () => resolve(true)));
    socket.resume();
    expect(await Promise.race([closed, settle(30_000).then(() => false)])).toBe(true);
    expect(tail.endsWith("\r\n0\r\n\r\n")).toBe(false);
  }, 180_000);
});
