import "server-only";
// Query helpers: one function per query. `db` may be the database or an open transaction.
import { and, asc, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import {
  type Actor,
  type BoardRecord,
  type BoardState,
  type DomainEvent,
  EVENT_SCHEMA_VERSION,
  fromRecord,
  isEventType,
  type StoredEvent,
  toRecord,
  upcast,
} from "@/lib/domain";
import type { Database } from "./client";
import { boards, commandOutcomes, type EventRow, events, snapshots } from "./schema";

export async function insertBoard(
  db: Database,
  { id, viewToken, version }: { id: string; viewToken: string; version: number },
) {
  await db.insert(boards).values({ id, viewToken, version });
}

/**
 * The board's head version, locked until the transaction ends (appends are serialised per board),
 * and the outcome already recorded for `commandId`, if any — one round trip on the hot path.
 */
export async function lockBoardForCommand(
  db: Database,
  { boardId, commandId }: { boardId: string; commandId: string },
): Promise<{ version: number; prior?: { boardId: string; outcome: unknown } } | undefined> {
  const rows = await db
    .select({ version: boards.version, priorBoard: commandOutcomes.boardId, prior: commandOutcomes.outcome })
    .from(boards)
    .leftJoin(commandOutcomes, eq(commandOutcomes.commandId, commandId))
    .where(eq(boards.id, boardId))
    .for("update", { of: boards });
  const row = rows[0];
  if (!row) return undefined;
  return row.priorBoard === null
    ? { version: row.version }
    : { version: row.version, prior: { boardId: row.priorBoard, outcome: row.prior } };
}

/**
 * Appends a command's events, moves the head and records the outcome in ONE statement (three
 * writes, one round trip). Answers the events as stored.
 */
export async function appendCommand(
  db: Database,
  {
    boardId,
    after,
    events: appended,
    commandId,
    actor,
    at,
    outcome,
  }: {
    boardId: string;
    after: number;
    events: readonly DomainEvent[];
    commandId: string;
    actor: Actor;
    at: Date;
    outcome: (stored: StoredEvent[]) => unknown;
  },
): Promise<StoredEvent[]> {
  const rows = eventRows({ boardId, after, events: appended, commandId, actor, at });
  const stored = rows.map(toStoredEvent);
  const version = after + appended.length;
  const values = sql.join(
    rows.map(
      (row) =>
        sql`(${row.boardId}, ${row.version}, ${row.type}, ${row.schemaVersion}, ${JSON.stringify(row.data)}::jsonb, ${row.commandId}, ${row.actorId}, ${row.actorName}, ${row.at.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    WITH appended AS (
      INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
      VALUES ${values}
      RETURNING 1
    ), head AS (
      UPDATE boards SET version = ${version} WHERE id = ${boardId} RETURNING 1
    )
    INSERT INTO command_outcomes (command_id, board_id, outcome)
    VALUES (${commandId}, ${boardId}, ${JSON.stringify(outcome(stored))}::jsonb)`);
  return stored;
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

export async function recordOutcome(
  db: Database,
  { commandId, boardId, outcome }: { commandId: string; boardId: string; outcome: unknown },
) {
  await db.insert(commandOutcomes).values({ commandId, boardId, outcome });
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
  return rows.map(toStoredEvent);
}

export async function insertEvents(
  db: Database,
  {
    boardId,
    after,
    events: appended,
    commandId,
    actor,
    at,
  }: { boardId: string; after: number; events: readonly DomainEvent[]; commandId: string; actor: Actor; at: Date },
): Promise<StoredEvent[]> {
  const rows = eventRows({ boardId, after, events: appended, commandId, actor, at });
  await db.insert(events).values(rows);
  return rows.map(toStoredEvent);
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
  const stored = row?.state as { format?: number; board?: BoardRecord } | undefined;
  // A snapshot is only a cache of the fold: one of another format is ignored, never upcast.
  if (!row || stored?.format !== SNAPSHOT_FORMAT || !stored.board) return undefined;
  return { version: row.version, state: fromRecord(stored.board) };
}

/** The stored JSON is a BoardRecord, whatever shape the state has in memory: format 1 since the start. */
export const SNAPSHOT_FORMAT = 1;

export async function saveSnapshot(
  db: Database,
  { boardId, version, state }: { boardId: string; version: number; state: BoardState },
) {
  await db
    .insert(snapshots)
    .values({ boardId, version, state: { format: SNAPSHOT_FORMAT, board: toRecord(state) } })
    .onConflictDoNothing();
}

/** The rows of a command's events: versions after `after`, stamped with the actor and time. */
function eventRows({
  boardId,
  after,
  events: appended,
  commandId,
  actor,
  at,
}: {
  boardId: string;
  after: number;
  events: readonly DomainEvent[];
  commandId: string;
  actor: Actor;
  at: Date;
}) {
  return appended.map((event, index) => ({
    boardId,
    version: after + index + 1,
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    data: event.data,
    commandId,
    actorId: actor.id,
    actorName: actor.name,
    at,
  }));
}

function toStoredEvent(row: Omit<EventRow, "schemaVersion"> & { schemaVersion: number }): StoredEvent {
  if (!isEventType(row.type)) throw new Error(`Unknown event type in the log: ${row.type}`);
  return {
    version: row.version,
    ...upcast(row.type, row.schemaVersion, row.data),
    commandId: row.commandId,
    actor: { id: row.actorId, name: row.actorName },
    at: row.at.toISOString(),
  };
}
