// Hostile files, generated (fast-check): a real Driftless export and a real Trello export, each
// damaged in one place — a field deleted, a value replaced by any JSON or a hostile string, a list
// shuffled, cut or doubled — and arbitrary JSON besides. Whatever arrives at POST /api/boards/import,
// the answer is never a 5xx, and a refused file leaves no row in the database.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { closeHub } from "@/lib/server/live/hub";
import { awkwardTrelloBoard, trelloBoard } from "../fixtures/trello";
import { command, createBoardRaw, exportText, getBoard, importFile, newId, send } from "./api";

const RUNS = Number(process.env.IMPORT_FUZZ_RUNS ?? 200);

afterAll(async () => {
  await closeHub();
  await closeStore();
});

/** A board's export whose every actor id starts with `marker` (so rows it might write are found). */
let driftlessText: string;
let actorMarker: string;

beforeAll(async () => {
  actorMarker = `fuzz-${randomUUID().slice(0, 8)}`;
  const headers = { cookie: `driftless_actor=${actorMarker}-owner-0001; driftless_name=Fuzz` };
  const created = await createBoardRaw({ title: "Fuzz me" }, headers);
  const { boardId } = created.body;
  const [column, item, label] = [newId("col"), newId("item"), newId("label")];
  await send(
    boardId,
    {
      commands: [
        command("addColumn", { columnId: column, title: "To do" }),
        command("addItem", { itemId: item, columnId: column, title: "Milk" }),
        command("describeItem", { itemId: item, description: "Oat" }),
        command("addLabel", { labelId: label, name: "Urgent", color: "red" }),
        command("labelItem", { itemId: item, labelId: label }),
        command("addChecklistEntry", { itemId: item, entryId: newId("entry"), text: "Shop" }),
        command("commentOnItem", { itemId: item, commentId: newId("comment"), text: "Noon" }),
        command("removeItem", { itemId: item }),
        command("restoreItem", { itemId: item }),
      ],
    },
    headers,
  );
  driftlessText = (await exportText(boardId)).text;
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (objects' keys, arrays' indexes), depth first. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) found.push(...paths(entry, [...prefix, index]));
  } else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) found.push(...paths(entry, [...prefix, key]));
  }
  return found;
}

type Damage =
  | { kind: "delete" }
  | { kind: "replace"; value: Json }
  | { kind: "shuffle"; seed: number }
  | { kind: "truncate" }
  | { kind: "double" };

/** `file` with the thing at `path` damaged (the root cannot be deleted: it is replaced instead). */
function damage(file: Json, path: (string | number)[], how: Damage): Json {
  const copy = structuredClone(file);
  if (path.length === 0) return how.kind === "replace" ? how.value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const key = path[path.length - 1];
  const target = parent[key];
  switch (how.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case "replace":
      parent[key] = how.value;
      break;
    case "shuffle":
      if (Array.isArray(target))
        target.sort((a, b) => (JSON.stringify([a, how.seed]) < JSON.stringify([b, how.seed]) ? -1 : 1));
      break;
    case "truncate":
      if (Array.isArray(target)) target.splice(Math.floor(target.length / 2));
      else if (typeof target === "string") parent[key] = target.slice(0, Math.floor(target.length / 2));
      break;
    case "double":
      if (Array.isArray(target)) target.push(...structuredClone(target));
      break;
  }
  return copy;
}

const hostile = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    "",
    "\u0000",
    "\ud800",
    "\udfff",
    "\u2028",
    "x".repeat(70_000),
    "💥".repeat(300),
    "__proto__",
    -1,
    1e308,
    0.5,
    "2026-13-45T99:99:99.999Z",
    "ffffffffffffffffffffffff",
    [],
    {},
    null,
  ),
);
const damages: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant<Damage>({ kind: "delete" }),
  hostile.map((value): Damage => ({ kind: "replace", value })),
  fc.integer().map((seed): Damage => ({ kind: "shuffle", seed })),
  fc.constant<Damage>({ kind: "truncate" }),
  fc.constant<Damage>({ kind: "double" }),
);

