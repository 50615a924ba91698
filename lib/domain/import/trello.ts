// A Trello board export ("Export as JSON" in Trello's board menu) turned into a Driftless board, as
// README "Importing from Trello" lists it: every list, card, label, member, checklist and comment
// becomes a command, and each command is decided by `decide` (or, for what only an import does,
// `decideAny`) on the board the ones before it made. The file is taken whole or refused with the
// first card that cannot be; nothing here reads a clock or makes a random id.
import { z } from "zod";
import { describeIssue, TEXT_MAX, TITLE_MAX, titleSchema } from "../commands";
import { type Actor, LABEL_COLORS, type LabelColor, type StoredEvent } from "../events";
import { fold } from "../evolve";
import { type AnyCommand, decideAny, parseAnyCommand } from "../import-commands";
import { type BoardState, emptyBoard } from "../state";
import { codePoints, cutToFit, normaliseText, visible } from "../text";

// Trello's ids are MongoDB object ids: 24 hexadecimal digits. Driftless ids are made from them
// (`card-<id>`), so the same file always makes the same ids and an error can name the card.
const trelloId = z.string({ error: "an id must be text" }).regex(/^[0-9a-fA-F]{24}$/, "is not a Trello id");
const text = z.string({ error: "must be text" });
const pos = z.number({ error: "must be a number" }).refine(Number.isFinite, "must be a number");

// Trello's export carries many more fields (badges, prefs, plugin data…): they are let through and
// not read. Only what the import maps is checked.
const list = z.looseObject({ id: trelloId, name: text, closed: z.boolean().default(false), pos });
const card = z.looseObject({
  id: trelloId,
  name: text,
  desc: text.nullish(),
  due: text.nullish(),
  dueComplete: z.boolean().nullish(),
  closed: z.boolean().default(false),
  idList: trelloId,
  idLabels: z.array(trelloId).default([]),
  idMembers: z.array(trelloId).default([]),
  pos,
});
const label = z.looseObject({ id: trelloId, name: text.nullish(), color: text.nullish() });
const member = z.looseObject({ id: trelloId, fullName: text.nullish(), username: text.nullish() });
const checkItem = z.looseObject({ id: trelloId, name: text, state: text, pos: pos.default(0) });
const checklist = z.looseObject({
  id: trelloId,
  idCard: trelloId,
  name: text.nullish(),
  pos: pos.default(0),
  checkItems: z.array(checkItem).default([]),
});
const comment = z.looseObject({
  id: trelloId,
  type: z.literal("commentCard"),
  date: text,
  idMemberCreator: trelloId.nullish(),
  data: z.looseObject({ text, card: z.looseObject({ id: trelloId }) }),
  memberCreator: z.looseObject({ id: trelloId, fullName: text.nullish(), username: text.nullish() }).nullish(),
});
const board = z.looseObject({
  name: text,
  lists: z.array(list),
  cards: z.array(card),
  labels: z.array(label).default([]),
  members: z.array(member).default([]),
  checklists: z.array(checklist).default([]),
  // Every kind of action is in the file (moves, renames…); only comments are imported.
  actions: z.array(z.unknown()).default([]),
});

type TrelloCard = z.infer<typeof card>;
type TrelloComment = z.infer<typeof comment>;

/** Whether `input` looks like a Trello board export (then it is read as one, or refused as one). */
export function isTrelloBoard(input: unknown): boolean {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  const { lists, cards } = input as { lists?: unknown; cards?: unknown };
  return Array.isArray(lists) && Array.isArray(cards);
}

/** A text that did not fit and was cut, said where (the answer lists every one). */
export interface Shortened {
  /** What was cut: "name" (of the board, a list, a label, a member), "description", "checklist entry", "comment", "author's name". */
  readonly what: string;
  /** Whose it is, in words: `Card “Fix login” (5f48…)`, `the board`. */
  readonly where: string;
  /** Characters before and after the cut. */
  readonly from: number;
  readonly to: number;
}

/** What a Trello import did not bring, because Driftless has nowhere to keep it on the board. */
export interface LeftOut {
  /** Closed (archived) lists and the cards in them. */
  readonly lists: number;
  readonly cards: number;
  /** Checklists of cards left out or not in the file. */
  readonly checklists: number;
  /** Comments on cards left out or not in the file (deleted in Trello). */
  readonly comments: number;
}

