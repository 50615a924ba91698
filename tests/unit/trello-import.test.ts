// Importing from Trello (README, "Importing from Trello"): every rule of the mapping, asserted on
// a hand-written board with one awkward case per card, and the same rules on a generated board of
// 1,200 cards and 6,000 actions.
import { describe, expect, it } from "vitest";
import {
  type Actor,
  type BoardView,
  decide,
  describeEvent,
  emptyBoard,
  fold,
  type ItemView,
  parseCommand,
  stamped,
  toView,
} from "@/lib/domain";
import { decideImport } from "@/lib/domain/import";
import { labelColor } from "@/lib/domain/import/trello";
import { awkwardTrelloBoard, LONG_NAME, trelloBoard } from "../fixtures/trello";

const IMPORTER: Actor = { id: "actor-importer-0000001", name: "Imogen" };
const STAMP = { actor: IMPORTER, at: "2026-12-01T09:00:00.000Z", commandId: "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" };

/** The file as it arrives: through JSON, as Trello wrote it. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function imported(file: unknown) {
  const decided = decideImport(wire(file), STAMP);
  if (!decided.ok) throw new Error(decided.reason);
  return decided;
}

function refused(file: unknown): string {
  const decided = decideImport(wire(file), STAMP);
  expect(decided.ok, "the file should be refused").toBe(false);
  return decided.ok ? "" : decided.reason;
}

const { board, ids } = awkwardTrelloBoard();
const result = imported(board);
const view = toView(result.state);

function item(view: BoardView, title: string): ItemView {
  const found = view.columns.flatMap((column) => column.items).find((candidate) => candidate.title === title);
  if (!found) throw new Error(`No item "${title}"`);
  return found;
}
const labelNamed = (labelId: string) => view.labels.find((label) => label.labelId === labelId);

describe("a Trello board, mapped", () => {
  it("makes open lists columns in the order of their pos, and leaves closed lists out", () => {
    expect(view.columns.map((column) => column.title)).toEqual(["Doing", "To do"]);
    expect(view.columns.map((column) => column.columnId)).toEqual([
      `list-${ids.lists.doing.id}`,
      `list-${ids.lists.todo.id}`,
    ]);
  });

  it("makes the cards of open lists items in the order of their pos; archived cards go to Removed", () => {
    expect(view.columns[1].items.map((entry) => entry.title)).toEqual([
      "First by pos",
      "Second by pos",
      "x".repeat(199),
    ]);
    expect(view.columns[0].items.map((entry) => entry.title)).toEqual([
      "Colourless and pale labels",
      "Two checklists",
      "Texts too long",
    ]);
    expect(view.removed).toEqual([{ kind: "item", id: `card-${ids.cards.archived.id}`, title: "Archived card" }]);
  });

  it("cuts a name over 200 characters at 200, never inside what shows as one character, and starts the description with the whole name", () => {
    const long = item(view, "x".repeat(199));
    // 199 letters, then a family emoji of 5 code points: cutting at 200 would split it, so it goes whole.
    expect(long.title).toBe("x".repeat(199));
    expect(long.description).toBe(`${LONG_NAME}\n\nThe card's own description.`);
    expect(result.shortened.some((cut) => cut.what === "title")).toBe(false); // nothing lost: the name is whole in the description
  });

  it("brings the description (line ends as a text area makes them), the due day in UTC, and dueComplete as completed", () => {
    const first = item(view, "First by pos");
    expect(first.description).toBe("Line one\nLine two");
    expect(first.due).toBe("2027-01-01"); // 2026-12-31T23:30-02:00 is the first of January in UTC
    expect(first.completed).toBe(true);
    expect(item(view, "Second by pos")).toMatchObject({ description: "", due: null, completed: false });
  });

  it("makes labels: unnamed ones named after their colour, colour variants their base colour, no colour black", () => {
    const { labels } = ids;
    expect(view.labels).toEqual([
      { labelId: `label-${labels.urgent.id}`, name: "Urgent", color: "red" },
      { labelId: `label-${labels.unnamed.id}`, name: "purple", color: "purple" },
      { labelId: `label-${labels.colourless.id}`, name: "No colour", color: "black" },
      { labelId: `label-${labels.unnamedColourless.id}`, name: "black", color: "black" },
      { labelId: `label-${labels.greenDark.id}`, name: "Deep green", color: "green" },
      { labelId: `label-${labels.skyLight.id}`, name: "sky", color: "sky" },
      { labelId: `label-${labels.long.id}`, name: "A label name well past forty characters", color: "blue" },
    ]);
    expect(item(view, "First by pos").labels.map((id) => labelNamed(id)?.name)).toEqual([
      "Urgent",
      "purple",
      "Deep green",
    ]);
    for (const [trello, ours] of [
      ["green_dark", "green"],
      ["sky_light", "sky"],
      ["red", "red"],
      [null, "black"],
      ["", "black"],
      ["chartreuse", "black"],
    ] as const) {
      expect(labelColor(trello)).toBe(ours);
    }
  });

  it("makes Trello's members board members by their full name, and assigns them as the cards say", () => {
    expect(view.members).toEqual([
      { memberId: IMPORTER.id, name: "Imogen" },
      { memberId: `trello-${ids.ana.id}`, name: "Ana Lima" },
      { memberId: `trello-${ids.ben.id}`, name: "Ben Okafor" },
    ]);
    expect(item(view, "First by pos").assignees).toEqual([`trello-${ids.ana.id}`, `trello-${ids.ben.id}`]);
  });

  it("makes checklists checklist entries in order of pos (complete → done); several checklists follow one another, named", () => {
    expect(item(view, "First by pos").checklist.map(({ text, done }) => [text, done])).toEqual([
      ["Buy boxes", true],
      ["Pack", true],
      ["Unpack", false],
    ]);
    expect(item(view, "Two checklists").checklist.map(({ text, done }) => [text, done])).toEqual([
      ["Prepare: Write notes", true],
      ["Prepare: Book room", false],
      ["Launch: Announce", false],
    ]);
  });

  it("makes comment actions comments, oldest first, with their author's name and date — a former member's too", () => {
    expect(item(view, "First by pos").comments).toEqual([
      {
        commentId: `comment-${"35".padStart(24, "0")}`,
        text: "Oldest comment\nwith two lines",
        author: { id: `trello-${ids.ana.id}`, name: "Ana Lima" },
        at: "2026-10-01T09:15:00.000Z",
        edited: false,
      },
      {
        commentId: `comment-${"36".padStart(24, "0")}`,
        text: "By someone who left",
        author: { id: `trello-${ids.gone.id}`, name: "Former Member" },
        at: "2026-10-20T08:00:00.000Z",
        edited: false,
      },
      {
        commentId: `comment-${"37".padStart(24, "0")}`,
        text: "Newest comment",
        author: { id: `trello-${ids.ben.id}`, name: "Ben Okafor" },
        at: "2026-10-30T10:00:00.000Z",
        edited: false,
      },
    ]);
    // Only Trello's board members are members: a comment's author is not made one.
    expect(view.members.some((member) => member.name === "Former Member")).toBe(false);
  });

  it("keeps an archived card whole in Removed: a restore brings it back with its details", () => {
    const itemId = `card-${ids.cards.archived.id}`;
    const restore = parseCommand({ commandId: STAMP.commandId, type: "restoreItem", itemId });
    if (!restore.ok) throw new Error(restore.rejection.reason);
    const decision = decide(result.state, restore.command, IMPORTER);
    if (!decision.ok) throw new Error(decision.rejection.reason);
    const back = item(toView(fold(result.state, stamped(decision.events, IMPORTER, STAMP.at))), "Archived card");
    expect(back).toMatchObject({
      description: "Still here after a restore.",
      labels: [`label-${ids.labels.urgent.id}`],
      checklist: [{ text: "Kept while removed", done: true }],
      comments: [{ text: "Kept on the archived card", author: { name: "Ben Okafor" } }],
    });
  });

  it("leaves out closed lists, their cards, and what was on them, and says how much", () => {
    const everywhere = JSON.stringify(result.state);
    expect(everywhere).not.toContain("In a closed list");
    expect(everywhere).not.toContain("Left out");
    expect(everywhere).not.toContain("Old stuff");
    expect(result.leftOut).toEqual({ lists: 1, cards: 1, checklists: 1, comments: 1 });
  });

  it("cuts texts longer than Driftless takes at its limits, and says each cut: where, what, from and to", () => {
    expect(result.shortened).toEqual([
      {
        what: "name",
        where: `Label “A label name well past forty characters in length” (${ids.labels.long.id})`,
        from: 49,
        to: 40,
      },
      { what: "description", where: `Card “Texts too long” (${ids.cards.tooLong.id})`, from: 10_050, to: 10_000 },
      { what: "checklist entry", where: `Card “Texts too long” (${ids.cards.tooLong.id})`, from: 241, to: 200 },
      { what: "comment", where: `Card “Texts too long” (${ids.cards.tooLong.id})`, from: 5_200, to: 5_000 },
    ]);
    const long = item(view, "Texts too long");
    expect(long.description).toBe("d".repeat(10_000));
    expect(long.comments[0].text).toBe("c".repeat(5_000));
  });

  it("counts what the new board holds, on it and in Removed", () => {
    expect(result.imported).toEqual({ columns: 2, items: 7, labels: 7, checklistEntries: 8, comments: 5 });
    expect(result.removed).toEqual({ columns: 0, items: 1 }); // the archived card
  });

  it("reads as one import by the person importing: every event theirs, at one time, under one commandId", () => {
    expect(new Set(result.events.map((event) => JSON.stringify([event.actor, event.at, event.commandId])))).toEqual(
      new Set([JSON.stringify([IMPORTER, STAMP.at, STAMP.commandId])]),
    );
    expect(result.events.map((event) => event.version)).toEqual(result.events.map((_, index) => index + 1));
    let before = emptyBoard;
    const words = result.events.map((event) => {
      const said = describeEvent(before, event);
      before = fold(before, [event]);
      return said;
    });
    expect(words[0]).toBe("created the board “Awkward board 🧪”");
    expect(words).toContain("added member “Ana Lima”");
    expect(words).toContain("added a comment by “Ana Lima” (written 2026-10-01) to item “First by pos”");
    expect(words).toContain("removed item “Archived card”");
  });

  it("makes the same board from the same file", () => {
    expect(imported(board).events).toEqual(result.events);
  });
});

describe("a Trello file that cannot be imported", () => {
  const copy = () => wire(awkwardTrelloBoard().board);

  it("is refused naming the card, for a label the board does not have", () => {
    const file = copy();
    file.cards[0].idLabels.push("f".repeat(24));
    expect(refused(file)).toBe(
      `Card “Second by pos” (${ids.cards.second.id}): its label ${"f".repeat(24)} is not among the board's labels.`,
    );
  });

  it("is refused naming the card, for a list not in the file, a due date that is no date, or a member unknown", () => {
    let file = copy();
    file.cards[0].idList = "e".repeat(24);
    expect(refused(file)).toBe(
      `Card “Second by pos” (${ids.cards.second.id}) is in list ${"e".repeat(24)}, which is not in the file.`,
    );
    file = copy();
    file.cards[0].due = "soon";
    expect(refused(file)).toBe(`Card “Second by pos” (${ids.cards.second.id}): its due date “soon” is not a date.`);
    file = copy();
    file.cards[0].idMembers = ["d".repeat(24)];
    expect(refused(file)).toBe(
      `Card “Second by pos” (${ids.cards.second.id}): its member ${"d".repeat(24)} is not among the board's members.`,
    );
  });

  it("is refused naming the card when it holds more than an item can (101 checklist entries)", () => {
    const file = copy();
    const list = file.checklists.find((entry) => entry.idCard === ids.cards.second.id) ?? {
      id: "c".repeat(24),
      idCard: ids.cards.second.id,
      idBoard: board.id,
      name: "Big",
      pos: 1,
      checkItems: [],
    };
    list.checkItems = Array.from({ length: 101 }, (_, n) => ({
      id: n.toString(16).padStart(24, "a"),
      idChecklist: list.id,
      name: `Step ${n}`,
      state: "incomplete" as const,
      pos: n,
    }));
    file.checklists.push(list);
    expect(refused(file)).toBe(
      `Card “Second by pos” (${ids.cards.second.id}): Item “Second by pos” already has 100 checklist entries, the most an item can hold.`,
    );
  });

  it("is refused saying where, when it is not in Trello's shape", () => {
    const file = copy() as unknown as { cards: Record<string, unknown>[] };
    file.cards[2].pos = "top";
    expect(refused(file)).toBe("This Trello export cannot be read: cards.2.pos must be a number.");
    const badId = copy() as unknown as { lists: Record<string, unknown>[] };
    badId.lists[0].id = "l1";
    expect(refused(badId)).toBe("This Trello export cannot be read: lists.0.id is not a Trello id.");
  });
});

describe("a large generated Trello board (1,200 cards, 6,000 actions)", () => {
  const large = trelloBoard({ seed: 2026, lists: 10, cards: 1_200, actions: 6_000, labels: 20, members: 8 });
  const done = imported(large);
  const closedLists = new Set(large.lists.filter((list) => list.closed).map((list) => list.id));
  const openCards = large.cards.filter((card) => !closedLists.has(card.idList));
  const onBoard = new Set(openCards.map((card) => card.id));

  it("is in the shape the tests claim: that many cards and actions, some in a closed list, some archived", () => {
    expect(large.cards).toHaveLength(1_200);
    expect(large.actions).toHaveLength(6_000);
    expect(large.cards.some((card) => closedLists.has(card.idList))).toBe(true);
    expect(openCards.some((card) => card.closed)).toBe(true);
  });

  it("brings every card of an open list, every label and member, every entry and comment on them", () => {
    const comments = large.actions.filter(
      (action) => action.type === "commentCard" && onBoard.has((action.data.card as { id: string }).id),
    );
    const entries = large.checklists
      .filter((checklist) => onBoard.has(checklist.idCard))
      .reduce((sum, checklist) => sum + checklist.checkItems.length, 0);
    expect(done.imported).toEqual({
      columns: 10,
      items: openCards.length,
      labels: 20,
      checklistEntries: entries,
      comments: comments.length,
    });
    expect(toView(done.state).removed).toHaveLength(openCards.filter((card) => card.closed).length);
  });

  it("puts each card in its list, in order of pos", () => {
    const state = toView(done.state);
    for (const list of large.lists.filter((entry) => !entry.closed)) {
      const expected = openCards
        .filter((card) => card.idList === list.id && !card.closed)
        .sort((a, b) => a.pos - b.pos)
        .map((card) => `card-${card.id}`);
      const column = state.columns.find((entry) => entry.columnId === `list-${list.id}`);
      expect(column?.items.map((entry) => entry.itemId)).toEqual(expected);
    }
  });
});
