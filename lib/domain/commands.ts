// The command catalogue of CONTRACT.md (imperative: what a client asks for), with its zod schemas.
import { z } from "zod";

export const TITLE_MAX = 200;

/** Client-made ids of columns and items: a UUID or a nanoid of 21+ characters. */
export const entityId = z
  .string({ error: "An id must be a string." })
  .regex(/^[A-Za-z0-9_-]{21,64}$/, "An id must be a UUID or a nanoid (21 to 64 letters, digits, - or _).");

export const commandIdSchema = z.uuid({ error: "The commandId must be a UUID." });

// C0/C1 control characters, line/paragraph separators and lone UTF-16 surrogates cannot be shown, and Postgres refuses
// some of them in jsonb: they are rejected here, never at the database.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const titleSchema = z
  .string({ error: "The title must be text." })
  .trim()
  .min(1, "The title must not be empty.")
  // Characters as a person counts them (code points), not UTF-16 units: 200 emoji fit.
  .refine((title) => [...title].length <= TITLE_MAX, `The title must be at most ${TITLE_MAX} characters.`)
  .refine((title) => !UNPRINTABLE.test(title), "The title must be a single line of printable text.");

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
