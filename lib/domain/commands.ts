// The command catalogue (README, "HTTP API"; imperative: what a client asks for), with its zod schemas.
import { z } from "zod";
import { LABEL_COLORS } from "./events";
import { dueSchema, lineSchema, textSchema } from "./text";

export const TITLE_MAX = 200;

/** Client-made ids of columns, items, labels, checklist entries and comments: a UUID or a nanoid of 21+ characters. */
export const entityId = z
  .string({ error: "An id must be a string." })
  .regex(/^[A-Za-z0-9_-]{21,64}$/, "An id must be a UUID or a nanoid (21 to 64 letters, digits, - or _).");

export const commandIdSchema = z.uuid({ error: "The commandId must be a UUID." });

export const titleSchema = lineSchema("title", TITLE_MAX);

/** The sizes of v2 text (README, HTTP API), in characters as a person counts them. */
export const TEXT_MAX = {
  description: 10_000,
  labelName: 40,
  checklistEntry: 200,
  comment: 5_000,
  /** A person's display name (the browser's name field keeps to it too). */
  memberName: 50,
} as const;

/** Who a member is: the actor id the board's events carry (a pseudonym, an import's made-up id). */
export const memberIdSchema = z
  .string({ error: "A memberId must be a string." })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "A memberId must be 1 to 128 letters, digits, - or _.");

const color = z.enum(LABEL_COLORS, { error: `The color must be one of ${LABEL_COLORS.join(", ")}.` });
const labelName = lineSchema("label name", TEXT_MAX.labelName);
const entryText = lineSchema("checklist entry", TEXT_MAX.checklistEntry);
export const commentTextSchema = textSchema("comment", { min: 1, max: TEXT_MAX.comment });

/** How many items a column should hold at most: 1..999, or null for no limit. */
export const columnLimitSchema = z
  .number({ error: "The limit must be a whole number from 1 to 999, or null." })
  .int("The limit must be a whole number from 1 to 999, or null.")
  .min(1, "The limit must be at least 1 (null for no limit).")
  .max(999, "The limit must be at most 999.")
  .nullable();

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ commandId: commandIdSchema, type: z.literal(type), ...shape });

export const commandSchema = z.discriminatedUnion(
  "type",
  [
    command("renameBoard", { title: titleSchema }),
    command("addColumn", { columnId: entityId, title: titleSchema, afterColumnId: entityId.nullish() }),
    command("renameColumn", { columnId: entityId, title: titleSchema }),
    command("moveColumn", { columnId: entityId, afterColumnId: entityId.nullable() }),
    command("removeColumn", { columnId: entityId }),
    command("addItem", {
      itemId: entityId,
      columnId: entityId,
      title: titleSchema,
      afterItemId: entityId.nullish(),
    }),
    command("renameItem", { itemId: entityId, title: titleSchema }),
    command("completeItem", { itemId: entityId }),
    command("reopenItem", { itemId: entityId }),
    command("moveItem", { itemId: entityId, columnId: entityId, afterItemId: entityId.nullable() }),
    command("removeItem", { itemId: entityId }),
    // v2
    command("describeItem", {
      itemId: entityId,
      description: textSchema("description", { min: 0, max: TEXT_MAX.description }),
    }),
    command("setItemDue", { itemId: entityId, due: dueSchema }),
    command("addLabel", { labelId: entityId, name: labelName, color }),
    command("editLabel", { labelId: entityId, name: labelName.optional(), color: color.optional() }).refine(
      (edit) => edit.name !== undefined || edit.color !== undefined,
      "An editLabel command needs a name, a color, or both.",
    ),
    command("removeLabel", { labelId: entityId }),
    command("labelItem", { itemId: entityId, labelId: entityId }),
    command("unlabelItem", { itemId: entityId, labelId: entityId }),
    command("assignItem", { itemId: entityId, memberId: memberIdSchema }),
    command("unassignItem", { itemId: entityId, memberId: memberIdSchema }),
    command("addChecklistEntry", {
      itemId: entityId,
      entryId: entityId,
      text: entryText,
      afterEntryId: entityId.nullish(),
    }),
    command("editChecklistEntry", { itemId: entityId, entryId: entityId, text: entryText }),
    command("moveChecklistEntry", { itemId: entityId, entryId: entityId, afterEntryId: entityId.nullable() }),
    command("checkChecklistEntry", { itemId: entityId, entryId: entityId }),
    command("uncheckChecklistEntry", { itemId: entityId, entryId: entityId }),
    command("removeChecklistEntry", { itemId: entityId, entryId: entityId }),
    command("commentOnItem", { itemId: entityId, commentId: entityId, text: commentTextSchema }),
    command("editComment", { commentId: entityId, text: commentTextSchema }),
    command("removeComment", { commentId: entityId }),
    command("setColumnLimit", { columnId: entityId, limit: columnLimitSchema }),
    command("restoreItem", { itemId: entityId, columnId: entityId.optional(), afterItemId: entityId.nullish() }),
    command("restoreColumn", { columnId: entityId, afterColumnId: entityId.nullish() }),
  ],
  {
    error: (issue) =>
      (issue.input as { type?: unknown } | undefined)?.type === undefined
        ? "The command has no type."
        : "Unknown command type.",
  },
);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command["type"];

export type RejectionCode =
  | "invalid"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unknown_board"
  | "rate_limited"
  | "too_large"
  | "unavailable";

export interface Rejection {
  readonly code: RejectionCode;
  /** A sentence a person can read. */
  readonly reason: string;
}

export type ParsedCommand =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly rejection: Rejection };

/** Validates untrusted input into a command; the rejection names the first problem in words. */
export function parseCommand(input: unknown): ParsedCommand {
  const result = commandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  return { ok: false, rejection: { code: "invalid", reason: describeIssue(result.error.issues[0]) } };
}

export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "The command is not valid.";
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${key}"`).join(", ");
    return `Unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}.`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined && issue.path.length > 0) {
    return `The field "${issue.path.join(".")}" is missing.`;
  }
  if (issue.code === "invalid_type" && issue.path.length === 0) return "A command must be a JSON object.";
  const where = issue.path.length > 0 ? ` (${issue.path.join(".")})` : "";
  return `${issue.message.replace(/\.$/, "")}${where}.`;
}
