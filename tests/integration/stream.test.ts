import { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { closeHub, getHub } from "@/lib/server/live/hub";
import { clusterClient, redisClusterFromEnv } from "@/lib/server/redis-cluster-nodes";
import { command, createBoard, createBoardRaw, getLog, openEvents, readEvents, readSharedEvents, send } from "./api";
import { range } from "./stream-client";

// Short intervals so that pings and the lost-publish check are observable within a test.
process.env.SSE_PING_SECONDS = "0.3";
process.env.LIVE_CHECK_SECONDS = "0.5";

afterAll(async () => {
  await closeHub();
  await closeStore();
});

const rename = (title: string) => command("renameBoard", { title });

/** A board whose log holds versions 1..version. */
async function boardAt(version: number): Promise<string> {
  const boardId = await createBoard("Stream");
  for (let v = 2; v <= version; v++) await accepted(boardId, rename(`v${v}`));
  return boardId;
}

async function accepted(boardId: string, body: object) {
  const answer = await send(boardId, body);
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
  return answer.body;
}

/** Reads a raw stream body until `predicate` holds for the text so far (or the stream ends). */
async function readRaw(response: Response, predicate: (text: string) => boolean, timeoutMs = 5000) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const deadline = Date.now() + timeoutMs;
  while (!predicate(text) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
    ]);
    if (!chunk) break;
    if (chunk.done) {
      ended = true;
      break;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { text, ended, reader };
}

const activeTimeouts = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

