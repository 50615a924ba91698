// v2 through the API: details on items, labels, people, checklists, comments, limits, restoring.
import { afterAll, describe, expect, it } from "vitest";
import { closeStore, getStore } from "@/db/store";
import { type BoardView, COMMAND_SCHEMA_VERSION, type ItemView, toRecord } from "@/lib/domain";
import { visitorFrom } from "@/lib/server/actor";
import { actorKeys } from "@/lib/server/actor-secret";
import { forgetBoards } from "@/lib/server/board-cache";
import { expectSentence } from "../unit/given";
import { type Answer, command, createBoard, getBoard, getLog, newId, send, signedVisitor } from "./api";

afterAll(closeStore);

/**
 * A browser with its own signed actor cookie and display name. `id` is who it is on the board
 * `on(boardId)` named (events carry a per-board pseudonym, never the cookie's id).
 */
async function person(name: string) {
  const visitor = await signedVisitor();
  const headers = { cookie: `${visitor.cookie}; driftless_name=${encodeURIComponent(name)}` };
  const keys = await actorKeys();
  const self = {
    id: "",
    name,
    on(boardId: string) {
      self.id = visitorFrom(
        (cookie) => (cookie === "driftless_actor" ? visitor.cookie.split("=")[1] : undefined),
        keys,
      ).forBoard(boardId).id;
      return self;
    },
    send: (boardId: string, body: object) => send(boardId, body, headers),
    /** Sends commands one by one, failing the test on the first that is not accepted. */
    async run(boardId: string, ...commands: object[]): Promise<Answer[]> {
      const answers: Answer[] = [];
      for (const body of commands) {
        const answer = await send(boardId, body, headers);
        if (answer.status !== 200) throw new Error(`${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`);
        answers.push(answer);
      }
      return answers;
    },
  };
  return self;
}

/** A board with a column "To do" holding Milk and Eggs, and an empty "Done", made by Ana. */
async function board() {
  const boardId = await createBoard("Groceries");
  const ana = (await person("Ana")).on(boardId);
  const ben = (await person("Ben")).on(boardId);
  const todo = newId("col");
  const done = newId("col");
  const milk = newId("item");
  const eggs = newId("item");
  await ana.run(
    boardId,
    command("addColumn", { columnId: todo, title: "To do" }),
    command("addColumn", { columnId: done, title: "Done" }),
    command("addItem", { itemId: milk, columnId: todo, title: "Milk" }),
    command("addItem", { itemId: eggs, columnId: todo, title: "Eggs" }),
  );
  return { boardId, ana, ben, todo, done, milk, eggs };
}

const itemIn = (state: BoardView, itemId: string): ItemView | undefined =>
  state.columns.flatMap((column) => column.items).find((item) => item.itemId === itemId);

