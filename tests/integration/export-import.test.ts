// GET /api/boards/:id/export, GET /api/boards/:id/export.csv and POST /api/boards/import, through
// the real route handlers on the real store (PGlite, and Postgres when DATABASE_URL is set).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { visitorFrom } from "@/lib/server/actor";
import { actorKeys } from "@/lib/server/actor-secret";
import { closeHub } from "@/lib/server/live/hub";
import { awkwardTrelloBoard } from "../fixtures/trello";
import {
  command,
  createBoardRaw,
  exportCsv,
  exportText,
  getBoard,
  getLog,
  importFile,
  newId,
  send,
  signedVisitor,
} from "./api";

afterAll(async () => {
  await closeHub();
  await closeStore();
});

/**
 * A browser with its own signed cookie (made with the store open now). Events name it by a
 * per-board pseudonym (`idOn`); `tag` is a string of its own to mark a file's actors with.
 */
async function person(name: string) {
  const visitor = await signedVisitor();
  const keys = await actorKeys();
  const value = visitor.cookie.slice("driftless_actor=".length);
  return {
    name,
    tag: `actor-${name.toLowerCase()}-${randomUUID().slice(0, 12)}`,
    headers: { cookie: `${visitor.cookie}; driftless_name=${encodeURIComponent(name)}` },
    idOn: (boardId: string) =>
      visitorFrom((cookie) => (cookie === "driftless_actor" ? value : undefined), keys).forBoard(boardId).id,
  };
}
let ana: Awaited<ReturnType<typeof person>>;
let ben: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  ana = await person("Ana");
  ben = await person("Ben");
});

async function run(boardId: string, who: { headers: Record<string, string> }, ...commands: object[]) {
  const answer = await send(boardId, { commands }, who.headers);
  expect(answer.status).toBe(200);
  for (const result of answer.body.results) expect(result.status, JSON.stringify(result)).toBe("accepted");
}

/** A board with a history of most kinds of change, by two people. */
async function richBoard(title: string) {
  const created = await createBoardRaw({ title: "First title" }, ana.headers);
  expect(created.status).toBe(201);
  const { boardId } = created.body;
  const [todo, done, old] = [newId("col"), newId("col"), newId("col")];
  const [milk, eggs, tea, gone] = [newId("item"), newId("item"), newId("item"), newId("item")];
  const [urgent, entry, note, reply] = [newId("label"), newId("entry"), newId("comment"), newId("comment")];
  await run(
    boardId,
    ana,
    command("addColumn", { columnId: todo, title: "To do" }),
    command("addColumn", { columnId: done, title: "Done" }),
    command("addColumn", { columnId: old, title: "Old" }),
    command("addItem", { itemId: milk, columnId: todo, title: "Milk" }),
    command("addItem", { itemId: eggs, columnId: todo, title: "Eggs" }),
    command("addItem", { itemId: tea, columnId: old, title: "Tea" }),
    command("addItem", { itemId: gone, columnId: todo, title: "Gone" }),
    command("renameItem", { itemId: eggs, title: "Eggs, free range" }),
    command("moveItem", { itemId: eggs, columnId: done, afterItemId: null }),
    command("completeItem", { itemId: eggs }),
    command("describeItem", { itemId: milk, description: "Oat.\nTwo litres." }),
    command("setItemDue", { itemId: milk, due: "2027-01-31" }),
    command("addLabel", { labelId: urgent, name: "Urgent", color: "red" }),
    command("labelItem", { itemId: milk, labelId: urgent }),
    command("assignItem", { itemId: milk, memberId: ana.idOn(boardId) }),
    command("addChecklistEntry", { itemId: milk, entryId: entry, text: "Find a shop" }),
    command("checkChecklistEntry", { itemId: milk, entryId: entry }),
    command("commentOnItem", { itemId: milk, commentId: note, text: "I'll go at noon." }),
    command("setColumnLimit", { columnId: todo, limit: 3 }),
    command("removeItem", { itemId: gone }),
    command("removeColumn", { columnId: old }),
  );
  await run(
    boardId,
    ben,
    command("commentOnItem", { itemId: milk, commentId: reply, text: "Get two." }),
    command("assignItem", { itemId: milk, memberId: ben.idOn(boardId) }),
    command("restoreItem", { itemId: gone }),
    command("renameBoard", { title }),
  );
  await run(boardId, ana, command("editComment", { commentId: note, text: "I'll go at one." }));
  return boardId;
}

