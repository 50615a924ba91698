import "server-only";
// Board lifecycle and reads: creation, the projection at a version, and the log.
import { randomBytes, randomUUID } from "node:crypto";
import { readEvents, readHead, readViewToken } from "@/db/queries";
import { getStore } from "@/db/store";
import {
  BOARD_ID_PATTERN,
  type BoardState,
  type BoardView,
  createBoardRequestSchema,
  describeIssue,
  type Rejection,
  type StoredEvent,
  toView,
} from "@/lib/domain";
import type { Visitor } from "./actor";
import { rememberBoard } from "./board-cache";
import { stateAt } from "./board-state";
import { submitCreation } from "./board-writer";
import { unknownBoard } from "./errors";

/** 128 random bits in base64url: 22 characters, unguessable. */
export function newCapability(): string {
  return randomBytes(16).toString("base64url");
}

/** What `newCapability` makes: a board id and a view token alike, validated by their own names. */
const CAPABILITY = BOARD_ID_PATTERN;
export const BOARD_ID = CAPABILITY;
export const VIEW_TOKEN = CAPABILITY;

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rejection: Rejection };

/** What `POST /api/boards` answers for a created board (README, "HTTP API"). */
export interface Created {
  readonly boardId: string;
  readonly viewToken: string;
  readonly version: number;
  readonly duplicate?: true;
}

/**
 * Creates a board: the client's id and commandId when it made them (a board created offline and
 * replayed), fresh ones otherwise. `visitor` is recorded on its first event as who they are on it.
 */
export async function createBoard(input: unknown, visitor: Pick<Visitor, "forBoard">): Promise<Result<Created>> {
  const parsed = createBoardRequestSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, rejection: { code: "invalid", reason: describeIssue(parsed.error.issues[0]) } };
  const { title, boardId = newCapability(), commandId = randomUUID() } = parsed.data;
  const fresh = newCapability();
  const creation = { commandId, type: "createBoard", title } as const;
  const outcome = await submitCreation(boardId, creation, visitor.forBoard(boardId), fresh);
  if (outcome.status === "rejected") return { ok: false, rejection: { code: outcome.code, reason: outcome.reason } };
  const { version, duplicate } = outcome;
  // Answered again, the board's link is the one it has now (it may have been replaced since).
  const viewToken = duplicate ? ((await readViewToken((await getStore()).db, { boardId })) ?? fresh) : fresh;
  return { ok: true, value: duplicate ? { boardId, viewToken, version, duplicate } : { boardId, viewToken, version } };
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