describe("GET /api/boards/:boardId/events", () => {
  it("sends the catch-up in order, then ready with the head, then live events, each exactly once", async () => {
    const boardId = await boardAt(5);
    const reader = readEvents(boardId);
    await reader.untilReady();
    expect(reader.seen.map(({ kind, version }) => [kind, version])).toEqual([
      ["event", 1],
      ["event", 2],
      ["event", 3],
      ["event", 4],
      ["event", 5],
      ["ready", 5],
    ]);
    await accepted(boardId, rename("live 6"));
    await accepted(boardId, rename("live 7"));
    await reader.untilVersion(7);
    await new Promise((resolve) => setTimeout(resolve, 200)); // any duplicate would have arrived by now
    expect(reader.versions()).toEqual(range(1, 7));
    const live = reader.seen.at(-1);
    expect(live?.kind === "event" && live.event).toMatchObject({
      version: 7,
      type: "BoardRenamed",
      data: { title: "live 7" },
      actor: { id: expect.any(String), name: "Anonymous" },
      at: expect.any(String),
    });
    reader.close();
  });

  it("streams a long log in several reads, in one connection, without losing an event", async () => {
    const boardId = await createBoard("Long");
    // More events than one catch-up read takes (10,000), and more bytes in one read (~5 MB of
    // long non-Latin titles) than a slow client may have queued: written straight into the store.
    const store = await getStore();
    await store.query(
      `WITH head AS (UPDATE boards SET version = 10050 WHERE id = $1 RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT id, v, 'BoardRenamed', 1, jsonb_build_object('title', 'v' || v || ' ' || repeat('é', 150)),
              gen_random_uuid()::text, 'seed', 'Seed', now()
       FROM head, generate_series(2, 10050) AS v`,
      [boardId],
    );
    const reader = readEvents(boardId, "?after=100");
    await reader.untilReady(20_000);
    expect(reader.versions()).toEqual(range(101, 10050));
    expect(reader.seen.at(-1)).toEqual({ kind: "ready", version: 10050 });
    expect(reader.opens).toBe(1);
    reader.close();
  });

  it("sends each caught-up event exactly as the log answers it, whatever its text holds", async () => {
    const boardId = await createBoard("Text");
    for (const title of ['"Quoted" \\ back\\slash', "emoji 🎉 and ünïcödé", "it's <b>bold</b> & 100%", "</script>"]) {
      await accepted(boardId, rename(title));
    }
    const reader = readEvents(boardId);
    await reader.untilReady();
    const streamed = reader.seen.flatMap((entry) => (entry.kind === "event" ? [entry.event] : []));
    expect(streamed).toEqual((await getLog(boardId)).body.events);
    expect(streamed.at(-1)?.data).toEqual({ title: "</script>" });
    reader.close();
  });

  it("starts after ?after=N", async () => {
    const boardId = await boardAt(4);
    const reader = readEvents(boardId, "?after=2");
    await reader.untilReady();
    expect(reader.versions()).toEqual([3, 4]);
    reader.close();
  });

  it("resumes from Last-Event-ID, which wins over ?after", async () => {
    const boardId = await boardAt(6);
    const reader = readEvents(boardId, "?after=1", { "Last-Event-ID": "4" });
    await reader.untilReady();
    expect(reader.versions()).toEqual([5, 6]);
    reader.close();
  });

  it("says reset with the head when the client is ahead of the board, then carries on from the head", async () => {
    const boardId = await boardAt(3);
    const reader = readEvents(boardId, "?after=50");
    await reader.untilReady();
    expect(reader.seen.map(({ kind, version }) => [kind, version])).toEqual([
      ["reset", 3],
      ["ready", 3],
    ]);
    await accepted(boardId, rename("after reset"));
    await reader.untilVersion(4);
    expect(reader.versions()).toEqual([4]);
    reader.close();
  });

  it("answers with event-stream headers, a retry hint, and a ping comment while idle", async () => {
    const boardId = await boardAt(1);
    const abort = new AbortController();
    const response = await openEvents(boardId, "", {}, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const { text } = await readRaw(response, (sofar) => sofar.includes(": ping\n\n"));
    expect(text).toMatch(/^retry: \d+\n\n/);
    expect(text).toContain('event: ready\ndata: {"version":1}\n\n');
    expect(text).toContain(": ping\n\n");
    abort.abort();
  });

  it("answers 404 JSON for an unknown board and 400 for a position that is not a version (or past a Postgres integer)", async () => {
    const unknown = await openEvents("AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "rejected", code: "unknown_board" });
    const malformed = await openEvents("not-a-board");
    expect(malformed.status).toBe(404);
    const boardId = await boardAt(1);
    for (const [query, headers] of [
      ["?after=-1", {}],
      ["?after=abc", {}],
      ["", { "Last-Event-ID": "x1" }],
      // Past a Postgres integer: refused here, not failed in a query.
      ["", { "Last-Event-ID": "2147483648" }],
      ["", { "Last-Event-ID": "9999999999" }],
      ["?after=2147483648", {}],
    ] as const) {
      const bad = await openEvents(boardId, query, headers);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: "invalid", reason: expect.any(String) });
    }
  });

  it("ends on its own after SSE_MAX_SECONDS with a short retry hint", async () => {
    const boardId = await boardAt(1);
    process.env.SSE_MAX_SECONDS = "0.5";
    try {
      const response = await openEvents(boardId);
      const started = Date.now();
      const { text, ended } = await readRaw(response, () => false, 5000);
      expect(ended).toBe(true);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(text).toMatch(/retry: 250\n\n$/);
    } finally {
      delete process.env.SSE_MAX_SECONDS;
    }
  });

  it("loses and doubles nothing while streams are cut every half second and writes keep flowing", async () => {
    const boardId = await boardAt(1);
    process.env.SSE_MAX_SECONDS = "0.5";
    try {
      const reader = readEvents(boardId);
      await reader.untilReady();
      for (let v = 2; v <= 60; v++) {
        await accepted(boardId, rename(`v${v}`));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await reader.untilVersion(60);
      expect(reader.opens).toBeGreaterThan(2);
      expect(reader.versions()).toEqual(range(1, 60));
      reader.close();
    } finally {
      delete process.env.SSE_MAX_SECONDS;
    }
  });

  it("delivers an append whose announcement was lost, within the store check interval", async () => {
    const boardId = await boardAt(2);
    const reader = readEvents(boardId);
    await reader.untilReady();
    vi.spyOn(getHub(), "announce").mockImplementationOnce(() => {}); // the publish that never happened
    await accepted(boardId, rename("unannounced"));
    const sent = Date.now();
    await reader.untilVersion(3, 3000);
    expect(Date.now() - sent).toBeLessThan(2500); // check every 0.5 s here
    await accepted(boardId, rename("announced"));
    await reader.untilVersion(4);
    expect(reader.versions()).toEqual([1, 2, 3, 4]);
    reader.close();
  });

  it("releases every stream, timer and subscription: 1,000 opened and closed leave nothing behind", async () => {
    const hub = getHub();
    const boards = await Promise.all(range(1, 10).map(() => boardAt(2)));
    // Warm up (store pool, hub) and take the baseline with no stream open.
    const warm = readEvents(boards[0]);
    await warm.untilReady();
    warm.close();
    await vi.waitFor(() => expect(hub.stats().streams).toBe(0));
    const baseline = activeTimeouts();

    const readers = range(0, 999).map((index) => readEvents(boards[index % boards.length]));
    await Promise.all(readers.map((reader) => reader.untilReady(60_000)));
    expect(hub.stats()).toMatchObject({ streams: 1000, boards: 10, timers: 3 });
    expect(activeTimeouts()).toBeGreaterThanOrEqual(1000); // one lifetime timer per stream
    for (const reader of readers) reader.close();

    await vi.waitFor(() => expect(hub.stats()).toMatchObject({ streams: 0, boards: 0, timers: 0 }), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(activeTimeouts()).toBeLessThanOrEqual(baseline), { timeout: 10_000 });
    const clusterTarget = redisClusterFromEnv();
    if (clusterTarget) {
      // Sharded channels are counted by the master that owns each one's slot: ask every master.
      const cluster = clusterClient(clusterTarget);
      try {
        await new Promise((resolve) => cluster.once("ready", resolve));
        const channels = boards.map((id) => `driftless:board:${id}`);
        const counts = channels.map(() => 0);
        for (const master of cluster.nodes("master")) {
          const answer = (await master.call("PUBSUB", "SHARDNUMSUB", ...channels)) as (string | number)[];
          for (let index = 0; index < channels.length; index++) counts[index] += Number(answer[2 * index + 1]);
        }
        expect(counts).toEqual(boards.map(() => 0));
      } finally {
        cluster.disconnect();
      }
    } else if (process.env.REDIS_URL) {
      const redis = new Redis(process.env.REDIS_URL);
      try {
        const counts = (await redis.pubsub("NUMSUB", ...boards.map((id) => `driftless:board:${id}`))) as (
          | string
          | number
        )[];
        expect(counts.filter((_, index) => index % 2 === 1).map(Number)).toEqual(boards.map(() => 0));
      } finally {
        redis.disconnect();
      }
    }
  }, 120_000);

  it("releases a stream whose client left before it started", async () => {
    const hub = getHub();
    const boardId = await boardAt(1);
    const abort = new AbortController();
    abort.abort();
    const response = await openEvents(boardId, "", {}, abort.signal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.stats()).toMatchObject({ streams: 0, boards: 0, timers: 0 });
    await response.body?.cancel().catch(() => {});
  });

  it("releases a stream whose client leaves while it is catching up", async () => {
    const hub = getHub();
    const boardId = await boardAt(30);
    for (let n = 0; n < 20; n++) {
      const abort = new AbortController();
      const response = await openEvents(boardId, "", {}, abort.signal);
      setTimeout(() => abort.abort(), n % 5);
      await response.body?.cancel().catch(() => {});
    }
    await vi.waitFor(() => expect(hub.stats()).toMatchObject({ streams: 0, boards: 0, timers: 0 }));
  });
});

describe("GET /api/share/:viewToken/events", () => {
  it("streams the shared board's catch-up and live events, without the boardId", async () => {
    const created = await createBoardRaw({ title: "Shared" });
    const { boardId, viewToken } = created.body;
    const reader = readSharedEvents(viewToken);
    await reader.untilReady();
    await accepted(boardId, rename("Shared live"));
    await reader.untilVersion(2);
    expect(reader.versions()).toEqual([1, 2]);
    expect(JSON.stringify(reader.seen)).not.toContain(boardId);
    reader.close();
  });

  it("answers 404 for an unknown view token", async () => {
    const { GET } = await import("@/app/api/share/[viewToken]/events/route");
    const response = await GET(new Request("http://localhost:3000/api/share/AAAAAAAAAAAAAAAAAAAAAA/events"), {
      params: Promise.resolve({ viewToken: "AAAAAAAAAAAAAAAAAAAAAA" }),
    });
    expect(response.status).toBe(404);
  });
});
