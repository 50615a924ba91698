import "server-only";
// Board lifecycle and reads: creation, the projection at a version, and the log.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { insertBoard, insertEvents, readEvents, readHead } from "@/db/queries";
import { getStore } from "@/db/store";
import {
  type BoardState,
  type BoardView,
  describeIssue,
  emptyBoard,
  fold,
  type Rejection,
  type StoredEvent,
  titleSchema,
  toView,
} from "@/lib/domain";
import type { Visitor } from "./actor";
import { rememberBoard } from "./board-cache";
import { stateAt } from "./board-state";
import { unknownBoard } from "./errors";

/** 128 random bits in base64url: 22 characters, unguessable. */
export function newCapability(): string {
  return randomBytes(16).toString("base64url");
}

/** What `newCapability` makes: a board id and a view token alike, validated by their own names. */
const CAPABILITY = /^[A-Za-z0-9_-]{22}$/;
export const BOARD_ID = CAPABILITY;
export const VIEW_TOKEN = CAPABILITY;

const createBoardSchema = z.strictObject({ title: titleSchema });

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rejection: Rejection };

/** Creates a board; `visitor` is recorded on its first event as who they are on this board. */
export async function createBoard(
  input: unknown,
  visitor: Pick<Visitor, "forBoard">,
): Promise<Result<{ boardId: string; viewToken: string; version: number }>> {
  const parsed = createBoardSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, rejection: { code: "invalid", reason: describeIssue(parsed.error.issues[0]) } };
  const boardId = newCapability();
  const viewToken = newCapability();
  const created = { type: "BoardCreated", data: { title: parsed.data.title } } as const;
  const actor = visitor.forBoard(boardId);
  const { db } = await getStore();
  const stored = await db.transaction(async (tx) => {
    await insertBoard(tx, { id: boardId, viewToken, version: 1 });
    return insertEvents(tx, { boardId, after: 0, events: [created], commandId: randomUUID(), actor, at: new Date() });
  });
  // As stored (with its actor): whoever creates a board is its first member.
  rememberBoard(boardId, { version: 1, state: fold(emptyBoard, stored) });
  return { ok: true, value: { boardId, viewToken, version: 1 } };
}

/** The board's projection at its head, or at `at` when given. */
export async function getBoard(boardId: string, at?: number): Promise<Result<{ version: number; state: BoardView }>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const { db } = await getStore();
  const head = await readHead(db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  if (at !== undefined && at > head) {
    return {
      ok: false,
      rejection: { code: "invalid", reason: `The board has no version ${at} yet; its latest is ${head}.` },
    };
  }
  const loaded = await stateAt(db, boardId, at ?? head);
  if (at === undefined) rememberBoard(boardId, loaded);
  return { ok: true, value: { version: loaded.version, state: toView(loaded.state) } };
}

/** The board's domain state at its head (the board page hands it to the client as a plain record). */
export async function loadBoard(boardId: string): Promise<Result<{ version: number; state: BoardState }>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const { db } = await getStore();
  const head = await readHead(db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  const loaded = await stateAt(db, boardId, head);
  rememberBoard(boardId, loaded);
  return { ok: true, value: loaded };
}

/** Events after `after`, in order, at most `limit`, with the board's head version. */
export async function readLog(
  boardId: string,
  { after, limit }: { after: number; limit: number },
): Promise<Result<{ events: StoredEvent[]; version: number }>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const { db } = await getStore();
  const head = await readHead(db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  const events = after >= head ? [] : await readEvents(db, { boardId, after, upTo: head, limit });
  return { ok: true, value: { events, version: head } };
}
