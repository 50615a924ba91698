// The commands only an import makes (README, "What an import adds to the domain"): bringing in a
// member who has no event of their own, and a comment written by someone else at another time.
// They are NOT in `commandSchema`, so `POST /api/boards/:id/commands` and the server actions refuse
// them as an unknown type: nobody can sign a comment as someone else, or make up a member, by hand.
import { z } from "zod";
import {
  type Command,
  commandIdSchema,
  commentTextSchema,
  describeIssue,
  entityId,
  memberIdSchema,
  type ParsedCommand,
  parseCommand,
  type Rejection,
  TEXT_MAX,
} from "./commands";
import { decide } from "./decide";
import { accept, type Decision, reject } from "./decision";
import type { Actor } from "./events";
import type { BoardState } from "./state";
import { lineSchema } from "./text";

/** A display name, as the board shows members and comment authors. */
export const memberNameSchema = lineSchema("member name", TEXT_MAX.memberName);

/** An instant as the server stamps events: `toISOString()`'s form, to the millisecond, in UTC. */
export const instantSchema = z
  .string({ error: "A time must be text." })
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) && isInstant(text),
    "A time must be written as 2026-12-01T09:00:00.000Z.",
  );

// The events of one command share their instant: an export of 50,000 events checks a few thousand.
let lastInstant = "";

function isInstant(text: string): boolean {
  if (text === lastInstant) return true;
  const time = Date.parse(text);
  if (!Number.isFinite(time) || new Date(time).toISOString() !== text) return false;
  lastInstant = text;
  return true;
}

const importCommand = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ commandId: commandIdSchema, type: z.literal(type), ...shape });

export const importCommandSchema = z.discriminatedUnion("type", [
  importCommand("addMember", { memberId: memberIdSchema, name: memberNameSchema }),
  importCommand("importComment", {
    itemId: entityId,
    commentId: entityId,
    text: commentTextSchema,
    author: z.strictObject({ id: memberIdSchema, name: memberNameSchema }),
    at: instantSchema,
  }),
]);

export type ImportCommand = z.infer<typeof importCommandSchema>;

/** Validates an import-only command as parseCommand validates the others. */
export function parseImportCommand(
  input: unknown,
): { readonly ok: true; readonly command: ImportCommand } | { readonly ok: false; readonly rejection: Rejection } {
  const result = importCommandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  return { ok: false, rejection: { code: "invalid", reason: describeIssue(result.error.issues[0]) } };
}

/** A command of either kind: what an import's plan is made of. */
export type AnyCommand = Command | ImportCommand;

const IMPORT_ONLY = new Set<string>(["addMember", "importComment"]);

/** Validates a command of either kind (an import builds both). */
export function parseAnyCommand(
  input: { readonly type: string } & Record<string, unknown>,
): ParsedCommand | ReturnType<typeof parseImportCommand> {
  return IMPORT_ONLY.has(input.type) ? parseImportCommand(input) : parseCommand(input);
}

/**
 * Decides an import's command: the import-only ones here, every other by `decide` itself, so an
 * import is refused exactly where a person would be.
 */
export function decideAny(state: BoardState, command: AnyCommand, actor: Actor): Decision {
  switch (command.type) {
    case "addMember": {
      const { memberId, name } = command;
      const known = state.members.get(memberId);
      if (known) return reject("conflict", `“${known.name}” (${memberId}) is already a member of this board.`);
      return accept({ type: "MemberAdded", data: { memberId, name } });
    }
    case "importComment": {
      // The same checks as a comment anyone writes (the item, the id, the item's room), then the
      // author and the date it was written.
      const { commandId, itemId, commentId, text, author, at } = command;
      const decision = decide(state, { commandId, type: "commentOnItem", itemId, commentId, text }, actor);
      if (!decision.ok) return decision;
      return accept({
        type: "ItemCommented",
        data: { itemId, commentId, text, author: { id: author.id, name: author.name }, at },
      });
    }
    default:
      return decide(state, command, actor);
  }
}
