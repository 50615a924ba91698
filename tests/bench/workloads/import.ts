// Importing a file of thousands of events and a Trello board, against bare scripts writing the
// same rows.

import { randomBytes, randomUUID } from "node:crypto";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import type { DomainEvent, StoredEvent } from "@/lib/domain";
import { decideImport } from "@/lib/domain/import";
import { trelloBoard } from "../../fixtures/trello";
import { againstFloor, quick, record, round, sql } from "../context";
import { FOLD_ACTORS, FOLD_LABEL, foldEvents } from "../fold-events";
import { now, summary } from "../lib";
import { driftless } from "../servers";

/**
 * The import floors: the same rows written by a bare postgres.js script, with the board row, in
 * the ways a script would write many rows at once — one INSERT … SELECT from a JSON parameter
 * (jsonb_to_recordset) in a transaction, the same with the board row in one statement, and
 * multi-row INSERT … VALUES in chunks (a statement takes at most 65,535 parameters: 7,000 rows of
 * 9). Each serialises its own rows. The fastest is the floor.
 */
/** An event as a row of the events table (without its board), as each floor variant serialises it. */
function eventRow(e: StoredEvent) {
  return {
    version: e.version,
    type: e.type,
    schema_version: 1,
    data: e.data,
    command_id: e.commandId,
    actor_id: e.actor.id,
    actor_name: e.actor.name,
    at: e.at,
  };
}

async function floorImports(events: readonly StoredEvent[]) {
  const json = async () => {
    const boardId = randomBytes(16).toString("base64url");
    const rows = events.map(eventRow);
    await sql.begin(async (tx) => {
      await tx`INSERT INTO boards (id, view_token, version) VALUES (${boardId}, ${randomBytes(16).toString("base64url")}, ${events.length})`;
      await tx.unsafe(
        `INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
         SELECT $1, e.version, e.type, e.schema_version, e.data, e.command_id, e.actor_id, e.actor_name, e.at
         FROM jsonb_to_recordset($2::text::jsonb) AS e(version integer, type text, schema_version smallint, data jsonb,
           command_id text, actor_id text, actor_name text, at timestamptz)`,
        [boardId, JSON.stringify(rows)],
      );
    });
  };
  // The board row and the events in one statement: no BEGIN/COMMIT round trips at all.
  const statement = async () => {
    const rows = events.map(eventRow);
    await sql.unsafe(
      `WITH board AS (INSERT INTO boards (id, view_token, version) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
       SELECT board.id, e.version, e.type, e.schema_version, e.data, e.command_id, e.actor_id, e.actor_name, e.at
       FROM board, jsonb_to_recordset($4::text::jsonb) AS e(version integer, type text, schema_version smallint, data jsonb,
         command_id text, actor_id text, actor_name text, at timestamptz)`,
      [
        randomBytes(16).toString("base64url"),
        randomBytes(16).toString("base64url"),
        events.length,
        JSON.stringify(rows),
      ],
    );
  };
  const values = async () => {
    const boardId = randomBytes(16).toString("base64url");
    await sql.begin(async (tx) => {
      await tx`INSERT INTO boards (id, view_token, version) VALUES (${boardId}, ${randomBytes(16).toString("base64url")}, ${events.length})`;
      for (let start = 0; start < events.length; start += 7000) {
        const chunk = events
          .slice(start, start + 7000)
          .map((e) => ({ board_id: boardId, ...eventRow(e), data: e.data as never }));
        await tx`INSERT INTO events ${tx(chunk)}`;
      }
    });
  };
  return { json, statement, values };
}

/**
 * Median ms of `times` runs of `work`, after two untimed runs (a fresh server's first imports run
 * cold code). Runs are a second apart, on both sides: an import writes its board's snapshot after
 * it answers, and that write must not land on the next run's clock.
 */
async function medianMs(times: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  await work();
  const taken: number[] = [];
  for (let n = 0; n < times; n++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const t0 = now();
    await work();
    taken.push(now() - t0);
  }
  return summary(taken).p50;
}

export async function benchImport() {
  console.log("import");
  const server = await driftless();
  const stamp = {
    actor: { id: "bench-importer-0001", name: "Bench" },
    at: new Date().toISOString(),
    commandId: randomUUID(),
  };
  const trello = JSON.stringify(trelloBoard({ seed: 2026, cards: 1_000, actions: 5_000, lists: 8 }));
  const trelloEvents = decideImport(JSON.parse(trello), stamp);
  if (!trelloEvents.ok) throw new Error(trelloEvents.reason);
  const total = quick ? 10_000 : 50_000;
  const [first] = FOLD_ACTORS;
  const opening: StoredEvent[] = (
    [
      { type: "BoardCreated", data: { title: "Fold" } },
      { type: "ColumnAdded", data: { columnId: "column-fold-00000000001", title: "All", position: "a0" } },
      { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
    ] as DomainEvent[]
  ).map(
    (event, index) =>
      ({
        version: index + 1,
        ...event,
        commandId: randomUUID(),
        actor: first,
        at: "2026-01-01T00:00:00.000Z",
      }) as StoredEvent,
  );
  // The client-fold events, with positions made as decide makes them (the fold never reads them;
  // an import checks each is an order key).
  const itemKeys = generateNKeysBetween(null, null, 2000);
  const lastEntry = new Map<string, string>();
  const logEvents = [...opening, ...foldEvents(total - opening.length)].map((event) => {
    if (event.type === "ItemAdded") {
      return { ...event, data: { ...event.data, position: itemKeys[Number(event.data.itemId.slice(-12))] } };
    }
    if (event.type === "ChecklistEntryAdded") {
      const position = generateKeyBetween(lastEntry.get(event.data.itemId) ?? null, null);
      lastEntry.set(event.data.itemId, position);
      return { ...event, data: { ...event.data, position } };
    }
    return event;
  }) as StoredEvent[];
  const exported = JSON.stringify({
    format: "driftless-board",
    formatVersion: 1,
    title: "Fold",
    version: logEvents.length,
    exportedAt: new Date().toISOString(),
    events: logEvents,
  });
  const runsEach = quick ? 3 : 7;
  for (const [label, text, events] of [
    [
      `Trello file, 1,000 cards, 5,000 actions (${trelloEvents.events.length.toLocaleString("en-US")} events)`,
      trello,
      trelloEvents.events,
    ],
    [`Driftless export, ${total.toLocaleString("en-US")} events`, exported, logEvents],
  ] as const) {
    const driftlessMs = await medianMs(runsEach, async () => {
      const response = await fetch(`${server.url}/api/boards/import`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      const body = (await response.json()) as { version?: number; reason?: string };
      if (response.status !== 201) throw new Error(`import answered ${response.status}: ${body.reason}`);
      if (body.version !== events.length) throw new Error(`import wrote ${body.version} events, not ${events.length}`);
    });
    const floors = await floorImports(events);
    const jsonMs = await medianMs(runsEach, floors.json);
    const statementMs = await medianMs(runsEach, floors.statement);
    const valuesMs = await medianMs(runsEach, floors.values);
    const floor = Math.min(jsonMs, statementMs, valuesMs);
    console.log(
      `  (floors: INSERT … SELECT from JSON ${round(jsonMs)} ms, the same and the board row in one statement ${round(statementMs)} ms, INSERT … VALUES in chunks ${round(valuesMs)} ms; a ${(text.length / 2 ** 20).toFixed(1)} MB file)`,
    );
    record({
      workload: "import",
      figure: `${label}: ms to 201`,
      ...againstFloor(driftlessMs, floor, { most: 3 }),
    });
  }
  await server.stop();
}
