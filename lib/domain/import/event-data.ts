// The shape of each stored event, for reading events that come from outside: a Driftless export
// being imported. Commands are validated before they are decided; an imported event was decided
// somewhere else, so its data is checked here for what the log must hold: the right fields and
// types, ids as the board makes them, text within its size and free of what Postgres or a page
// cannot hold. Nothing is transformed: an event is imported exactly as it was exported.
import { generateKeyBetween } from "fractional-indexing";
import { z } from "zod";
import { columnLimitSchema, entityId, memberIdSchema, TEXT_MAX, TITLE_MAX } from "../commands";
import { type EventType, LABEL_COLORS } from "../events";
import { instantSchema } from "../import-commands";
import { atMost, dueSchema, printable } from "../text";

/** A fractional-index key as positions are made (the library refuses any other). */
const position = z
  .string({ error: "A position must be text." })
  .max(4096, "A position must be at most 4,096 characters.")
  .refine(isOrderKey, "A position must be an order key as Driftless makes them.");

function isOrderKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** One line of text as commands store it: 1..max characters, printable (checked, never changed). */
const line = (what: string, max: number) =>
  z
    .string({ error: `The ${what} must be text.` })
    .min(1, `The ${what} must not be empty.`)
    .refine(...atMost(what, max))
    .refine(...printable(what, { lines: false }));

/** Several lines of text: min..max characters, printable (line breaks and tabs are). */
const text = (what: string, min: 0 | 1, max: number) =>
  z
    .string({ error: `The ${what} must be text.` })
    .min(min, `The ${what} must not be empty.`)
    .refine(...atMost(what, max))
    .refine(...printable(what, { lines: true }));

/**
 * Who made an event, as the log names them. The display name is checked for what storage refuses
 * (control characters, half of a surrogate pair) and a sane length only: names were cleaned by the
 * server that stamped them, under the rules it had then.
 */
export const actorSchema = z.strictObject({
  id: memberIdSchema,
  name: z
    .string({ error: "The actor's name must be text." })
    .min(1, "The actor's name must not be empty.")
    .max(200, "The actor's name must be at most 200 characters.")
    .refine(
      (name) => !/[\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name),
      "The actor's name must be printable text.",
    ),
});

const memberName = line("member name", TEXT_MAX.memberName);
const title = line("title", TITLE_MAX);
const item = { itemId: entityId };
const entry = { itemId: entityId, entryId: entityId };
const color = z.enum(LABEL_COLORS, { error: `The color must be one of ${LABEL_COLORS.join(", ")}.` });

/** The data of each event type, strict: an unknown field is refused as in a command. */
export const EVENT_DATA: Readonly<Record<EventType, z.ZodType>> = {
  BoardCreated: z.strictObject({ title }),
  BoardRenamed: z.strictObject({ title }),
  ColumnAdded: z.strictObject({ columnId: entityId, title, position }),
  ColumnRenamed: z.strictObject({ columnId: entityId, title }),
  ColumnMoved: z.strictObject({ columnId: entityId, position }),
  ColumnRemoved: z.strictObject({ columnId: entityId }),
  ItemAdded: z.strictObject({ itemId: entityId, columnId: entityId, title, position }),
  ItemTitleUpdated: z.strictObject({ itemId: entityId, newTitle: title }),
  ItemCompleted: z.strictObject(item),
  ItemReopened: z.strictObject(item),
  ItemMoved: z.strictObject({ itemId: entityId, columnId: entityId, position }),
  ItemRemoved: z.strictObject(item),
  ItemDescribed: z.strictObject({ itemId: entityId, description: text("description", 0, TEXT_MAX.description) }),
  ItemDueSet: z.strictObject({ itemId: entityId, due: dueSchema }),
  LabelAdded: z.strictObject({ labelId: entityId, name: line("label name", TEXT_MAX.labelName), color }),
  LabelEdited: z.strictObject({ labelId: entityId, name: line("label name", TEXT_MAX.labelName), color }),
  LabelRemoved: z.strictObject({ labelId: entityId }),
  ItemLabeled: z.strictObject({ itemId: entityId, labelId: entityId }),
  ItemUnlabeled: z.strictObject({ itemId: entityId, labelId: entityId }),
  ItemAssigned: z.strictObject({ itemId: entityId, memberId: memberIdSchema }),
  ItemUnassigned: z.strictObject({ itemId: entityId, memberId: memberIdSchema }),
  ChecklistEntryAdded: z.strictObject({
    ...entry,
    text: line("checklist entry", TEXT_MAX.checklistEntry),
    position,
  }),
  ChecklistEntryEdited: z.strictObject({ ...entry, text: line("checklist entry", TEXT_MAX.checklistEntry) }),
  ChecklistEntryChecked: z.strictObject(entry),
  ChecklistEntryUnchecked: z.strictObject(entry),
  ChecklistEntryRemoved: z.strictObject(entry),
  ChecklistEntryMoved: z.strictObject({ ...entry, position }),
  ItemCommented: z.strictObject({
    itemId: entityId,
    commentId: entityId,
    text: text("comment", 1, TEXT_MAX.comment),
    author: z.strictObject({ id: memberIdSchema, name: memberName }).optional(),
    at: instantSchema.optional(),
  }),
  CommentEdited: z.strictObject({ commentId: entityId, text: text("comment", 1, TEXT_MAX.comment) }),
  CommentRemoved: z.strictObject({ commentId: entityId }),
  ColumnLimitSet: z.strictObject({ columnId: entityId, limit: columnLimitSchema }),
  ItemRestored: z.strictObject({ itemId: entityId, columnId: entityId, position }),
  ColumnRestored: z.strictObject({ columnId: entityId, position }),
  MemberAdded: z.strictObject({ memberId: memberIdSchema, name: memberName }),
};

/** An event as an export holds it (the log's shape, README "Exporting"), before its data is read. */
export const envelopeSchema = z.strictObject({
  version: z.number({ error: "version must be a number." }).int("version must be a whole number."),
  type: z.string({ error: "type must be text." }),
  data: z.unknown(),
  commandId: z
    .string({ error: "commandId must be text." })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "commandId must be 1 to 64 letters, digits, - or _."),
  actor: actorSchema,
  at: instantSchema,
});
