import "server-only";
// Query helpers: one function per query. `db` may be the database or an open transaction.
import { and, asc, desc, eq, gt, inArray, lte } from "drizzle-orm";
import type { BoardState, StoredEvent } from "@/lib/domain";
import type { Database, Store } from "./client";
import {
  EVENT_COLUMNS,
  EVENT_TEXT,
  EVENT_VALUES,
  type EventText,
  eventJsonOfText,
  eventRecordset,
  eventRow,
  snapshotJson,
  stateOfSnapshot,
  storedEvent,
  storedEventOfText,
} from "./event-encoding";
import { boards, events, serverSecrets, snapshots } from "./schema";

export async function insertBoard(
  db: Database,
  { id, viewToken, version }: { id: string; viewToken: string; version: number },
) {
  await db.insert(boards).values({ id, viewToken, version });
}

/** The rows a group of commands appends, and the outcome recorded for each of its commands. */
export interface AppendGroup {
  readonly boardId: string;
  /** The head the commands were decided on: the group is written only if the board is still there. */
  readonly expected: number;
  readonly events: readonly StoredEvent[];
  readonly outcomes: readonly { readonly commandId: string; readonly outcome: unknown }[];
  /** The group creates the board (`expected` is 0): its row is inserted with this view token. */
  readonly creates?: { readonly viewToken: string };
}

// One statement, so one round trip and its own transaction: the head moves from `expected` to the
// last appended version only if it is still at `expected` (the UPDATE locks the board row, so a
// concurrent writer waits, then finds the head moved), and the events and outcomes are inserted
// only through that UPDATE's row. A head that moved writes nothing; a commandId seen before fails
// the whole statement on its primary key.
const groupThrough = (head: string, answer: string) => `
WITH head AS (
  ${head}
), appended AS (
  INSERT INTO events (${EVENT_COLUMNS})
  SELECT head.id, ${EVENT_VALUES} FROM head, ${eventRecordset("$4")}
), recorded AS (
  INSERT INTO command_outcomes (command_id, board_id, outcome)
  SELECT o.command_id, head.id, o.outcome
  FROM head, jsonb_to_recordset($5::text::jsonb) AS o(command_id text, outcome jsonb)
)
SELECT count(*)::integer AS written${answer} FROM head`;

// A head that moved answers the events after `expected` with the refusal, as the statement's
// snapshot sees them, so the writer folds them and decides again without another read (another
// instance appended since this one last heard of the board: with round-robin load balancing and
// no stream of the board here, that is every other command). They may stop short of the head
// when the other append committed while this statement waited for the row: the next attempt
// then finds the head moved again, and reads on from there.
const APPEND_GROUP = groupThrough(
  "UPDATE boards SET version = $3 WHERE id = $1 AND version = $2 RETURNING id",
  `, CASE WHEN count(*) = 0 THEN (
    SELECT coalesce(json_agg(since ORDER BY since.version), '[]')::text
    FROM (SELECT ${EVENT_TEXT} FROM events WHERE board_id = $1 AND version > $2) since
  ) END AS since`,
);

// A group that creates its board: the same, through the board's new row; a board id taken
// meanwhile (another instance, the same creation replayed there) inserts no row and writes nothing.
// $2 is the view token here (the head a creation is decided on is always 0).
const CREATE_GROUP = groupThrough(
  "INSERT INTO boards (id, view_token, version) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id",
  "",
);

/** What an append came to: written, or not (with the events since `expected`, for a board that exists). */
export type AppendResult =
  | { readonly written: true }
  | { readonly written: false; readonly since?: readonly StoredEvent[] };

/**
 * Appends a group of decided commands in one statement. Answers not written, writing nothing, when
 * the board's head is no longer `expected` (another instance appended: decide again on the new
 * state, which the answer's events lead to).
 */
export async function appendGroup(store: Pick<Store, "query">, group: AppendGroup): Promise<AppendResult> {
  const { boardId, expected, events: appended, outcomes } = group;
  const version = appended.length > 0 ? appended[appended.length - 1].version : expected;
  const recorded = outcomes.map(({ commandId, outcome }) => ({ command_id: commandId, outcome }));
  const [row] = await store.query<{ written: number; since?: string | null }>(
    group.creates ? CREATE_GROUP : APPEND_GROUP,
    [
      boardId,
      group.creates ? group.creates.viewToken : expected,
      version,
      JSON.stringify(appended.map(eventRow)),
      JSON.stringify(recorded),
    ],
  );
  if (row.written === 1) return { written: true };
  return typeof row.since === "string"
    ? { written: false, since: (JSON.parse(row.since) as EventText[]).map(storedEventOfText) }
    : { written: false };
}

