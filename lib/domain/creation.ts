// Creating a board is a change like any other: decided on the board's state (empty until then),
// written through the board writer under its commandId, and announced. It is not one of the
// commands `POST …/commands` takes (a board cannot be created inside itself); `POST /api/boards`
// takes it (README, "HTTP API"), and the outbox replays it before the board's own changes.
import { z } from "zod";
import { type Command, commandIdSchema, titleSchema } from "./commands";
import { decide } from "./decide";
import { accept, type Decision, reject } from "./decision";
import { describeCommand } from "./describe";
import type { Actor } from "./events";
import type { BoardState } from "./state";

/** A board id made by a client: 128 random bits in base64url, 22 characters (as the server makes them). */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const boardIdSchema = z
  .string({ error: "A boardId must be a string." })
  .regex(BOARD_ID_PATTERN, "A boardId must be 22 base64url characters (128 random bits).");

export const boardCreationSchema = z.strictObject({
  commandId: commandIdSchema,
  type: z.literal("createBoard"),
  title: titleSchema,
});

export type BoardCreation = z.infer<typeof boardCreationSchema>;

/** What a client may queue for a board: its creation, then its commands. */
export type BoardChange = Command | BoardCreation;

export const isCreation = (change: BoardChange): change is BoardCreation => change.type === "createBoard";

/** The body of `POST /api/boards`: a title, and a client-made board id and commandId when replayed. */
export const createBoardRequestSchema = z.strictObject({
  title: titleSchema,
  boardId: boardIdSchema.optional(),
  commandId: commandIdSchema.optional(),
});

/** Creates the board on `state`, which is the empty board unless the id is someone else's already. */
export function decideCreation(state: BoardState, creation: BoardCreation): Decision {
  // Every created board has a title (1..200 characters): an empty one means no board yet.
  if (state.title !== "") return reject("conflict", "This board id is already taken by another board.");
  return accept({ type: "BoardCreated", data: { title: creation.title } });
}

/** `decide`, for whatever a client may queue (the writer and the client's prediction both use it). */
export function decideChange(state: BoardState, change: BoardChange, actor: Actor): Decision {
  return isCreation(change) ? decideCreation(state, change) : decide(state, change, actor);
}

/** What a queued change asks, as a phrase (the pending list, a refusal's notice). */
export function describeChange(state: BoardState, change: BoardChange): string {
  return isCreation(change) ? `create the board “${change.title}”` : describeCommand(state, change);
}