/** A file damaged in one place, picked among all its paths. */
function damaged(original: () => Json) {
  return fc.tuple(fc.nat(), damages).map(([pick, how]) => {
    const file = original();
    const all = paths(file);
    return damage(file, all[pick % all.length], how);
  });
}

async function counts() {
  const store = await getStore();
  const [row] = await store.query<{ boards: number; events: number; orphans: number; ours: number }>(
    `SELECT (SELECT count(*) FROM boards)::int AS boards, (SELECT count(*) FROM events)::int AS events,
            (SELECT count(*) FROM boards b WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.board_id = b.id))::int AS orphans,
            (SELECT count(*) FROM events WHERE starts_with(actor_id, $1))::int AS ours`,
    [actorMarker],
  );
  return { ...row, pglite: store.kind === "pglite" };
}

/** Imports `file` as an importer whose id carries the marker; checks the answer and the rows it left. */
async function importAndCheck(file: Json) {
  const before = await counts();
  const importer = `${actorMarker}-importer-${randomUUID().slice(0, 8)}`;
  const answer = await importFile(JSON.stringify(file) ?? "null", { cookie: `driftless_actor=${importer}` });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  const after = await counts();
  expect(after.orphans).toBe(0);
  if (answer.status === 201) {
    // Accepted: the whole board is there, and it reads.
    expect((await getBoard(answer.body.boardId)).status).toBe(200);
    const store = await getStore();
    const [written] = await store.query<{ events: number; last: number }>(
      "SELECT count(*)::int AS events, max(version)::int AS last FROM events WHERE board_id = $1",
      [answer.body.boardId],
    );
    expect(written).toEqual({ events: answer.body.version, last: answer.body.version });
    if (before.pglite) expect(after.events - before.events).toBe(answer.body.version);
    return true;
  }
  expect(answer.body.status).toBe("rejected");
  expect(typeof answer.body.reason).toBe("string");
  // Refused: not one row of it. (The embedded store is this file's alone, so there every count holds.)
  expect(after.ours).toBe(before.ours);
  if (before.pglite) expect([after.boards, after.events]).toEqual([before.boards, before.events]);
  return false;
}

describe("hostile files", () => {
  it(`POST /api/boards/import: ${RUNS} damaged Driftless exports, never a 5xx, never a partial board`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        damaged(() => JSON.parse(driftlessText)),
        async (file) => {
          if (await importAndCheck(file)) accepted++;
        },
      ),
      { numRuns: RUNS },
    );
    // Some damage leaves a file that still folds (a shuffled header, say); most does not.
    expect(accepted).toBeLessThan(RUNS);
  }, 600_000);

  it(`POST /api/boards/import: ${RUNS} damaged Trello exports, never a 5xx, never a partial board`, async () => {
    const small = JSON.stringify(trelloBoard({ seed: 5, cards: 12, actions: 20, lists: 3 }));
    const awkward = JSON.stringify(awkwardTrelloBoard().board);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          damaged(() => JSON.parse(small)),
          damaged(() => JSON.parse(awkward)),
        ),
        async (file) => {
          await importAndCheck(file);
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`POST /api/boards/import: ${RUNS} arbitrary JSON values and bodies, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue() as fc.Arbitrary<Json>,
          fc.record({
            format: fc.constant("driftless-board"),
            formatVersion: fc.jsonValue(),
            events: fc.jsonValue(),
          }) as fc.Arbitrary<Json>,
          fc.record({
            lists: fc.array(fc.jsonValue(), { maxLength: 3 }),
            cards: fc.array(fc.jsonValue(), { maxLength: 3 }),
          }) as fc.Arbitrary<Json>,
        ),
        async (file) => {
          await importAndCheck(file);
        },
      ),
      { numRuns: RUNS },
    );
    for (const body of ["", "{", "[[[[[[[[", new Uint8Array([0xff, 0xfe, 0x00])]) {
      const answer = await importFile(body);
      expect(answer.status).toBe(400);
    }
  }, 600_000);
});