// A new board and its whole log in ONE statement (so one transaction, and one round trip however
// many events): the board row, then every event through that row. A failure anywhere writes
// nothing, so an import is all there or not there at all.
const INSERT_BOARD_WITH_EVENTS = `
WITH board AS (
  INSERT INTO boards (id, view_token, version) VALUES ($1, $2, $3) RETURNING id
)
INSERT INTO events (${EVENT_COLUMNS})
SELECT board.id, ${EVENT_VALUES} FROM board, ${eventRecordset("$4")}`;

/** Writes a new board with events 1..N (an import: decided whole before this, written once). */
export async function insertBoardWithEvents(
  store: Pick<Store, "query">,
  { boardId, viewToken, events: written }: { boardId: string; viewToken: string; events: readonly StoredEvent[] },
): Promise<void> {
  await store.query(INSERT_BOARD_WITH_EVENTS, [
    boardId,
    viewToken,
    written.length,
    JSON.stringify(written.map(eventRow)),
  ]);
}

/** The outcomes recorded for any of `commandIds`, with the board each was sent to. */
export async function readOutcomes(
  store: Pick<Store, "query">,
  { commandIds }: { commandIds: readonly string[] },
): Promise<Map<string, { boardId: string; outcome: unknown }>> {
  const rows = await store.query<{ command_id: string; board_id: string; outcome: unknown }>(
    `SELECT command_id, board_id, outcome FROM command_outcomes
     WHERE command_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(commandIds)],
  );
  return new Map(rows.map((row) => [row.command_id, { boardId: row.board_id, outcome: row.outcome }]));
}

export async function readHead(db: Database, { boardId }: { boardId: string }): Promise<number | undefined> {
  const rows = await db.select({ version: boards.version }).from(boards).where(eq(boards.id, boardId));
  return rows[0]?.version;
}

/** The head versions of several boards at once (the live hub's safety check: one query per tick). */
export async function readHeads(
  db: Database,
  { boardIds }: { boardIds: readonly string[] },
): Promise<Map<string, { version: number; viewToken: string }>> {
  const heads = new Map<string, { version: number; viewToken: string }>();
  // In chunks: a statement has at most 65,535 bind parameters.
  for (let start = 0; start < boardIds.length; start += 5000) {
    const rows = await db
      .select({ id: boards.id, version: boards.version, viewToken: boards.viewToken })
      .from(boards)
      .where(inArray(boards.id, boardIds.slice(start, start + 5000)));
    for (const row of rows) heads.set(row.id, { version: row.version, viewToken: row.viewToken });
  }
  return heads;
}

/** Replaces the board's view token: the old one stops opening it at once. */
export async function replaceViewToken(
  db: Database,
  { boardId, viewToken }: { boardId: string; viewToken: string },
): Promise<string | undefined> {
  const rows = await db
    .update(boards)
    .set({ viewToken })
    .where(eq(boards.id, boardId))
    .returning({ viewToken: boards.viewToken });
  return rows[0]?.viewToken;
}

export async function readViewToken(db: Database, { boardId }: { boardId: string }): Promise<string | undefined> {
  const rows = await db.select({ viewToken: boards.viewToken }).from(boards).where(eq(boards.id, boardId));
  return rows[0]?.viewToken;
}

/** The board a view token opens, with its head version. */
export async function findBoardByViewToken(
  db: Database,
  { viewToken }: { viewToken: string },
): Promise<{ boardId: string; version: number } | undefined> {
  const rows = await db
    .select({ boardId: boards.id, version: boards.version })
    .from(boards)
    .where(eq(boards.viewToken, viewToken));
  return rows[0];
}

/** Events with version in (after, upTo], in order, at most `limit`. */
export async function readEvents(
  db: Database,
  { boardId, after, upTo, limit }: { boardId: string; after: number; upTo?: number; limit?: number },
): Promise<StoredEvent[]> {
  const range = and(
    eq(events.boardId, boardId),
    gt(events.version, after),
    upTo === undefined ? undefined : lte(events.version, upTo),
  );
  const query = db.select().from(events).where(range).orderBy(asc(events.version));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map(storedEvent);
}

/** The bytes of an event's frame besides its data, commandId and actor (keys, version, type, time). */
const FRAME_ALLOWANCE = 160;

/** A stored event as its JSON text (what a stream sends), with its version. */
export interface EventJson {
  readonly version: number;
  readonly json: string;
}

// The board's head and the events after a version in ONE statement (one snapshot: the head is
// exactly where these events end once it is reached). At most $3 events, and no more of them than
// fit in $4 bytes of frames (the first always comes): a page of big events (long descriptions)
// must not become one huge read and one huge write. A frame's bytes are estimated from the text
// Postgres sends and a fixed allowance for the keys around it. No row: no such board.
const READ_AFTER = `
SELECT b.version AS head, e.version, e.type, e."schemaVersion", e.data, e."commandId", e."actorId", e."actorName", e.at
FROM boards b
LEFT JOIN LATERAL (
  SELECT page.* FROM (
    SELECT sized.*, sum(sized.bytes) OVER (ORDER BY sized.version) AS through FROM (
      SELECT tail.*, octet_length(tail.data) + octet_length(tail."commandId") + octet_length(tail."actorId")
                     + octet_length(tail."actorName") + ${FRAME_ALLOWANCE} AS bytes
      FROM (
        SELECT ${EVENT_TEXT}
        FROM events WHERE board_id = b.id AND version > $2 ORDER BY version LIMIT $3
      ) tail
    ) sized
  ) page
  WHERE page.through - page.bytes < $4
) e ON true
WHERE b.id = $1`;

type EventTextRow = Omit<EventText, "version"> & {
  readonly head: number;
  /** Null on the one row of a board with no events after the position. */
  readonly version: number | null;
};

/**
 * The board's head and up to `limit` events after `after` (and about `maxBytes` of frames at most,
 * one event whatever its size), each as the JSON of its StoredEvent,
 * built around the stored `data` text rather than parsed and serialised again (a catch-up of
 * thousands of events is mostly this). Undefined when the board does not exist.
 */
export async function readEventsAfter(
  store: Pick<Store, "query">,
  { boardId, after, limit, maxBytes }: { boardId: string; after: number; limit: number; maxBytes: number },
): Promise<{ head: number; events: EventJson[] } | undefined> {
  // No frame is estimated below FRAME_ALLOWANCE bytes: more rows than this could not fit anyway,
  // and reading (and converting) them only to drop them would make every page cost a full read.
  const rowsAtMost = Math.min(limit, Math.ceil(maxBytes / FRAME_ALLOWANCE));
  const rows = await store.query<EventTextRow & Record<string, unknown>>(READ_AFTER, [
    boardId,
    after,
    rowsAtMost,
    maxBytes,
  ]);
  if (rows.length === 0) return undefined;
  const events: EventJson[] = [];
  let ordered = true;
  for (const row of rows) {
    if (row.version === null) continue;
    if (events.length > 0 && row.version < events[events.length - 1].version) ordered = false;
    events.push({ version: row.version, json: eventJsonOfText({ ...row, version: row.version }) });
  }
  // The join keeps the inner ORDER BY in practice; SQL does not promise it, so it is checked
  // here (a pass over the rows) rather than paid for with a second sort in Postgres.
  if (!ordered) events.sort((a, b) => a.version - b.version);
  return { head: rows[0].head, events };
}

/**
 * The shared secret called `name`: the one stored, or `fresh` stored now if there was none. Two
 * instances asking at once both get the first one written.
 */
export async function readOrCreateSecret(
  db: Database,
  { name, fresh }: { name: string; fresh: string },
): Promise<string> {
  await db.insert(serverSecrets).values({ name, value: fresh }).onConflictDoNothing();
  const rows = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name));
  return rows[0].value;
}

export async function latestSnapshot(
  db: Database,
  { boardId, atMost }: { boardId: string; atMost: number },
): Promise<{ version: number; state: BoardState } | undefined> {
  const rows = await db
    .select({ version: snapshots.version, state: snapshots.state })
    .from(snapshots)
    .where(and(eq(snapshots.boardId, boardId), lte(snapshots.version, atMost)))
    .orderBy(desc(snapshots.version))
    .limit(1);
  const row = rows[0];
  // A snapshot is only a cache of the fold: one of another format is ignored, never upcast.
  const state = row && stateOfSnapshot(row.state);
  return state && { version: row.version, state };
}

export async function saveSnapshot(
  db: Database,
  { boardId, version, state }: { boardId: string; version: number; state: BoardState },
) {
  await db
    .insert(snapshots)
    .values({ boardId, version, state: snapshotJson(state) })
    .onConflictDoNothing();
}