export type TrelloImport =
  | {
      readonly ok: true;
      readonly title: string;
      readonly events: StoredEvent[];
      readonly state: BoardState;
      readonly shortened: Shortened[];
      readonly leftOut: LeftOut;
    }
  | { readonly ok: false; readonly reason: string };

/** Who imports, when, and under which commandId: every event of the import carries them. */
export interface ImportStamp {
  readonly actor: Actor;
  readonly at: string;
  readonly commandId: string;
}

/** The colour of a Trello label: `green_dark`, `sky_light` → their base colour; none (or one we lack) → black. */
export function labelColor(color: string | null | undefined): LabelColor {
  const base = (color ?? "").replace(/_(dark|light)$/, "");
  return (LABEL_COLORS as readonly string[]).includes(base) ? (base as LabelColor) : "black";
}

// Lone surrogates (JSON can carry them as \ud800) become U+FFFD; other control characters go.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line, as a field makes it: line breaks and tabs become spaces, controls go, trimmed. */
export function cleanLine(raw: string | null | undefined): string {
  const line = (raw ?? "")
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/[\r\n\t\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .trim();
  return visible(line) ? line : "";
}

/** Several lines, as a text area makes them (controls other than line breaks and tabs go). */
export function cleanText(raw: string | null | undefined): string {
  const lines = normaliseText(
    (raw ?? "")
      .replace(LONE_SURROGATE, "\ufffd")
      .replace(/[\u2028\u2029]/g, "\n")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ""),
  );
  return visible(lines) ? lines : "";
}

const byPos = <T extends { pos: number }>(entries: readonly T[]): T[] =>
  entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.pos - b.entry.pos || a.index - b.index)
    .map(({ entry }) => entry);

/** A name short enough for a sentence. */
const short = (name: string) => (codePoints(name) > 60 ? `${cutToFit(name, 59)}…` : name);

/** The UTC day of a Trello date (`2026-12-01T17:00:00.000Z` → `2026-12-01`), or undefined. */
function utcDay(date: string): string | undefined {
  const time = Date.parse(date);
  if (!Number.isFinite(time)) return undefined;
  const day = new Date(time).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

/** The instant of a Trello date, as events stamp theirs, or undefined. */
function instant(date: string): string | undefined {
  const time = Date.parse(date);
  if (!Number.isFinite(time)) return undefined;
  const iso = new Date(time).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

class Failure extends Error {}

/** The board being built: each command decided on it, its events stamped and folded in. */
class Builder {
  state: BoardState = emptyBoard;
  readonly events: StoredEvent[] = [];
  readonly shortened: Shortened[] = [];

  constructor(private readonly stamp: ImportStamp) {}

  /** Appends an event that needs no decision (the board's creation). */
  append(event: { type: "BoardCreated"; data: { title: string } }): void {
    this.push([event]);
  }

  /** Decides `input` (a command without its commandId); a refusal fails the import, naming `where`. */
  run(where: string, input: { type: string } & Record<string, unknown>): void {
    const parsed = parseAnyCommand({ ...input, commandId: this.stamp.commandId });
    if (!parsed.ok) throw new Failure(`${where}: ${parsed.rejection.reason}`);
    const decision = decideAny(this.state, parsed.command as AnyCommand, this.stamp.actor);
    if (!decision.ok) throw new Failure(`${where}: ${decision.rejection.reason}`);
    this.push(decision.events);
  }

  /** `text` cut to `max`; a cut is recorded, so that the answer says what was shortened and where. */
  fit(text: string, max: number, what: string, where: string): string {
    const kept = cutToFit(text, max);
    if (kept !== text) this.shortened.push({ what, where, from: codePoints(text), to: codePoints(kept) });
    return kept;
  }

  private push(events: readonly { type: string; data: unknown }[]): void {
    const { actor, at, commandId } = this.stamp;
    const stored = events.map(
      (event, index) =>
        ({
          version: this.events.length + index + 1,
          type: event.type,
          data: event.data,
          commandId,
          actor: { id: actor.id, name: actor.name },
          at,
        }) as StoredEvent,
    );
    this.state = fold(this.state, stored);
    this.events.push(...stored);
  }
}

/** Maps a Trello board export to a board, deciding every command on the way (README, "Importing from Trello"). */
export function importTrello(input: unknown, stamp: ImportStamp): TrelloImport {
  const parsed = board.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length > 0 ? `${first.path.join(".")} ` : "";
    return {
      ok: false,
      reason: `This Trello export cannot be read: ${where}${first.message.replace(/\.$/, "")}.`,
    };
  }
  try {
    return { ok: true, ...build(parsed.data, stamp) };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, reason: error.message };
    throw error;
  }
}

