import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { command, createBoard, createBoardRaw, getLog, send } from "./api";

afterAll(closeStore);

describe("the edges of the POST routes", () => {
  it("POST /api/boards creates a board at version 1 with a view token", async () => {
    const answer = await createBoardRaw({ title: " Launch plan " });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      boardId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      viewToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      version: 1,
    });
    expect(answer.body.boardId).not.toBe(answer.body.viewToken);
    expect(answer.headers.get("set-cookie")).toMatch(/driftless_actor=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43};.*HttpOnly/);
    const log = await getLog(answer.body.boardId);
    expect(log.body.events[0]).toMatchObject({ version: 1, type: "BoardCreated", data: { title: "Launch plan" } });
  });

  it("POST /api/boards refuses a missing or too long title, and unknown fields", async () => {
    expect((await createBoardRaw({})).status).toBe(400);
    expect((await createBoardRaw({ title: "x".repeat(201) })).status).toBe(400);
    const extra = await createBoardRaw({ title: "ok", admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.reason).toContain("admin");
  });

  it("refuses a cross-site POST with 403 forbidden and appends nothing", async () => {
    const boardId = await createBoard();
    const answer = await send(boardId, command("renameBoard", { title: "Pwned" }), { origin: "https://evil.example" });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ status: "rejected", code: "forbidden" });
    expect((await createBoardRaw({ title: "x" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await send(boardId, command("renameBoard", { title: "x" }), { origin: "null" })).status).toBe(403);
    expect((await getLog(boardId)).body.version).toBe(1);
  });

  it("refuses what a browser says another site sent (Sec-Fetch-Site cross-site or same-site), and an Origin of another scheme", async () => {
    const boardId = await createBoard();
    const rename = () => command("renameBoard", { title: "Pwned" });
    const own = "http://localhost:3000";
    const elsewhere: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin: own },
      { "sec-fetch-site": "same-site", origin: own },
      { origin: "https://localhost:3000" }, // the same host over another scheme is another origin
    ];
    for (const headers of elsewhere) {
      expect((await send(boardId, rename(), headers)).status).toBe(403);
      expect((await createBoardRaw({ title: "x" }, headers)).status).toBe(403);
    }
    expect((await getLog(boardId)).body.version).toBe(1);
  });

  it("accepts what a browser says is same-origin, even when a proxy rewrote Host", async () => {
    const boardId = await createBoard();
    // nginx `proxy_set_header Host $host` on port 8080: Host lost the port the browser's Origin has.
    const headers = { "sec-fetch-site": "same-origin", origin: "http://localhost:8080", host: "localhost" };
    expect((await send(boardId, command("renameBoard", { title: "ok" }), headers)).status).toBe(200);
  });

  it("accepts a same-origin POST, a POST without Origin, and an origin listed in ALLOWED_ORIGINS", async () => {
    const boardId = await createBoard();
    expect(
      (await send(boardId, command("renameBoard", { title: "a" }), { origin: "http://localhost:3000" })).status,
    ).toBe(200);
    expect((await send(boardId, command("renameBoard", { title: "b" }))).status).toBe(200);
    process.env.ALLOWED_ORIGINS = "https://proxy.example, https://other.example";
    try {
      const answer = await send(boardId, command("renameBoard", { title: "c" }), { origin: "https://proxy.example" });
      expect(answer.status).toBe(200);
      // A browser says another site sent it, as every current browser does: listed, it passes;
      // another site, or no Origin to check the list against, does not.
      for (const site of ["cross-site", "same-site"]) {
        const listedSite = { "sec-fetch-site": site, origin: "https://other.example" };
        expect((await send(boardId, command("renameBoard", { title: site }), listedSite)).status).toBe(200);
        const unlisted = { "sec-fetch-site": site, origin: "https://evil.example" };
        expect((await send(boardId, command("renameBoard", { title: "x" }), unlisted)).status).toBe(403);
        expect((await send(boardId, command("renameBoard", { title: "x" }), { "sec-fetch-site": site })).status).toBe(
          403,
        );
      }
    } finally {
      delete process.env.ALLOWED_ORIGINS;
    }
  });

  it("answers 413 too_large for a body over 1 MB, whether or not it declares its length", async () => {
    const boardId = await createBoard();
    const huge = JSON.stringify({ commands: [command("renameBoard", { title: "x".repeat(1024 * 1024) })] });
    expect((await send(boardId, huge)).status).toBe(413);
    const streamed = new Request(`http://localhost:3000/api/boards/${boardId}/commands`, {
      method: "POST",
      body: new Blob([huge]).stream(),
      // @ts-expect-error Node's fetch needs duplex for a streamed body
      duplex: "half",
    });
    const { POST } = await import("@/app/api/boards/[boardId]/commands/route");
    const answer = await POST(streamed, { params: Promise.resolve({ boardId }) });
    expect(answer.status).toBe(413);
    expect((await answer.json()).code).toBe("too_large");
  });

  it("answers 400 invalid for malformed JSON, invalid UTF-8 and non-object bodies", async () => {
    const boardId = await createBoard();
    for (const body of ["{bad", "", "[]", "42", '"text"', "null"]) {
      const answer = await send(boardId, body);
      expect(answer.status, body).toBe(400);
      expect(answer.body.code).toBe("invalid");
    }
    const invalidUtf8 = new Request(`http://localhost:3000/api/boards/${boardId}/commands`, {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    const { POST } = await import("@/app/api/boards/[boardId]/commands/route");
    expect((await POST(invalidUtf8, { params: Promise.resolve({ boardId }) })).status).toBe(400);
    expect((await getLog(boardId)).body.version).toBe(1);
  });

  it("cuts a display name by characters: one whose 50th UTF-16 unit is half an emoji keeps the emoji whole", async () => {
    const boardId = await createBoard();
    const name = `${"a".repeat(49)}😀 and more`;
    const answer = await send(boardId, command("renameBoard", { title: "named" }), {
      cookie: `driftless_name=${encodeURIComponent(name)}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.events[0].actor.name).toBe(`${"a".repeat(49)}😀`);
  });

  it("never stores what Postgres cannot hold: NUL and lone surrogates in a title are invalid", async () => {
    const boardId = await createBoard();
    for (const title of ["a\u0000b", "a\ud800b", "line\nbreak"]) {
      const answer = await send(boardId, command("renameBoard", { title }));
      expect(answer.status).toBe(400);
    }
  });
});
