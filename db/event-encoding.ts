// The one encoding of a stored event, each way it leaves memory: as a row of the events table
// (written, read), as its JSON text (stream frames, bus messages, exports), and a board's state
// as a snapshot. Every path uses these and nothing else (README, "Architecture": one encoding).
// Pure, with no "server-only": the bench seeds its boards with exactly these rows.
import {
  type BoardRecord,
  type BoardState,
  EVENT_SCHEMA_VERSION,
  fromRecord,
  isEventType,
  RECORD_FORMAT,
  type StoredEvent,
  toRecord,
  upcast,
} from "@/lib/domain";

/** An event as a row of the events table, less its board (the column names of db/schema.ts). */
export interface EventColumns {
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly commandId: string;
  readonly actorId: string;
  readonly actorName: string;
  /** A Date from the driver, or an ISO-8601 text. */
  readonly at: Date | string;
}

/** The columns written for one event, in the order of EVENT_COLUMNS. */
export function eventRow(event: StoredEvent): EventColumns {
  return {
    version: event.version,
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data,
    commandId: event.commandId,
    actorId: event.actor.id,
    actorName: event.actor.name,
    at: event.at,
  };
}

/** The events table's columns, in SQL. */
export const EVENT_COLUMNS = "board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at";

/**
 * A set of rows from `param`, a JSON array of `eventRow`s, as `e`: one statement writes any number
 * of events (`INSERT INTO events (EVENT_COLUMNS) SELECT <board>, ${EVENT_VALUES} FROM ${eventRecordset("$4")}`).
 */
export function eventRecordset(param: string): string {
  return `jsonb_to_recordset(${param}::text::jsonb) AS e("version" integer, "type" text, "schemaVersion" smallint,
    "data" jsonb, "commandId" text, "actorId" text, "actorName" text, "at" timestamptz)`;
}

/** The values of `eventRecordset` in the order of EVENT_COLUMNS after board_id. */
export const EVENT_VALUES = `e."version", e."type", e."schemaVersion", e."data", e."commandId", e."actorId", e."actorName", e."at"`;

/** A row read back as the StoredEvent every reader sees: older schema versions brought forward. */
export function storedEvent(row: EventColumns): StoredEvent {
  if (!isEventType(row.type)) throw new Error(`Unknown event type in the log: ${row.type}`);
  return {
    version: row.version,
    ...upcast(row.type, row.schemaVersion, row.data),
    commandId: row.commandId,
    actor: { id: row.actorId, name: row.actorName },
    at: typeof row.at === "string" ? row.at : row.at.toISOString(),
  };
}

/** An event's JSON text: what a stream frame, a bus message and an export carry. */
export function eventJson(event: StoredEvent): string {
  return jsonAround(event.version, event.type, JSON.stringify(event.data), event);
}

/**
 * The same JSON text, built around the `data` text Postgres sent (`data::text`) instead of parsing
 * and serialising it again: a catch-up or an export of thousands of events is mostly this. `at`
 * must be ISO-8601 in UTC with milliseconds, as `EVENT_TEXT` selects it.
 */
export function eventJsonOfText(row: EventText): string {
  // An older row is brought forward by `upcast`, as every other read does.
  if (row.schemaVersion !== EVENT_SCHEMA_VERSION) return eventJson(storedEventOfText(row));
  if (!isEventType(row.type)) throw new Error(`Unknown event type in the log: ${row.type}`);
  return jsonAround(row.version, row.type, row.data, {
    commandId: row.commandId,
    actor: { id: row.actorId, name: row.actorName },
    at: row.at,
  });
}

/** `at` as `eventJsonOfText` needs it, in SQL (the same text as `Date.toISOString`). */
export const EVENT_AT_TEXT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The events table's columns as an `EventText` row in SQL (for `SELECT ${EVENT_TEXT} FROM events`):
 * named as `EventColumns`, with `data` as Postgres' jsonb text and `at` as `EVENT_AT_TEXT`.
 */
export const EVENT_TEXT = `version, type, schema_version AS "schemaVersion", data::text AS data, command_id AS "commandId",
  actor_id AS "actorId", actor_name AS "actorName", ${EVENT_AT_TEXT} AS at`;

/** A row selected as `EVENT_TEXT`. */
export type EventText = EventColumns & { readonly data: string; readonly at: string };

/** An `EVENT_TEXT` row as the StoredEvent every reader sees. */
export function storedEventOfText(row: EventText): StoredEvent {
  return storedEvent({ ...row, data: JSON.parse(row.data) });
}

// The keys in the order of a StoredEvent built by `storedEvent`, so JSON.parse of either gives
// the same object; `data` may be Postgres' jsonb text (its own spacing and key order).
function jsonAround(
  version: number,
  type: string,
  data: string,
  { commandId, actor, at }: Pick<StoredEvent, "commandId" | "actor" | "at">,
): string {
  return `{"version":${version},"type":"${type}","data":${data},"commandId":${JSON.stringify(commandId)},"actor":{"id":${JSON.stringify(actor.id)},"name":${JSON.stringify(actor.name)}},"at":"${at}"}`;
}

/**
 * A snapshot's stored JSON: a BoardRecord, whatever shape the state has in memory, in
 * RECORD_FORMAT (1 until v2; 2 since: a v1 snapshot lacks the members, the details and the bin of
 * removed things, so it is ignored and the board is folded from its events instead).
 */
export interface SnapshotJson {
  readonly format: number;
  readonly board: BoardRecord;
}

export const SNAPSHOT_FORMAT = RECORD_FORMAT;

export function snapshotJson(state: BoardState): SnapshotJson {
  return { format: SNAPSHOT_FORMAT, board: toRecord(state) };
}

/** The state a snapshot holds; undefined for one of another format (a cache is ignored, never upcast). */
export function stateOfSnapshot(stored: unknown): BoardState | undefined {
  const snapshot = stored as Partial<SnapshotJson> | undefined;
  if (snapshot?.format !== SNAPSHOT_FORMAT || !snapshot.board) return undefined;
  return fromRecord(snapshot.board);
}
