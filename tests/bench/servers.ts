// The servers a workload measures and the requests it sends: Driftless as `npm start` runs it
// (warmed), the bare floor servers, boards made through the API or seeded in the store, and a
// person's cookie and commands.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { EVENT_COLUMNS, EVENT_VALUES, eventRecordset, eventRow, snapshotJson } from "@/db/event-encoding";
import { type DomainEvent, emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import { freePort, ROOT, type RunningServer, startServer } from "../integration/servers";
import { cleanup, cpuProfileDir, DATABASE_URL, quick, REDIS_URL, sql } from "./context";
import { closedLoop } from "./lib";

export const serverEnv = {
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
export async function driftless(extra: Record<string, string> = {}): Promise<RunningServer> {
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const server = await startServer({
    command: [process.execPath, ...profile, path.join(ROOT, ".next/standalone/server.js")],
    portArgument: false,
    env: { ...serverEnv, NEXT_MANUAL_SIG_HANDLE: "true", KEEP_ALIVE_TIMEOUT: "65000", ...extra },
  });
  cleanup.push(() => server.stop());
  return server;
}

/** Writers of the append and closed-loop workloads: each one person with a cookie of their own. */
export const WRITERS = 32;

/**
 * A freshly started server, warmed as a running one is: its writers' first page visits, then
 * seconds of the requests the workloads send, so the JIT has compiled their paths before any is
 * timed (Next's paths take thousands of requests: the cheapest POST costs 6–8 ms of CPU at first
 * and 4–5 ms after a thousand here; the floor's few lines are warm within its first hundred).
 */
export async function warm(server: RunningServer): Promise<RunningServer> {
  await Promise.all(Array.from({ length: WRITERS }, (_, writer) => writerCookie(server.url, writer)));
  const boardId = await createBoard(server.url);
  await closedLoop(8, quick ? 3000 : 6000, async (writer) => {
    await appendDriftless(server.url, boardId, writer);
    await postInvalid(server.url, boardId);
    await getHealth(server.url);
  });
  return server;
}

export async function createBoard(base: string): Promise<string> {
  const response = await fetch(`${base}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Bench" }) });
  if (response.status !== 201)
    throw new Error(`creating a board answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { boardId: string }).boardId;
}

/**
 * A board made straight in the store, with `events` after its BoardCreated (and a snapshot when
 * asked): the rows and the snapshot in the app's own encoding (db/event-encoding.ts).
 */
export async function seedBoard(events: DomainEvent[], { snapshot = false } = {}): Promise<string> {
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

/**
 * A command from a person, as a browser sends it: with the visitor cookie its first page visit
 * got (the `writer`-th person of the bench on that server), so every command is one known
 * person's, counted against their rate limits, not a new visitor's each time.
 */
export async function appendDriftless(base: string, boardId: string, writer = 0) {
  const response = await fetch(`${base}/api/boards/${boardId}/commands`, {
    method: "POST",
    headers: { cookie: await writerCookie(base, writer) },
    body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: "bench" }),
  });
  if (response.status !== 200) throw new Error(`command answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { version: number };
}

export async function getHealth(base: string) {
  const response = await fetch(`${base}/api/health`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
}

export async function postInvalid(base: string, boardId: string) {
  const response = await fetch(`${base}/api/boards/${boardId}/commands`, { method: "POST", body: "{}" });
  await response.arrayBuffer();
  if (response.status !== 400) throw new Error(`an invalid command answered ${response.status}`);
}

/** The bare node:http server of tests/bench/floor-server.ts, on a free port. */
export async function floorServer(): Promise<{ url: string; pid: number }> {
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
export function floorPair(): Promise<{ url: string; pid: number }[]> {
  floorServers ??= (async () => [await floorServer(), await floorServer()])();
  return floorServers;
}

export const writerCookies = new Map<string, Promise<string>>();
/** The cookie of the bench's `writer`-th person on the server at `base` (one page visit each). */
export function writerCookie(base: string, writer: number): Promise<string> {
  const key = `${base} ${writer}`;
  let cookie = writerCookies.get(key);
  if (!cookie) {
    cookie = visitorCookie(base, `Writer ${writer}`);
    writerCookies.set(key, cookie);
  }
  return cookie;
}

/** A signed visitor's cookie, as a first page visit gets it. */
export async function visitorCookie(base: string, name: string): Promise<string> {
  const page = await fetch(`${base}/`);
  await page.arrayBuffer();
  const actor = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.startsWith("driftless_actor="));
  if (!actor) throw new Error("the start page set no actor cookie");
  return `${actor}; driftless_name=${encodeURIComponent(name)}`;
}
