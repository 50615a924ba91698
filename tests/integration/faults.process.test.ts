// Faults injected into real processes: Postgres goes away and comes back; an instance is killed
// with streams open behind a load balancer.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  canRunOwnPostgres,
  type OwnPostgres,
  ownPostgres,
  type RunningServer,
  roundRobinProxy,
  startServer,
} from "./servers";
import { range, StreamReader } from "./stream-client";

const servers: RunningServer[] = [];
const readers: StreamReader[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const reader of readers) reader.close();
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  for (const cleanup of cleanups) await cleanup();
});

async function rename(base: string, boardId: string, title: string, commandId = randomUUID()) {
  const response = await fetch(`${base}/api/boards/${boardId}/commands`, {
    method: "POST",
    body: JSON.stringify({ commandId, type: "renameBoard", title }),
  });
  return { status: response.status, body: await response.json() };
}

describe.skipIf(!canRunOwnPostgres)("Postgres goes away", () => {
  it("commands answer 503 in words and health names the store; all resumes when it returns, without a restart", async () => {
    const postgres: OwnPostgres = await ownPostgres();
    cleanups.push(() => postgres.remove());
    const server = await startServer({ env: { DATABASE_URL: postgres.url } });
    servers.push(server);
    const created = await fetch(`${server.url}/api/boards`, {
      method: "POST",
      body: JSON.stringify({ title: "Fragile" }),
    });
    const { boardId } = await created.json();
    expect((await rename(server.url, boardId, "before")).status).toBe(200);

    await postgres.stop();
    const queued = randomUUID();
    const during = await rename(server.url, boardId, "while the store is down", queued);
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({
      status: "rejected",
      code: "unavailable",
      reason: expect.stringMatching(/store/),
    });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, failing: "store", store: "postgres" });

    await postgres.start();
    // The client keeps the command queued and sends it again: it is applied once, now.
    await expect
      .poll(async () => (await rename(server.url, boardId, "while the store is down", queued)).status, {
        timeout: 20_000,
      })
      .toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const board = await (await fetch(`${server.url}/api/boards/${boardId}`)).json();
    expect(board).toMatchObject({ version: 3, state: { title: "while the store is down" } });
  }, 120_000);
});

const { DATABASE_URL, REDIS_URL } = process.env;

describe.skipIf(!DATABASE_URL || !REDIS_URL)("an instance is killed", () => {
  it("clients behind a load balancer reconnect to the other instance and resume with no gap or duplicate", async () => {
    const env = { DATABASE_URL: DATABASE_URL as string, REDIS_URL: REDIS_URL as string, LIVE_CHECK_SECONDS: "2" };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a, b);
    const balancer = await roundRobinProxy([a.port, b.port]);
    cleanups.push(() => balancer.close());
    const created = await fetch(`${balancer.url}/api/boards`, {
      method: "POST",
      body: JSON.stringify({ title: "Survivor" }),
    });
    const { boardId } = await created.json();

    const watching = range(1, 4).map(() => new StreamReader(`${balancer.url}/api/boards/${boardId}/events`));
    readers.push(...watching);
    await Promise.all(watching.map((reader) => reader.untilReady()));

    // A writer that, like the outbox, sends each command until it gets an answer.
    const write = async (n: number) => {
      const commandId = randomUUID();
      for (;;) {
        const answer = await rename(balancer.url, boardId, `change ${n}`, commandId).catch(() => undefined);
        if (answer?.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    for (let n = 1; n <= 20; n++) await write(n);
    await a.stop("SIGKILL");
    for (let n = 21; n <= 40; n++) await write(n);

    const head = 41;
    await Promise.all(watching.map((reader) => reader.untilVersion(head, 20_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const reader of watching) expect(reader.versions()).toEqual(range(1, head));
    expect(watching.some((reader) => reader.opens > 1)).toBe(true); // someone really did reconnect
  }, 120_000);
});
