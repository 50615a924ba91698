// Creating a board, decided like a command (lib/domain/creation.ts).
import { describe, expect, it } from "vitest";
import {
  boardCreationSchema,
  createBoardRequestSchema,
  decideChange,
  decideCreation,
  describeChange,
  emptyBoard,
  fold,
} from "@/lib/domain";

const creation = { commandId: "55555555-5555-4555-8555-000000000001", type: "createBoard", title: "Trip" } as const;
const actor = { id: "someone", name: "Someone" };
const created = fold(emptyBoard, [
  {
    type: "BoardCreated" as const,
    data: { title: "Trip" },
    actor,
    at: "2026-12-01T00:00:00.000Z",
  },
]);

describe("decideCreation", () => {
  it("given no board, when it is created, then BoardCreated with its title", () => {
    expect(decideCreation(emptyBoard, creation)).toEqual({
      ok: true,
      events: [{ type: "BoardCreated", data: { title: "Trip" } }],
    });
  });

  it("given a board, when it is created again, then conflict: the id is taken", () => {
    expect(decideCreation(created, creation)).toEqual({
      ok: false,
      rejection: { code: "conflict", reason: "This board id is already taken by another board." },
    });
  });

  it("decideChange decides a creation and a command alike", () => {
    expect(decideChange(emptyBoard, creation, actor)).toMatchObject({ ok: true });
    const rename = { commandId: "55555555-5555-4555-8555-000000000002", type: "renameBoard", title: "Trip 2" } as const;
    expect(decideChange(created, rename, actor)).toMatchObject({ ok: true, events: [{ type: "BoardRenamed" }] });
    expect(describeChange(created, creation)).toBe("create the board “Trip”");
  });

  it("the request takes a 22-character boardId and a UUID commandId, trims the title, and refuses anything else", () => {
    const boardId = "A".repeat(22);
    expect(createBoardRequestSchema.parse({ title: " Trip ", boardId, commandId: creation.commandId })).toEqual({
      title: "Trip",
      boardId,
      commandId: creation.commandId,
    });
    expect(createBoardRequestSchema.safeParse({ title: "Trip", boardId: "A".repeat(21) }).success).toBe(false);
    expect(createBoardRequestSchema.safeParse({ title: "Trip", boardId: `${"A".repeat(21)}=` }).success).toBe(false);
    expect(createBoardRequestSchema.safeParse({ title: "" }).success).toBe(false);
    expect(boardCreationSchema.safeParse({ ...creation, extra: 1 }).success).toBe(false);
  });
});