function build(trello: z.infer<typeof board>, stamp: ImportStamp) {
  const b = new Builder(stamp);
  const title = b.fit(cleanLine(trello.name) || "Imported from Trello", TITLE_MAX, "name", "the board");
  // Creating a board is no command: its title is checked as POST /api/boards checks one.
  const checked = titleSchema.safeParse(title);
  if (!checked.success)
    throw new Failure(`The board's name cannot be a title: ${describeIssue(checked.error.issues[0])}`);
  b.append({ type: "BoardCreated", data: { title: checked.data } });

  // Members first, so that cards can be assigned to them.
  const memberIds = new Map<string, string>();
  for (const person of trello.members) {
    const memberId = `trello-${person.id}`;
    const name = cleanLine(person.fullName) || cleanLine(person.username) || "Trello member";
    const where = `Member “${short(name)}” (${person.id})`;
    b.run(where, { type: "addMember", memberId, name: b.fit(name, TEXT_MAX.memberName, "name", where) });
    memberIds.set(person.id, memberId);
  }

  const labelIds = new Map<string, string>();
  for (const tag of trello.labels) {
    const color = labelColor(tag.color);
    // An unnamed label is called after its colour (as Trello shows it: a bare swatch).
    const name = cleanLine(tag.name) || color;
    const where = `Label “${short(name)}” (${tag.id})`;
    const labelId = `label-${tag.id}`;
    b.run(where, { type: "addLabel", labelId, name: b.fit(name, TEXT_MAX.labelName, "name", where), color });
    labelIds.set(tag.id, labelId);
  }

  const open = byPos(trello.lists.filter((entry) => !entry.closed));
  const closed = new Set(trello.lists.filter((entry) => entry.closed).map((entry) => entry.id));
  for (const column of open) {
    const title = cleanLine(column.name) || "Untitled list";
    const where = `List “${short(title)}” (${column.id})`;
    b.run(where, { type: "addColumn", columnId: `list-${column.id}`, title: b.fit(title, TITLE_MAX, "name", where) });
  }

  const cardsByList = new Map<string, TrelloCard[]>();
  const known = new Set<string>();
  for (const entry of trello.cards) {
    known.add(entry.id);
    if (!closed.has(entry.idList) && !open.some((column) => column.id === entry.idList)) {
      const name = cleanLine(entry.name) || "Untitled card";
      throw new Failure(`Card “${short(name)}” (${entry.id}) is in list ${entry.idList}, which is not in the file.`);
    }
    const cards = cardsByList.get(entry.idList);
    if (cards) cards.push(entry);
    else cardsByList.set(entry.idList, [entry]);
  }
  const imported = new Set(open.flatMap((column) => (cardsByList.get(column.id) ?? []).map((entry) => entry.id)));

  const checklistsByCard = new Map<string, z.infer<typeof checklist>[]>();
  let checklistsLeftOut = 0;
  for (const entry of trello.checklists) {
    if (!imported.has(entry.idCard)) {
      checklistsLeftOut++;
      continue;
    }
    const lists = checklistsByCard.get(entry.idCard);
    if (lists) lists.push(entry);
    else checklistsByCard.set(entry.idCard, [entry]);
  }

  // Trello lists actions newest first; comments are imported oldest first (same date: file order reversed).
  const commentsByCard = new Map<string, { comment: TrelloComment; at: string; index: number }[]>();
  let commentsLeftOut = 0;
  trello.actions.forEach((action, index) => {
    if ((action as { type?: unknown } | null)?.type !== "commentCard") return;
    const read = comment.safeParse(action);
    if (!read.success) {
      const first = read.error.issues[0];
      throw new Failure(
        `Comment action ${index + 1} cannot be read: ${first.path.join(".")} ${first.message.replace(/\.$/, "")}.`,
      );
    }
    const cardId = read.data.data.card.id;
    if (!imported.has(cardId)) {
      commentsLeftOut++;
      return;
    }
    const at = instant(read.data.date);
    if (at === undefined) throw new Failure(`Comment ${read.data.id}: its date “${read.data.date}” is not a date.`);
    const list = commentsByCard.get(cardId);
    const entry = { comment: read.data, at, index };
    if (list) list.push(entry);
    else commentsByCard.set(cardId, [entry]);
  });

  const names = new Map(trello.members.map((person) => [person.id, cleanLine(person.fullName)]));
  for (const column of open) {
    for (const entry of byPos(cardsByList.get(column.id) ?? [])) {
      addCard(b, entry, {
        columnId: `list-${column.id}`,
        labelIds,
        memberIds,
        names,
        checklists: checklistsByCard.get(entry.id) ?? [],
        comments: (commentsByCard.get(entry.id) ?? []).sort((x, y) =>
          x.at < y.at ? -1 : x.at > y.at ? 1 : y.index - x.index,
        ),
      });
    }
  }

  const leftOutCards = trello.cards.filter((entry) => closed.has(entry.idList)).length;
  return {
    title: b.state.title,
    events: b.events,
    state: b.state,
    shortened: b.shortened,
    leftOut: { lists: closed.size, cards: leftOutCards, checklists: checklistsLeftOut, comments: commentsLeftOut },
  };
}

