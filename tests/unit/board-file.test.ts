// Reading a Driftless export back (README, "Moving a board"): a real history comes back event for
// event with the same state; a file whose events do not fold is refused with the event and why.
import { describe, expect, it } from "vitest";
import { type Envelope, emptyBoard, fold, type StoredEvent, toView } from "@/lib/domain";
import { decideImport } from "@/lib/domain/import";
import { readBoardFile } from "@/lib/domain/import/board-file";
import { awkwardTrelloBoard } from "../fixtures/trello";
import { ANA, AT, BEN, by, COMMAND_ID, detailedBoard, MILK, sprintBoard } from "./given";
import { generateV2History } from "./history";

/** An export of these events, as GET /api/boards/:id/export writes it. */
function exportOf(history: readonly Envelope[], header: Record<string, unknown> = {}) {
  const events: StoredEvent[] = history.map((event, index) => ({
    version: index + 1,
    type: event.type,
    data: event.data,
    commandId: COMMAND_ID,
    actor: event.actor ?? ANA,
    at: event.at ?? AT,
  })) as StoredEvent[];
  return {
    format: "driftless-board",
    formatVersion: 1,
    title: fold(emptyBoard, events).title,
    version: events.length,
    exportedAt: "2026-12-02T10:00:00.000Z",
    events,
    ...header,
  };
}

