// Presence across real `next start` instances on one Postgres and one Redis (README, "Presence"):
// people on different instances see each other, a closed stream leaves at once, and the people of
// an instance that was killed leave within 60 s.
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./servers";
import { StreamReader } from "./stream-client";

const { DATABASE_URL, REDIS_URL } = process.env;
const servers: RunningServer[] = [];
const readers: StreamReader[] = [];

afterAll(async () => {
  for (const reader of readers) reader.close();
  await Promise.all(servers.map((server) => server.stop()));
});

async function instances(count: number, env: Record<string, string> = {}): Promise<RunningServer[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () =>
      startServer({ env: { DATABASE_URL: DATABASE_URL as string, REDIS_URL: REDIS_URL as string, ...env } }),
    ),
  );
  servers.push(...started);
  return started;
}

/** A new visitor: the signed actor cookie a first request gets, with a name cookie. */
async function visitor(server: RunningServer, name: string): Promise<string> {
  const page = await fetch(`${server.url}/`, { redirect: "manual" });
  await page.arrayBuffer();
  const actor = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.startsWith("driftless_actor="));
  expect(actor, "the start page gives a first visit its actor cookie").toBeDefined();
  return `${actor}; driftless_name=${encodeURIComponent(name)}`;
}

/** A board page's stream of the visitor with `cookie`, on `server`. */
function presentOn(server: RunningServer, boardId: string, cookie: string): StreamReader {
  const reader = new StreamReader(`${server.url}/api/boards/${boardId}/events`, {
    fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, cookie } }),
  });
  readers.push(reader);
  return reader;
}

async function createBoard(server: RunningServer, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, { method: "POST", body: JSON.stringify({ title }) });
  expect(response.status).toBe(201);
  return (await response.json()).boardId;
}

describe.skipIf(!DATABASE_URL || !REDIS_URL)("presence across instances (Postgres + Redis)", () => {
  it("two people on two instances see each other on both, and a closed stream leaves both at once", async () => {
    const [a, b] = await instances(2);
    const boardId = await createBoard(a, "Two rooms");
    const ann = presentOn(a, boardId, await visitor(a, "Ann"));
    const bob = presentOn(b, boardId, await visitor(b, "Bob"));
    for (const reader of [ann, bob]) {
      await reader.untilPresence((presence) => presence.people.length === 2);
      expect(reader.names()).toEqual(["Ann", "Bob"]);
    }
    const closed = Date.now();
    ann.close();
    await bob.untilPresence((presence) => presence.people.length === 1, 5000);
    const leftAfterMs = Date.now() - closed;
    expect(bob.names()).toEqual(["Bob"]);
    console.log(`presence: a closed stream left the other instance's list after ${leftAfterMs} ms`);
    // "At once" is the close reaching the server (~0.4 s) and one round: never a TTL.
    expect(leftAfterMs).toBeLessThan(3000);
  }, 120_000);

  it("the people of an instance killed with SIGKILL leave the others' lists within 60 s (default TTL)", async () => {
    const [survivor, doomed] = await instances(2);
    const boardId = await createBoard(survivor, "Power cut");
    const ann = presentOn(survivor, boardId, await visitor(survivor, "Ann"));
    const bob = presentOn(doomed, boardId, await visitor(doomed, "Bob"));
    await ann.untilPresence((presence) => presence.people.length === 2);
    await bob.untilPresence((presence) => presence.people.length === 2);
    // Bob's stream stays open: the instance dies under it, with no chance to say he left.
    await doomed.stop("SIGKILL");
    const killed = Date.now();
    await ann.untilPresence((presence) => presence.people.length === 1, 60_000);
    const leftAfterMs = Date.now() - killed;
    expect(ann.names()).toEqual(["Ann"]);
    console.log(`presence: a killed instance's people left after ${leftAfterMs} ms`);
    expect(leftAfterMs).toBeLessThan(60_000);
  }, 150_000);
});