interface CardContext {
  readonly columnId: string;
  readonly labelIds: ReadonlyMap<string, string>;
  readonly memberIds: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  readonly checklists: readonly z.infer<typeof checklist>[];
  readonly comments: readonly { comment: TrelloComment; at: string }[];
}

function addCard(b: Builder, entry: TrelloCard, context: CardContext): void {
  const name = cleanLine(entry.name) || "Untitled card";
  const where = `Card “${short(name)}” (${entry.id})`;
  const itemId = `card-${entry.id}`;
  // A name longer than a title keeps all of it: cut as the title, and whole at the top of the description.
  const title = cutToFit(name, TITLE_MAX);
  const desc = cleanText(entry.desc);
  const whole = title === name ? desc : desc === "" ? name : `${name}\n\n${desc}`;
  b.run(where, { type: "addItem", itemId, columnId: context.columnId, title });
  if (whole !== "") {
    const description = b.fit(whole, TEXT_MAX.description, "description", where);
    b.run(where, { type: "describeItem", itemId, description });
  }
  if (entry.due) {
    const due = utcDay(entry.due);
    if (due === undefined) throw new Failure(`${where}: its due date “${entry.due}” is not a date.`);
    b.run(where, { type: "setItemDue", itemId, due });
  }
  if (entry.dueComplete) b.run(where, { type: "completeItem", itemId });
  for (const id of new Set(entry.idLabels)) {
    const labelId = context.labelIds.get(id);
    if (!labelId) throw new Failure(`${where}: its label ${id} is not among the board's labels.`);
    b.run(where, { type: "labelItem", itemId, labelId });
  }
  for (const id of new Set(entry.idMembers)) {
    const memberId = context.memberIds.get(id);
    if (!memberId) throw new Failure(`${where}: its member ${id} is not among the board's members.`);
    b.run(where, { type: "assignItem", itemId, memberId });
  }
  // A Driftless item has one checklist: several Trello checklists follow one another, each entry
  // led by its checklist's name so that the grouping shows.
  const several = context.checklists.length > 1;
  for (const list of byPos(context.checklists)) {
    const heading = cleanLine(list.name) || "Checklist";
    for (const item of byPos(list.checkItems)) {
      const own = cleanLine(item.name) || "Untitled entry";
      const text = b.fit(several ? `${heading}: ${own}` : own, TEXT_MAX.checklistEntry, "checklist entry", where);
      const entryId = `check-${item.id}`;
      b.run(where, { type: "addChecklistEntry", itemId, entryId, text });
      if (item.state === "complete") b.run(where, { type: "checkChecklistEntry", itemId, entryId });
    }
  }
  for (const { comment: said, at } of context.comments) {
    const text = cleanText(said.data.text);
    if (text === "") continue; // nothing to show: Trello keeps no empty comment either
    const authorId = said.memberCreator?.id ?? said.idMemberCreator ?? undefined;
    const authorName =
      cleanLine(said.memberCreator?.fullName) ||
      (authorId ? context.names.get(authorId) : undefined) ||
      cleanLine(said.memberCreator?.username) ||
      "Trello member";
    const commentWhere = `${where}, comment ${said.id}`;
    b.run(commentWhere, {
      type: "importComment",
      itemId,
      commentId: `comment-${said.id}`,
      text: b.fit(text, TEXT_MAX.comment, "comment", where),
      author: {
        id: authorId ? `trello-${authorId}` : "trello-unknown",
        name: b.fit(authorName, TEXT_MAX.memberName, "author's name", commentWhere),
      },
      at,
    });
  }
  // An archived card of an open list is on the board's Removed list, whole: a restore brings it back.
  if (entry.closed) b.run(where, { type: "removeItem", itemId });
}
