// Who a change is recorded as: the visitor's signed cookie, never an id a request merely names,
// and on each board a pseudonym of it that cannot be followed to other boards.
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeStore } from "@/db/store";
import { closeHub } from "@/lib/server/live/hub";
import { command, createBoard, getLog, send, signedVisitor } from "./api";

// A server component's cookies, as Next would hand them to `boardActorFor`.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
  headers: async () => new Headers(),
}));

afterAll(async () => {
  await closeHub();
  await closeStore();
});

/** The actor of the last event of a board. */
async function lastActor(boardId: string): Promise<{ id: string; name: string }> {
  return (await getLog(boardId)).body.events.at(-1).actor;
}

describe("the actor of a change", () => {
  it("POST /api/boards/:boardId/commands with an actor cookie the server did not sign runs as a new visitor, never as the one it names", async () => {
    const boardId = await createBoard();
    const editor = await signedVisitor();
    expect(
      (await send(boardId, command("renameBoard", { title: "by the editor" }), { cookie: editor.cookie })).status,
    ).toBe(200);
    const editorOnBoard = await lastActor(boardId);
    // What a viewer can read (the id events show), and the editor's raw id without its signature.
    for (const borrowed of [editorOnBoard.id, editor.id, `${editor.id}.${"A".repeat(43)}`]) {
      const answer = await send(boardId, command("renameBoard", { title: `borrowing ${borrowed}` }), {
        cookie: `driftless_actor=${borrowed}`,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("set-cookie")).toMatch(/^driftless_actor=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43};/);
      expect((await lastActor(boardId)).id).not.toBe(editorOnBoard.id);
    }
  });

  it("events carry a pseudonym per board: the same on one board, another on the next, never the cookie's id", async () => {
    const [first, second] = [await createBoard(), await createBoard()];
    const visitor = await signedVisitor();
    const as = { cookie: `${visitor.cookie}; driftless_name=Ada` };
    await send(first, command("renameBoard", { title: "one" }), as);
    const onFirst = await lastActor(first);
    const answer = await send(first, command("renameBoard", { title: "two" }), as);
    expect(answer.headers.get("set-cookie")).toBeNull(); // a known visitor keeps its cookie
    expect(await lastActor(first)).toEqual(onFirst);
    await send(second, command("renameBoard", { title: "elsewhere" }), as);
    const onSecond = await lastActor(second);
    expect(onFirst).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), name: "Ada" });
    expect(onSecond.id).not.toBe(onFirst.id);
    for (const id of [onFirst.id, onSecond.id]) {
      expect(id).not.toBe(visitor.id);
      expect(visitor.cookie).not.toContain(id);
    }
  });

  it("boardActorFor: a server component knows the visitor's actor on its board, the one the visitor's changes record", async () => {
    const { boardActorFor } = await import("@/lib/server/session");
    const boardId = await createBoard();
    const visitor = await signedVisitor();
    jar.set("driftless_actor", visitor.cookie.slice("driftless_actor=".length));
    jar.set("driftless_name", "Grace");
    const rendered = await boardActorFor(boardId);
    await send(boardId, command("renameBoard", { title: "by Grace" }), {
      cookie: `${visitor.cookie}; driftless_name=Grace`,
    });
    expect(rendered).toEqual(await lastActor(boardId));
    // A request without a cookie the server signed has no actor on the board yet.
    jar.set("driftless_actor", "made-up-0000000000000000");
    expect(await boardActorFor(boardId)).toBeUndefined();
  });
});