/** Every row count the import could leave behind, and the events of actors whose id starts with `actorId`. */
async function rows(actorId: string) {
  const store = await getStore();
  const [counts] = await store.query<{ boards: number; events: number; orphans: number; ours: number }>(
    `SELECT (SELECT count(*) FROM boards)::int AS boards,
            (SELECT count(*) FROM events)::int AS events,
            (SELECT count(*) FROM boards b WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.board_id = b.id))::int AS orphans,
            (SELECT count(*) FROM events WHERE starts_with(actor_id, $1))::int AS ours`,
    [actorId],
  );
  return { ...counts, store: store.kind };
}

/** Expects that nothing was written since `before`: no rows naming the actor, no board without events. */
async function expectNothingCreated(before: Awaited<ReturnType<typeof rows>>, actorId: string) {
  const after = await rows(actorId);
  expect(after.ours).toBe(0);
  expect(after.orphans).toBe(0);
  // On the embedded store this file has the database to itself: not one row more, anywhere.
  if (after.store === "pglite")
    expect({ boards: after.boards, events: after.events }).toEqual({ boards: before.boards, events: before.events });
}

describe("GET /api/boards/:boardId/export", () => {
  let boardId: string;
  let text: string;
  let headers: Headers;
  beforeAll(async () => {
    boardId = await richBoard("Plan – Q3 ✓");
    const answer = await exportText(boardId);
    expect(answer.status).toBe(200);
    ({ text, headers } = answer);
  });

  it("answers a JSON download named after the board, with an RFC 5987 name for what ASCII cannot say", () => {
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(headers.get("content-disposition")).toBe(
      `attachment; filename="Plan _ Q3 _.driftless.json"; filename*=UTF-8''Plan%20%E2%80%93%20Q3%20%E2%9C%93.driftless.json`,
    );
  });

  it("holds the whole log as GET …/log gives it, under the format's header", async () => {
    const file = JSON.parse(text);
    const log = await getLog(boardId, "?limit=5000");
    expect(Object.keys(file)).toEqual(["format", "formatVersion", "title", "version", "exportedAt", "events"]);
    expect(file).toMatchObject({
      format: "driftless-board",
      formatVersion: 1,
      title: "Plan – Q3 ✓",
      version: log.body.version,
    });
    expect(new Date(file.exportedAt).toISOString()).toBe(file.exportedAt);
    expect(file.events).toEqual(log.body.events);
  });

  it("contains neither the board's id nor its view token", async () => {
    const { body } = await getBoard(boardId);
    expect(body.boardId).toBe(boardId);
    const store = await getStore();
    const [{ view_token: viewToken }] = await store.query<{ view_token: string }>(
      "SELECT view_token FROM boards WHERE id = $1",
      [boardId],
    );
    expect(text).not.toContain(boardId);
    expect(text).not.toContain(viewToken);
  });

  it("answers 404 for a board that does not exist", async () => {
    expect((await exportText("A".repeat(22))).status).toBe(404);
    expect((await exportText("nope")).status).toBe(404);
  });
});