describe("POST /api/boards/:boardId/commands (v2)", () => {
  it("accepts every v2 command, and GET /api/boards/:boardId answers the v2 state", async () => {
    const { boardId, ana, ben, todo, done, milk, eggs } = await board();
    const urgent = newId("label");
    const later = newId("label");
    const shop = newId("entry");
    const buy = newId("entry");
    const bag = newId("entry");
    const anas = newId("comment");
    const bens = newId("comment");
    const gone = newId("comment");
    await ana.run(
      boardId,
      command("describeItem", { itemId: milk, description: "Oat, not cow.\r\nTwo litres.\n" }),
      command("setItemDue", { itemId: milk, due: "2027-01-31" }),
      command("setItemDue", { itemId: eggs, due: "2027-02-01" }),
      command("setItemDue", { itemId: eggs, due: null }),
      command("addLabel", { labelId: urgent, name: "Urgnt", color: "red" }),
      command("editLabel", { labelId: urgent, name: "Urgent" }),
      command("addLabel", { labelId: later, name: "Later", color: "sky" }),
      command("labelItem", { itemId: milk, labelId: urgent }),
      command("labelItem", { itemId: eggs, labelId: later }),
      command("unlabelItem", { itemId: eggs, labelId: later }),
      command("addChecklistEntry", { itemId: milk, entryId: buy, text: "Buy it" }),
      command("addChecklistEntry", { itemId: milk, entryId: shop, text: "Find a shop", afterEntryId: null }),
      command("addChecklistEntry", { itemId: milk, entryId: bag, text: "Bag", afterEntryId: shop }),
      command("editChecklistEntry", { itemId: milk, entryId: shop, text: "Find an open shop" }),
      command("checkChecklistEntry", { itemId: milk, entryId: shop }),
      command("checkChecklistEntry", { itemId: milk, entryId: buy }),
      command("uncheckChecklistEntry", { itemId: milk, entryId: buy }),
      command("removeChecklistEntry", { itemId: milk, entryId: bag }),
      command("commentOnItem", { itemId: milk, commentId: anas, text: "At noon." }),
      command("editComment", { commentId: anas, text: "At one." }),
      command("setColumnLimit", { columnId: todo, limit: 3 }),
      command("setColumnLimit", { columnId: done, limit: 1 }),
      command("setColumnLimit", { columnId: done, limit: null }),
    );
    await ben.run(
      boardId,
      command("assignItem", { itemId: milk, memberId: ana.id }),
      command("assignItem", { itemId: milk, memberId: ben.id }),
      command("unassignItem", { itemId: milk, memberId: ana.id }),
      command("commentOnItem", { itemId: milk, commentId: bens, text: "Get two." }),
      command("commentOnItem", { itemId: eggs, commentId: gone, text: "Never mind." }),
      command("removeComment", { commentId: gone }),
      command("removeLabel", { labelId: later }),
      command("removeItem", { itemId: eggs }),
      command("restoreItem", { itemId: eggs }),
      command("removeColumn", { columnId: done }),
      command("restoreColumn", { columnId: done }),
    );
    forgetBoards(); // read from the store, not from this instance's memory
    const answer = await getBoard(boardId);
    expect(answer.status).toBe(200);
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    const position = expect.any(String);
    expect(answer.body.state).toEqual({
      title: "Groceries",
      columns: [
        {
          columnId: todo,
          title: "To do",
          position,
          limit: 3,
          items: [
            {
              itemId: milk,
              title: "Milk",
              completed: false,
              position,
              description: "Oat, not cow.\nTwo litres.",
              due: "2027-01-31",
              labels: [urgent],
              assignees: [ben.id],
              checklist: [
                { entryId: shop, text: "Find an open shop", done: true },
                { entryId: buy, text: "Buy it", done: false },
              ],
              comments: [
                { commentId: anas, text: "At one.", author: { id: ana.id, name: "Ana" }, at, edited: true },
                { commentId: bens, text: "Get two.", author: { id: ben.id, name: "Ben" }, at, edited: false },
              ],
            },
            {
              itemId: eggs,
              title: "Eggs",
              completed: false,
              position,
              description: "",
              due: null,
              labels: [],
              assignees: [],
              checklist: [],
              comments: [],
            },
          ],
        },
        { columnId: done, title: "Done", position, limit: null, items: [] },
      ],
      labels: [{ labelId: urgent, name: "Urgent", color: "red" }],
      members: expect.arrayContaining([
        { memberId: ana.id, name: "Ana" },
        { memberId: ben.id, name: "Ben" },
      ]),
      removed: [],
    });
  });

  it("carries v2 events in the log with who made them and when", async () => {
    const { boardId, ana, milk } = await board();
    const [answer] = await ana.run(boardId, command("describeItem", { itemId: milk, description: "Oat" }));
    expect(answer.body.events).toEqual([
      expect.objectContaining({
        type: "ItemDescribed",
        data: { itemId: milk, description: "Oat" },
        actor: { id: ana.id, name: "Ana" },
      }),
    ]);
    const log = await getLog(boardId, `?after=${answer.body.version - 1}`);
    expect(log.body.events).toEqual(answer.body.events);
  });

  it("refuses a comment edited by someone who did not write it with 403 forbidden, in words, and appends nothing", async () => {
    const { boardId, ana, ben, milk } = await board();
    const commentId = newId("comment");
    await ana.run(boardId, command("commentOnItem", { itemId: milk, commentId, text: "Mine." }));
    const head = (await getLog(boardId)).body.version;
    const edit = command("editComment", { commentId, text: "Not any more." });
    const refused = await ben.send(boardId, edit);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      status: "rejected",
      commandId: edit.commandId,
      code: "forbidden",
      reason: "Only the person who wrote a comment may edit it, and this one is by Ana.",
    });
    expectSentence(refused.body.reason);
    const removal = await ben.send(boardId, command("removeComment", { commentId }));
    expect(removal.status).toBe(403);
    expect((await getLog(boardId)).body.version).toBe(head);
    // Its author may.
    await ana.run(boardId, command("editComment", { commentId, text: "Still mine." }));
  });

  it("answers an unknown label, a non-member and a no-op edit with 409, and over-long text with 400", async () => {
    const { boardId, ana, milk } = await board();
    const label = await ana.send(boardId, command("labelItem", { itemId: milk, labelId: newId("label") }));
    expect(label).toMatchObject({ status: 409, body: { code: "not_found" } });
    const member = await ana.send(boardId, command("assignItem", { itemId: milk, memberId: "nobody-on-this-board" }));
    expect(member).toMatchObject({ status: 409, body: { code: "not_found" } });
    await ana.run(boardId, command("describeItem", { itemId: milk, description: "Oat" }));
    const same = await ana.send(boardId, command("describeItem", { itemId: milk, description: "Oat" }));
    expect(same).toMatchObject({ status: 409, body: { code: "conflict" } });
    const long = await ana.send(boardId, command("describeItem", { itemId: milk, description: "x".repeat(10_001) }));
    expect(long).toMatchObject({ status: 400, body: { code: "invalid" } });
    expectSentence(long.body.reason);
  });

  it("restores a removed item with everything it had, and a removed column with its items", async () => {
    const { boardId, ana, todo, milk, eggs } = await board();
    const label = newId("label");
    const entry = newId("entry");
    const commentId = newId("comment");
    await ana.run(
      boardId,
      command("describeItem", { itemId: milk, description: "Oat" }),
      command("addLabel", { labelId: label, name: "Urgent", color: "red" }),
      command("labelItem", { itemId: milk, labelId: label }),
      command("addChecklistEntry", { itemId: milk, entryId: entry, text: "Buy it" }),
      command("commentOnItem", { itemId: milk, commentId, text: "Noon." }),
      command("completeItem", { itemId: milk }),
    );
    const before = itemIn((await getBoard(boardId)).body.state, milk);

    await ana.run(boardId, command("removeItem", { itemId: milk }));
    let state = (await getBoard(boardId)).body.state;
    expect(itemIn(state, milk)).toBeUndefined();
    expect(state.removed).toEqual([{ kind: "item", id: milk, title: "Milk" }]);
    await ana.run(boardId, command("restoreItem", { itemId: milk }));
    forgetBoards();
    state = (await getBoard(boardId)).body.state;
    expect(itemIn(state, milk)).toEqual(before);
    expect(state.removed).toEqual([]);

    await ana.run(boardId, command("removeColumn", { columnId: todo }));
    state = (await getBoard(boardId)).body.state;
    expect(state.columns.map((column: { title: string }) => column.title)).toEqual(["Done"]);
    expect(state.removed).toEqual([{ kind: "column", id: todo, title: "To do" }]);
    const again = await ana.send(boardId, command("restoreItem", { itemId: eggs }));
    expect(again).toMatchObject({ status: 409, body: { code: "not_found" } });
    await ana.run(boardId, command("restoreColumn", { columnId: todo }));
    forgetBoards();
    state = (await getBoard(boardId)).body.state;
    expect(state.columns.map((column: { title: string }) => column.title)).toEqual(["To do", "Done"]);
    expect(state.columns[0].items.map((item: { title: string }) => item.title)).toEqual(["Milk", "Eggs"]);
    expect(itemIn(state, milk)).toEqual(before);

    const twice = await ana.send(boardId, command("restoreColumn", { columnId: todo }));
    expect(twice).toMatchObject({ status: 409, body: { code: "conflict" } });
  });

  it(`replays v2 commands queued offline (a batch of schema version ${COMMAND_SCHEMA_VERSION}), once`, async () => {
    const { boardId, ana, milk } = await board();
    const batch = {
      schemaVersion: COMMAND_SCHEMA_VERSION,
      commands: [
        command("describeItem", { itemId: milk, description: "Made offline" }),
        command("commentOnItem", { itemId: milk, commentId: newId("comment"), text: "Also offline" }),
      ],
    };
    const first = await ana.send(boardId, batch);
    expect(first.body.results.map((result: { status: string }) => result.status)).toEqual(["accepted", "accepted"]);
    const again = await ana.send(boardId, batch);
    expect(again.body.results.map((result: { duplicate?: boolean }) => result.duplicate)).toEqual([true, true]);
    const milkNow = itemIn((await getBoard(boardId)).body.state, milk);
    expect(milkNow?.description).toBe("Made offline");
    expect(milkNow?.comments).toHaveLength(1);
  });
});