/** The file, through JSON and back, as it arrives over HTTP. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function refusal(file: unknown): string {
  const read = readBoardFile(overTheWire(file));
  expect(read.ok, "the file should be refused").toBe(false);
  return read.ok ? "" : read.reason;
}

describe("reading a Driftless export", () => {
  it("gives back every event as exported, and the same board, for a generated history of every kind of change", () => {
    const history = generateV2History(20261202, 800).events;
    const file = overTheWire(exportOf(history));
    const read = readBoardFile(file);
    if (!read.ok) throw new Error(read.reason);
    expect(read.events).toEqual(file.events);
    expect(toView(read.state)).toEqual(toView(fold(emptyBoard, history)));
  });

  it("reads an export of an imported Trello board (members brought in, comments by their authors)", () => {
    const stamp = { actor: BEN, at: AT, commandId: COMMAND_ID };
    const trello = decideImport(overTheWire(awkwardTrelloBoard().board), stamp);
    if (!trello.ok) throw new Error(trello.reason);
    const again = decideImport(overTheWire(exportOf(trello.events)), stamp);
    if (!again.ok) throw new Error(again.reason);
    expect(again.from).toBe("driftless");
    expect(again.events).toEqual(trello.events);
    expect(toView(again.state)).toEqual(toView(trello.state));
  });

  it("refuses a file that says it is an export but has the wrong shape, saying what", () => {
    expect(refusal({ ...exportOf(by(ANA, ...sprintBoard)), formatVersion: 2 })).toBe(
      "The export is of format version 2, made by a newer Driftless; this one reads version 1.",
    );
    expect(refusal({ ...exportOf(by(ANA, ...sprintBoard)), boardId: "x" })).toBe(
      "The export has unknown fields: “boardId”.",
    );
    expect(refusal({ ...exportOf(by(ANA, ...sprintBoard)), events: [] })).toBe(
      'The export\'s "events" must be a list of events.',
    );
    expect(refusal({ ...exportOf(by(ANA, ...sprintBoard)), version: 3 })).toBe(
      "The export says the board is at version 3, but it holds 8 events.",
    );
  });

  it("refuses a version gap or a version out of order, naming the event", () => {
    const file = exportOf(by(ANA, ...sprintBoard));
    file.events.splice(3, 1); // version 4 is missing
    expect(refusal({ ...file, version: file.events.length })).toBe(
      "Event 4 has version 5: the versions of a board run 1, 2, 3… with no gap, in order.",
    );
  });

  it("refuses an event about an item that never existed, naming the event and the item", () => {
    const file = exportOf([
      ...by(ANA, ...sprintBoard),
      ...by(ANA, { type: "ItemTitleUpdated", data: { itemId: "item-ghost-0000000000001", newTitle: "Boo" } }),
    ]);
    expect(refusal(file)).toBe("Event 9 (ItemTitleUpdated): There is no item item-ghost-0000000000001 on this board.");
  });

  it("refuses a change to an item after it was removed, as decide would have", () => {
    const file = exportOf([
      ...by(ANA, ...sprintBoard),
      ...by(ANA, { type: "ItemRemoved", data: { itemId: MILK } }),
      ...by(ANA, { type: "ItemCompleted", data: { itemId: MILK } }),
    ]);
    expect(refusal(file)).toBe("Event 10 (ItemCompleted): Item “Milk” was removed.");
  });

  it("refuses a comment edited by someone other than its author", () => {
    const comment = detailedBoard.find((event) => event.type === "ItemCommented" && event.actor?.id === ANA.id);
    if (comment?.type !== "ItemCommented") throw new Error("the fixture has Ana's comment");
    const file = exportOf([
      ...detailedBoard,
      ...by(BEN, { type: "CommentEdited", data: { commentId: comment.data.commentId, text: "Ben's now" } }),
    ]);
    expect(refusal(file)).toMatch(
      /^Event \d+ \(CommentEdited\): Comment .* was changed by someone other than its author\.$/,
    );
  });

  it("refuses an assignment of someone who is not a member", () => {
    const file = exportOf([
      ...by(ANA, ...sprintBoard),
      ...by(ANA, { type: "ItemAssigned", data: { itemId: MILK, memberId: "somebody-else" } }),
    ]);
    expect(refusal(file)).toBe("Event 9 (ItemAssigned): There is no member somebody-else on this board.");
  });

  it("refuses a board whose first event is not its creation, or that is created twice", () => {
    expect(refusal(exportOf(by(ANA, ...sprintBoard.slice(1))))).toBe(
      "Event 1 (ColumnAdded): a board's first event is BoardCreated.",
    );
    expect(refusal(exportOf(by(ANA, ...sprintBoard, sprintBoard[0])))).toBe(
      "Event 9 (BoardCreated): A board is created by its first event only.",
    );
  });

  it("refuses data the log could not hold: unknown types and fields, bad text, bad positions and times", () => {
    const good = by(ANA, ...sprintBoard);
    const withLast = (event: Record<string, unknown>) => {
      const file = exportOf(good);
      Object.assign(file.events[file.events.length - 1], event);
      return file;
    };
    expect(refusal(withLast({ type: "ItemDeleted" }))).toBe("Event 8 has an unknown type “ItemDeleted”.");
    expect(
      refusal(
        withLast({ data: { itemId: "x".repeat(22), columnId: "y".repeat(22), title: "T", position: "a0", extra: 1 } }),
      ),
    ).toBe('Event 8 (ItemAdded): Unknown field "extra".');
    const tea = good[7].data as Record<string, unknown>;
    expect(refusal(withLast({ data: { ...tea, title: "a\u0000b" } }))).toBe(
      "Event 8 (ItemAdded): The title must be a single line of printable text (title).",
    );
    expect(refusal(withLast({ data: { ...tea, title: "\ud83d" } }))).toMatch(/printable/);
    expect(refusal(withLast({ data: { ...tea, title: "x".repeat(201) } }))).toBe(
      "Event 8 (ItemAdded): The title must be at most 200 characters (title).",
    );
    expect(refusal(withLast({ data: { ...tea, position: "not a key!" } }))).toBe(
      "Event 8 (ItemAdded): A position must be an order key as Driftless makes them (position).",
    );
    expect(refusal(withLast({ at: "2026-12-01 09:00" }))).toBe(
      "Event 8: A time must be written as 2026-12-01T09:00:00.000Z (at).",
    );
    expect(refusal(withLast({ actor: { id: "ana", name: "" } }))).toBe(
      "Event 8: The actor's name must not be empty (actor.name).",
    );
    expect(refusal(withLast({ version: "8" }))).toBe("Event 8: Version must be a number (version).");
  });

  it("refuses a title in the header that the events do not give", () => {
    expect(refusal({ ...exportOf(by(ANA, ...sprintBoard)), title: "Renamed by hand" })).toBe(
      "The export's title “Renamed by hand” is not the title its events give the board (“Sprint”).",
    );
  });
});

describe("what a file is", () => {
  it("is said in words when it is neither a Driftless export nor a Trello board", () => {
    for (const file of [null, [], 42, "text", {}, { format: "trello" }, { lists: [] }]) {
      const decided = decideImport(file, { actor: ANA, at: AT, commandId: COMMAND_ID });
      expect(decided.ok).toBe(false);
      if (!decided.ok)
        expect(decided.reason).toMatch(/^This file is neither a Driftless export nor a Trello board export/);
    }
  });
});