describe("GET /api/boards/:boardId/export.csv", () => {
  it("answers the board as it is now, one row per item, as a CSV download", async () => {
    const boardId = await richBoard("Groceries");
    const answer = await exportCsv(boardId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(answer.headers.get("content-disposition")).toBe(
      `attachment; filename="Groceries.csv"; filename*=UTF-8''Groceries.csv`,
    );
    const lines = answer.text.split("\r\n");
    expect(lines[0]).toBe("\ufeffColumn,Title,Completed,Due,Labels,Assignees,Checklist,Description");
    // Records end in CRLF; the line break inside the description is the description's own.
    expect(lines.slice(1)).toEqual([
      'To do,Milk,no,2027-01-31,Urgent,"Ana, Ben",1/1,"Oat.\nTwo litres."',
      "To do,Gone,no,,,,,",
      'Done,"Eggs, free range",yes,,,,,',
      "",
    ]);
  });
});

describe("POST /api/boards/import", () => {
  it("re-imports an export into another database: the same state and the same history (who, what, when)", async () => {
    const boardId = await richBoard("Moving house");
    const exported = await exportText(boardId);
    const before = (await getBoard(boardId)).body.state;
    const log = (await getLog(boardId, "?limit=5000")).body.events;

    // Another database: a fresh embedded store (the Postgres project moves its board to PGlite).
    const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };
    await closeStore();
    process.env.DATABASE_URL = "";
    process.env.PGLITE_DIR = "memory://";
    try {
      expect((await getBoard(boardId)).status).toBe(404); // not there: this is another store
      const importer = await person("Imogen");
      const answer = await importFile(exported.text, importer.headers);
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        from: "driftless",
        title: "Moving house",
        version: log.length,
        imported: { columns: 3, items: 4, labels: 1, checklistEntries: 1, comments: 2 },
        shortened: [],
        leftOut: null,
      });
      expect(answer.body.boardId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(answer.body.viewToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(answer.body.boardId).not.toBe(boardId);
      expect((await getBoard(answer.body.boardId)).body.state).toEqual(before);
      expect((await getLog(answer.body.boardId, "?limit=5000")).body.events).toEqual(log);
      // The imported board goes on like any other: its next command is version N + 1.
      const next = await send(answer.body.boardId, command("renameBoard", { title: "Moved" }), importer.headers);
      expect(next.body).toMatchObject({ status: "accepted", version: log.length + 1 });
    } finally {
      await closeStore();
      process.env.DATABASE_URL = saved.DATABASE_URL;
      process.env.PGLITE_DIR = saved.PGLITE_DIR;
    }
  });

  it("imports a Trello board as one import by the person importing, comments keeping their authors and dates", async () => {
    const importer = await person("Imogen");
    const answer = await importFile(awkwardTrelloBoard().board, importer.headers);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      from: "trello",
      title: "Awkward board 🧪",
      imported: { columns: 2, items: 7, labels: 7, checklistEntries: 8, comments: 5 },
      removed: { columns: 0, items: 1 },
      leftOut: { lists: 1, cards: 1, checklists: 1, comments: 1 },
    });
    expect(answer.body.shortened).toHaveLength(4);
    const { events } = (await getLog(answer.body.boardId, "?limit=5000")).body;
    expect(events).toHaveLength(answer.body.version);
    expect(new Set(events.map((event: { actor: unknown }) => JSON.stringify(event.actor)))).toEqual(
      new Set([JSON.stringify({ id: importer.idOn(answer.body.boardId), name: "Imogen" })]),
    );
    expect(new Set(events.map((event: { commandId: string }) => event.commandId)).size).toBe(1);
    const { state } = (await getBoard(answer.body.boardId)).body;
    const first = state.columns[1].items[0];
    expect(first.title).toBe("First by pos");
    expect(first.comments.map((c: { author: { name: string }; at: string }) => [c.author.name, c.at])).toEqual([
      ["Ana Lima", "2026-10-01T09:15:00.000Z"],
      ["Former Member", "2026-10-20T08:00:00.000Z"],
      ["Ben Okafor", "2026-10-30T10:00:00.000Z"],
    ]);
    expect(state.members.map((member: { name: string }) => member.name)).toEqual(["Imogen", "Ana Lima", "Ben Okafor"]);
  });

  it("refuses a corrupted export with the event and why, and creates nothing (checked in the database)", async () => {
    const boardId = await richBoard("To corrupt");
    const marker = await person("Corrupt");
    // Its people renamed throughout (events and data alike), so that any row it wrote would be found.
    const text = (await exportText(boardId)).text
      .replaceAll(ana.idOn(boardId), `${marker.tag}-a`)
      .replaceAll(ben.idOn(boardId), `${marker.tag}-b`);
    const file = JSON.parse(text);
    // An event about an item that never existed, near the end: everything before it would fold.
    file.events.findLast((event: { type: string }) => event.type === "ItemCommented").data.itemId =
      "item-never-existed-000001";
    const before = await rows(marker.tag);
    const answer = await importFile(file, marker.headers);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: "rejected", code: "invalid" });
    expect(answer.body.reason).toMatch(
      /^Event \d+ \(\w+\): There is no item item-never-existed-000001 on this board\.$/,
    );
    await expectNothingCreated(before, marker.tag);
  });

  it("refuses a Trello card that cannot be imported, naming the card, and creates nothing", async () => {
    const { board } = awkwardTrelloBoard();
    board.cards[3].due = "next Tuesday";
    const marker = await person("Trello");
    const before = await rows(marker.tag);
    const answer = await importFile(board, marker.headers);
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(
      /^Card “Colourless and pale labels” \([0-9a-f]{24}\): its due date “next Tuesday” is not a date\.$/,
    );
    await expectNothingCreated(before, marker.tag);
  });

  it("answers 413 in words for a body over 20 MB, and creates nothing", async () => {
    const marker = await person("Huge");
    const before = await rows(marker.tag);
    const huge = new TextEncoder().encode(`{"format":"driftless-board","padding":"${"x".repeat(20 * 1024 * 1024)}"}`);
    const answer = await importFile(huge, marker.headers);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      code: "too_large",
      reason: "The file is larger than 20 MB, the most this server takes.",
    });
    await expectNothingCreated(before, marker.tag);
  });

  it("refuses what is not JSON, or neither kind of export, in words", async () => {
    expect((await importFile("{ not json")).body).toMatchObject({
      code: "invalid",
      reason: "The request body is not valid JSON.",
    });
    const neither = await importFile({ hello: "world" });
    expect(neither.status).toBe(400);
    expect(neither.body.reason).toMatch(/^This file is neither a Driftless export nor a Trello board export/);
  });

  it("reads a file sent as UTF-16 with its byte order mark (either order) as its UTF-8 text", async () => {
    const text = JSON.stringify(awkwardTrelloBoard().board);
    const utf16 = (order: "le" | "be") => {
      const bytes = new Uint8Array(2 + text.length * 2);
      const view = new DataView(bytes.buffer);
      view.setUint16(0, 0xfeff, order === "le");
      for (let index = 0; index < text.length; index++)
        view.setUint16(2 + index * 2, text.charCodeAt(index), order === "le");
      return bytes;
    };
    const plain = await importFile(new TextEncoder().encode(text));
    expect(plain.status).toBe(201);
    for (const order of ["le", "be"] as const) {
      const answer = await importFile(utf16(order));
      expect(answer.status).toBe(201);
      expect(answer.body.imported).toEqual(plain.body.imported);
      expect(answer.body.shortened).toEqual(plain.body.shortened);
    }
    const broken = utf16("le").slice(0, -1); // an odd number of bytes
    expect((await importFile(broken)).body).toMatchObject({
      code: "invalid",
      reason: "The request body is not valid UTF-16, as its byte order mark says.",
    });
    const latin1 = Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]); // {"é"} in Latin-1
    expect((await importFile(latin1)).body).toMatchObject({
      code: "invalid",
      reason: "The request body is not valid UTF-8.",
    });
  });

  it("refuses a POST from another site (403), as every POST", async () => {
    const answer = await importFile(awkwardTrelloBoard().board, { origin: "https://evil.example" });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("forbidden");
  });
});

describe("POST /api/boards/:boardId/commands", () => {
  it("refuses the import-only commands, and a comment signed as someone else, appending nothing", async () => {
    const boardId = await richBoard("No forgeries");
    const { version } = (await getLog(boardId)).body;
    const { state } = (await getBoard(boardId)).body;
    const itemId = state.columns[0].items[0].itemId;
    const forged = [
      command("addMember", { memberId: "trello-000000000000000000000002", name: "Made up" }),
      command("importComment", {
        itemId,
        commentId: newId("comment"),
        text: "As the CEO",
        author: { id: "ceo", name: "The CEO" },
        at: "2020-01-01T00:00:00.000Z",
      }),
      command("commentOnItem", { itemId, commentId: newId("comment"), text: "x", author: { id: "ceo", name: "CEO" } }),
    ];
    for (const body of forged) {
      const answer = await send(boardId, body, ana.headers);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe("invalid");
    }
    expect((await getLog(boardId)).body.version).toBe(version);
  });
});
