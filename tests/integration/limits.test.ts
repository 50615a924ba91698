import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { closeHub } from "@/lib/server/live/hub";
import { awkwardTrelloBoard } from "../fixtures/trello";
import { command, createBoardRaw, getLog, importFile, openEvents, send, signedVisitor } from "./api";

// Small limits for this file only (read when the limiter is first used). Every test uses its own
// address, so files running at the same time on the same Redis do not share counts.
process.env.RATE_LIMIT_ACTOR_PER_MINUTE = "5";
process.env.RATE_LIMIT_IP_PER_MINUTE = "8";
process.env.RATE_LIMIT_BOARDS_PER_HOUR = "3";
process.env.SSE_MAX_PER_IP = "3";

afterAll(async () => {
  await closeHub();
  await closeStore();
});

const address = () =>
  `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
/** Headers of a request from `ip` (handlers called directly take X-Forwarded-For's last entry as the peer) by `visitor`. */
const as = (ip: string, visitor?: { cookie: string }) => ({
  "x-forwarded-for": `203.0.113.9, ${ip}`,
  ...(visitor ? { cookie: visitor.cookie } : {}),
});

/** A board made from an address of its own (boards per address are limited too). */
async function createBoard(title: string): Promise<string> {
  const created = await createBoardRaw({ title }, as(address()));
  expect(created.status).toBe(201);
  return created.body.boardId;
}

describe("rate limits", () => {
  it("answers 429 with Retry-After once an actor goes over its limit, and appends nothing for it", async () => {
    const boardId = await createBoard("Limited");
    const headers = as(address(), await signedVisitor());
    for (let n = 1; n <= 5; n++)
      expect((await send(boardId, command("renameBoard", { title: `ok ${n}` }), headers)).status).toBe(200);
    const refused = await send(boardId, command("renameBoard", { title: "one too many" }), headers);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: "rejected",
      code: "rate_limited",
      reason: expect.stringMatching(/try again/),
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await getLog(boardId)).body.version).toBe(6);
  });

  it("counts every valid command of a batch, and limits an address across actors", async () => {
    const boardId = await createBoard("Limited batch");
    const ip = address();
    const batch = (n: number) => ({
      commands: Array.from({ length: n }, (_, i) => command("renameBoard", { title: `b${i}` })),
    });
    expect((await send(boardId, batch(4), as(ip))).status).toBe(200); // actor 1: 4
    expect((await send(boardId, batch(4), as(ip))).status).toBe(200); // actor 2: 4, address: 8
    const third = await send(boardId, batch(1), as(ip)); // a third actor, same address: 9 > 8
    expect(third.status).toBe(429);
    expect((await send(boardId, batch(1), as(address()))).status).toBe(200); // another address is fine
  });

  it("charges only what passes validation: 1,300 junk entries cost nothing, nor do junk entries beside a valid command", async () => {
    const boardId = await createBoard("Junk");
    const ip = address();
    const visitor = await signedVisitor();
    // 2.6 KB of junk: refused whole, and the visitor it came with can still act.
    expect((await send(boardId, { commands: new Array(1300).fill(0) }, as(ip, visitor))).status).toBe(400);
    const mixed = (title: string) => ({
      commands: [command("renameBoard", { title }), ...new Array(20).fill({ type: "dropTable" })],
    });
    for (let n = 1; n <= 5; n++) expect((await send(boardId, mixed(`kept ${n}`), as(ip, visitor))).status).toBe(200);
    // Five valid commands: the visitor's limit (5) is reached now, not before.
    expect((await send(boardId, command("renameBoard", { title: "sixth" }), as(ip, visitor))).status).toBe(429);
  });

  it("limits how many boards one address creates", async () => {
    const ip = address();
    for (let n = 1; n <= 3; n++) expect((await createBoardRaw({ title: `B${n}` }, as(ip))).status).toBe(201);
    const refused = await createBoardRaw({ title: "B4" }, as(ip));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });

  it("counts an import against the boards one address may create (429 with Retry-After beyond)", async () => {
    const ip = address();
    expect((await createBoardRaw({ title: "B1" }, as(ip))).status).toBe(201);
    expect((await importFile(awkwardTrelloBoard().board, as(ip))).status).toBe(201);
    expect((await createBoardRaw({ title: "B3" }, as(ip))).status).toBe(201);
    const refused = await importFile(awkwardTrelloBoard().board, as(ip));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: "rate_limited", reason: expect.stringMatching(/new boards/) });
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await createBoardRaw({ title: "B4" }, as(ip))).status).toBe(429);
  });

  it("caps the streams one address holds open (429), and frees a place when one closes", async () => {
    const boardId = await createBoard("Streams");
    const ip = address();
    const aborts = [new AbortController(), new AbortController(), new AbortController()];
    const open = await Promise.all(aborts.map((abort) => openEvents(boardId, "", as(ip), abort.signal)));
    expect(open.map((response) => response.status)).toEqual([200, 200, 200]);
    const fourth = await openEvents(boardId, "", as(ip));
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get("retry-after")).toBe("10");
    expect((await openEvents(boardId, "", as(address()), new AbortController().signal)).status).toBe(200);
    aborts[0].abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = new AbortController();
    expect((await openEvents(boardId, "", as(ip), again.signal)).status).toBe(200);
    for (const abort of [...aborts, again]) abort.abort();
  });
});

describe.skipIf(!process.env.REDIS_URL)("rate limits shared through Redis by two instances", () => {
  it("let no more through than the limit, refuse at most a lease per instance early, and call Redis once per dozens of requests", async () => {
    const { Redis } = await import("ioredis");
    const { RateLimiter } = await import("@/lib/server/rate-limit");
    const { leaseCap } = await import("@/lib/server/rate-limit-leases");
    const redis = new Redis(process.env.REDIS_URL as string);
    const calls = async () => {
      const stats = await redis.info("commandstats");
      return (
        Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0) +
        Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0)
      );
    };
    // Two instances' limiters on one Redis: one visitor busy on both at once.
    const instances = [
      new RateLimiter(process.env.REDIS_URL, undefined),
      new RateLimiter(process.env.REDIS_URL, undefined),
    ];
    const limit = { name: "actor", max: 2000, windowMs: 60_000 };
    const key = `busy-${address()}`;
    const before = await calls();
    const passed = [0, 0];
    const open = [true, true];
    while (open[0] || open[1]) {
      await Promise.all(
        instances.map(async (limiter, index) => {
          if (!open[index]) return;
          const answers = await Promise.all(Array.from({ length: 8 }, () => limiter.take([[limit, key]])));
          for (const answer of answers) {
            if (answer.ok) passed[index]++;
            else open[index] = false;
          }
        }),
      );
    }
    const total = passed[0] + passed[1];
    expect(total).toBeLessThanOrEqual(2000);
    expect(total).toBeGreaterThanOrEqual(2000 - 2 * leaseCap(2000));
    expect(Math.min(...passed)).toBeGreaterThan(0);
    expect(await calls()).toBeLessThan(before + total / 20);
    redis.disconnect();
  });
});
