// Creating a board is a command (README, "HTTP API"): decided, written through the board writer,
// recorded under its commandId, announced; a client-made boardId lets a device create one offline
// and replay it.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeStore } from "@/db/store";
import { submitCommand, submitCreation } from "@/lib/server/board-writer";
import { command, createBoardRaw, getBoard, getLog, newId, readEvents, send } from "./api";

afterAll(closeStore);

const clientBoardId = () => randomBytes(16).toString("base64url");

describe("POST /api/boards", () => {
  it("creates a board under the client's boardId and commandId, as version 1 with its event", async () => {
    const boardId = clientBoardId();
    const commandId = randomUUID();
    const created = await createBoardRaw({ title: "Made offline", boardId, commandId });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ boardId, viewToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), version: 1 });
    const log = await getLog(boardId);
    expect(log.body.events).toEqual([
      expect.objectContaining({ version: 1, type: "BoardCreated", data: { title: "Made offline" }, commandId }),
    ]);
    expect((await getBoard(boardId)).body.state.title).toBe("Made offline");
  });

  it("answers the same pair again with its outcome and duplicate: true, appending nothing", async () => {
    const boardId = clientBoardId();
    const commandId = randomUUID();
    const first = await createBoardRaw({ title: "Once", boardId, commandId });
    const again = await createBoardRaw({ title: "Once", boardId, commandId });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    // Replayed while another was in flight: the same answer, never a second board or event.
    const both = await Promise.all([
      createBoardRaw({ title: "Twice", boardId: clientBoardId(), commandId: randomUUID() }),
      createBoardRaw({ title: "Once", boardId, commandId }),
    ]);
    expect(both[1].body.duplicate).toBe(true);
    expect((await getLog(boardId)).body.version).toBe(1);
  });

  it("refuses a boardId already taken by another command as a conflict", async () => {
    const boardId = clientBoardId();
    await createBoardRaw({ title: "Mine", boardId, commandId: randomUUID() });
    const taken = await createBoardRaw({ title: "Yours", boardId, commandId: randomUUID() });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ status: "rejected", code: "conflict" });
    expect(taken.body.reason).toMatch(/already taken/);
    expect((await getBoard(boardId)).body.state.title).toBe("Mine");
  });

  it("refuses a malformed boardId or commandId, and unknown fields, as invalid", async () => {
    for (const body of [
      { title: "Short id", boardId: "abc" },
      { title: "Bad command", boardId: clientBoardId(), commandId: "not-a-uuid" },
      { title: "Extra", colour: "red" },
    ]) {
      const refused = await createBoardRaw(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.code).toBe("invalid");
    }
  });

  it("still makes its own ids when the client sends none", async () => {
    const a = await createBoardRaw({ title: "Plain" });
    const b = await createBoardRaw({ title: "Plain" });
    expect(a.status).toBe(201);
    expect(a.body.boardId).not.toBe(b.body.boardId);
    const [first, second] = await Promise.all([getLog(a.body.boardId), getLog(b.body.boardId)]);
    expect(first.body.events[0].commandId).not.toBe(second.body.events[0].commandId);
  });

  it("takes the board's commands queued behind it in the same writer, decided on the board it made", async () => {
    const boardId = clientBoardId();
    const actor = { id: "someone", name: "Someone" };
    const creation = { commandId: randomUUID(), type: "createBoard", title: "Then a column" } as const;
    const columnId = newId("col");
    // Queued in the same turn: one group, written through the creation's new row.
    const [created, added] = await Promise.all([
      submitCreation(boardId, creation, actor, clientBoardId()),
      submitCommand(boardId, { commandId: randomUUID(), type: "addColumn", columnId, title: "To do" }, actor),
    ]);
    expect(created).toMatchObject({ status: "accepted", version: 1 });
    expect(added).toMatchObject({ status: "accepted", version: 2 });
    expect((await getBoard(boardId)).body.state.columns.map((c: { title: string }) => c.title)).toEqual(["To do"]);
  });

  it("a command for a board not created yet is unknown_board, as before", async () => {
    const answer = await send(clientBoardId(), command("addColumn", { columnId: newId("col"), title: "X" }));
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe("unknown_board");
  });

  it("is announced: a stream opened on the board sees the creation and what follows", async () => {
    const boardId = clientBoardId();
    await createBoardRaw({ title: "Announced", boardId, commandId: randomUUID() });
    const stream = readEvents(boardId);
    try {
      await stream.untilReady();
      await send(boardId, command("addColumn", { columnId: newId("col"), title: "Live" }));
      await stream.untilVersion(2);
      expect(stream.versions()).toEqual([1, 2]);
    } finally {
      stream.close();
    }
  });
});