describe("snapshots of the v1 format", () => {
  it("are ignored, never misread: the board is folded from its events, and the next snapshot is v2", async () => {
    const { boardId, ana, milk } = await board();
    await ana.run(boardId, command("removeItem", { itemId: milk }));
    const head = (await getLog(boardId)).body.version;
    // What the v1 build stored at this version: a v1 record, without members, details or the bin
    // (its removed Milk is a bare tombstone), under format 1. Read as v2 it would lose all three.
    const v1Record = {
      format: 1,
      board: { title: "Misread", columns: {}, items: {}, removed: { [milk]: { kind: "item", title: "Milk" } } },
    };
    const store = await getStore();
    await store.query("INSERT INTO snapshots (board_id, version, state) VALUES ($1, $2, $3::text::jsonb)", [
      boardId,
      head,
      JSON.stringify(v1Record),
    ]);
    forgetBoards();
    const state = (await getBoard(boardId)).body.state;
    expect(state.title).toBe("Groceries");
    expect(state.members).toEqual([
      expect.objectContaining({ name: "Anonymous" }), // the creator: createBoard sends no cookie
      { memberId: ana.id, name: "Ana" },
    ]);
    expect(state.removed).toEqual([{ kind: "item", id: milk, title: "Milk" }]);
    await ana.run(boardId, command("restoreItem", { itemId: milk }));

    // A snapshot this build writes is read back as it was written.
    const { saveSnapshot, latestSnapshot } = await import("@/db/queries");
    const written = (await getLog(boardId)).body.version;
    forgetBoards();
    const { loadBoard } = await import("@/lib/server/boards");
    const loaded = await loadBoard(boardId);
    if (!loaded.ok) throw new Error(loaded.rejection.reason);
    await saveSnapshot(store.db, { boardId, version: written, state: loaded.value.state });
    const read = await latestSnapshot(store.db, { boardId, atMost: written });
    expect(read?.version).toBe(written);
    expect(read && toRecord(read.state)).toEqual(toRecord(loaded.value.state));
    expect(await latestSnapshot(store.db, { boardId, atMost: head })).toBeUndefined();
  });
});
