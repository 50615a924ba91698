// The key that signs actor cookies, across real `next start` processes: every instance of a
// deployment must accept the cookies of every other, and a restart must not forget them.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./servers";

const { DATABASE_URL } = process.env;
const servers: RunningServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serve(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ env: { LOG_LEVEL: "warn", ...env } });
  servers.push(server);
  return server;
}

/** The actor cookie a first page visit is given (proxy.ts), as a Cookie header. */
async function firstVisit(server: RunningServer): Promise<string> {
  const page = await fetch(`${server.url}/`);
  const cookie = page.headers.get("set-cookie")?.match(/^(driftless_actor=[^;]+)/)?.[1];
  expect(cookie).toBeDefined();
  return cookie as string;
}

async function createBoard(server: RunningServer): Promise<string> {
  const created = await fetch(`${server.url}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Keys" }) });
  return (await created.json()).boardId;
}

/** Renames the board as the visitor with `cookie`: whether the server gave a new cookie, and the actor recorded. */
async function renameAs(server: RunningServer, boardId: string, cookie: string) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
    method: "POST",
    headers: { cookie },
    body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: `renamed ${randomUUID()}` }),
  });
  const outcome = await response.json();
  expect(outcome.status).toBe("accepted");
  return { newCookie: response.headers.get("set-cookie"), actor: outcome.events[0].actor.id as string };
}

describe("the actor key", () => {
  it("the embedded default keeps it with its data: a cookie given before a restart is still the same visitor after", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "driftless-keys-"));
    dirs.push(dir);
    const env = { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite") };
    const before = await serve(env);
    const cookie = await firstVisit(before);
    const boardId = await createBoard(before);
    const first = await renameAs(before, boardId, cookie);
    expect(first.newCookie).toBeNull();
    await before.stop();
    const after = await serve(env);
    expect(await renameAs(after, boardId, cookie)).toEqual(first);
  }, 120_000);

  it.skipIf(!DATABASE_URL)(
    "instances on one Postgres share it: a cookie one gave counts on the other",
    async () => {
      const env = { DATABASE_URL: DATABASE_URL as string };
      const [a, b] = await Promise.all([serve(env), serve(env)]);
      const cookie = await firstVisit(a);
      const boardId = await createBoard(a);
      const viaA = await renameAs(a, boardId, cookie);
      expect(await renameAs(b, boardId, cookie)).toEqual(viaA);
    },
    120_000,
  );

  it("ACTOR_SECRET, set alike on instances with stores of their own, makes their cookies good on each other", async () => {
    const env = { DATABASE_URL: "", PGLITE_DIR: "memory://", ACTOR_SECRET: randomBytes(32).toString("base64") };
    const [a, b] = await Promise.all([serve(env), serve(env)]);
    const cookie = await firstVisit(a);
    expect((await renameAs(b, await createBoard(b), cookie)).newCookie).toBeNull();
    // Without the secret the other instance has a key of its own, and gives the visitor a new id.
    const other = await serve({ DATABASE_URL: "", PGLITE_DIR: "memory://" });
    expect((await renameAs(other, await createBoard(other), cookie)).newCookie).toMatch(/^driftless_actor=/);
  }, 120_000);
});
