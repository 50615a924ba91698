// What an import adds to the domain (README): members brought in by name (MemberAdded) and comments
// that keep their author and date (ItemCommented's `author` and `at`). Given these events, when this
// import-only command, then these events — and nobody can send those commands by hand.
import { describe, expect, it } from "vitest";
import {
  type Actor,
  type BoardState,
  type Decision,
  describeEvent,
  type Envelope,
  emptyBoard,
  fold,
  parseCommand,
  stamped,
  toView,
} from "@/lib/domain";
import { decideAny, parseAnyCommand } from "@/lib/domain/import-commands";
import {
  ANA,
  AT,
  BEN,
  by,
  COMMAND_ID,
  COMMENT_1,
  commented,
  detailedBoard,
  expectSentence,
  MILK,
  sprintBoard,
  TEA,
} from "./given";

const IMPORTER: Actor = { id: "actor-importer-0000001", name: "Imogen" };
const LIMA = { id: "trello-000000000000000000000002", name: "Ana Lima" };
const TRELLO_COMMENT = "comment-000000000000000000000053";
const WRITTEN = "2026-10-01T09:15:00.000Z";

/** Given this history, when an import's command (import-only or not) is decided for the importer. */
function given(...history: Envelope[]) {
  const before = fold(emptyBoard, history);
  return {
    before,
    when(input: { type: string } & Record<string, unknown>, actor: Actor = IMPORTER) {
      const parsed = parseAnyCommand({ commandId: COMMAND_ID, ...input });
      if (!parsed.ok) throw new Error(`The test's command is invalid: ${parsed.rejection.reason}`);
      const decision = decideAny(before, parsed.command, actor);
      return new Then(before, decision, actor);
    },
  };
}

class Then {
  constructor(
    readonly before: BoardState,
    readonly decision: Decision,
    readonly actor: Actor,
  ) {}

  get events() {
    if (!this.decision.ok) throw new Error(`Rejected: ${this.decision.rejection.reason}`);
    return this.decision.events;
  }

  get stored(): Envelope[] {
    return stamped(this.events, this.actor, AT);
  }

  get after(): BoardState {
    return fold(this.before, this.stored);
  }

  rejected(code: string): string {
    expect(this.decision.ok).toBe(false);
    if (this.decision.ok) return "";
    expect(this.decision.rejection.code).toBe(code);
    expectSentence(this.decision.rejection.reason);
    return this.decision.rejection.reason;
  }
}

describe("addMember (import-only)", () => {
  it("appends MemberAdded: the person is a member by name, after those the board had, though no event is theirs", () => {
    const when = given(...by(ANA, ...sprintBoard)).when({ type: "addMember", memberId: LIMA.id, name: LIMA.name });
    expect(when.events).toEqual([{ type: "MemberAdded", data: { memberId: LIMA.id, name: "Ana Lima" } }]);
    expect(toView(when.after).members).toEqual([
      { memberId: ANA.id, name: "Ana" },
      { memberId: LIMA.id, name: "Ana Lima" },
      { memberId: IMPORTER.id, name: "Imogen" },
    ]);
  });

  it("lets the board assign the member it brought in", () => {
    const withLima = given(...by(ANA, ...sprintBoard)).when({ type: "addMember", memberId: LIMA.id, name: LIMA.name });
    const when = given(...by(ANA, ...sprintBoard), ...withLima.stored).when({
      type: "assignItem",
      itemId: MILK,
      memberId: LIMA.id,
    });
    expect(toView(when.after).columns[0].items[0].assignees).toEqual([LIMA.id]);
  });

  it("is a conflict for someone already a member, saying who", () => {
    const reason = given(...by(ANA, ...sprintBoard))
      .when({ type: "addMember", memberId: ANA.id, name: "Ana again" })
      .rejected("conflict");
    expect(reason).toBe(`“Ana” (${ANA.id}) is already a member of this board.`);
  });

  it("is refused for a name no field would take", () => {
    expect(parseAnyCommand({ commandId: COMMAND_ID, type: "addMember", memberId: LIMA.id, name: " " }).ok).toBe(false);
    expect(parseAnyCommand({ commandId: COMMAND_ID, type: "addMember", memberId: "not an id!", name: "Ana" }).ok).toBe(
      false,
    );
  });
});

describe("MemberAdded, folded", () => {
  it("names a member by the event's data, and the member's own later events name them again", () => {
    const renamed = fold(emptyBoard, [
      ...by(ANA, ...sprintBoard),
      ...by(IMPORTER, { type: "MemberAdded", data: { memberId: ANA.id, name: "Ana Lima" } }),
    ]);
    expect(renamed.members.get(ANA.id)?.name).toBe("Ana Lima");
    // Ana's next event (under the name she has always used) makes her "Ana" again.
    const back = fold(renamed, by(ANA, { type: "ItemCompleted", data: { itemId: MILK } }));
    expect(back.members.get(ANA.id)?.name).toBe("Ana");
  });

  it("is told in words on the history page", () => {
    const before = fold(emptyBoard, by(ANA, ...sprintBoard));
    expect(describeEvent(before, { type: "MemberAdded", data: { memberId: LIMA.id, name: "Ana Lima" } })).toBe(
      "added member “Ana Lima”",
    );
  });
});

describe("importComment (import-only)", () => {
  const comment = { type: "importComment", itemId: MILK, commentId: TRELLO_COMMENT, author: LIMA, at: WRITTEN };

  it("appends ItemCommented with its author and date; the comment shows them, not the importer's", () => {
    const when = given(...detailedBoard).when({ ...comment, text: "Oldest comment\r\nwith two lines" });
    expect(when.events).toEqual([
      {
        type: "ItemCommented",
        data: {
          itemId: MILK,
          commentId: TRELLO_COMMENT,
          text: "Oldest comment\nwith two lines",
          author: LIMA,
          at: WRITTEN,
        },
      },
    ]);
    const milk = toView(when.after).columns[0].items.find((item) => item.itemId === MILK);
    expect(milk?.comments.at(-1)).toEqual({
      commentId: TRELLO_COMMENT,
      text: "Oldest comment\nwith two lines",
      author: LIMA,
      at: WRITTEN,
      edited: false,
    });
  });

  it("is refused where a comment anyone writes is: an item that is not there, an id in use", () => {
    given(...by(ANA, ...sprintBoard))
      .when({ ...comment, itemId: "item-none-0000000000001", text: "x" })
      .rejected("not_found");
    given(...detailedBoard)
      .when({ ...comment, commentId: COMMENT_1, text: "x" })
      .rejected("conflict");
  });

  it("is refused with a date that is not an instant as the server stamps them", () => {
    for (const at of ["2026-10-01", "2026-10-01T09:15:00Z", "2026-02-30T09:15:00.000Z", "yesterday"]) {
      expect(parseAnyCommand({ commandId: COMMAND_ID, ...comment, text: "x", at }).ok, at).toBe(false);
    }
  });

  it("keeps the comment its author's: neither the importer nor anyone else may edit or remove it", () => {
    const imported = given(...detailedBoard).when({ ...comment, text: "Mine" });
    const board = [...detailedBoard, ...imported.stored];
    for (const actor of [IMPORTER, ANA]) {
      given(...board)
        .when({ type: "editComment", commentId: TRELLO_COMMENT, text: "Changed" }, actor)
        .rejected("forbidden");
      given(...board)
        .when({ type: "removeComment", commentId: TRELLO_COMMENT }, actor)
        .rejected("forbidden");
    }
  });

  it("is told in words with its author and the day it was written", () => {
    const before = fold(emptyBoard, detailedBoard);
    const event = {
      type: "ItemCommented",
      data: { itemId: TEA, commentId: TRELLO_COMMENT, text: "Hot", author: LIMA, at: WRITTEN },
    } as const;
    expect(describeEvent(before, { ...event, actor: IMPORTER, at: AT })).toBe(
      "added a comment by “Ana Lima” (written 2026-10-01) to item “Tea”",
    );
    expect(describeEvent(before, { ...by(BEN, commented(TEA, "comment-x-00000000000001", "Hi"))[0] })).toBe(
      "commented on item “Tea”",
    );
  });
});

describe("the commands anyone can send", () => {
  it("do not include the import-only ones: addMember and importComment are unknown types", () => {
    for (const input of [
      { type: "addMember", memberId: LIMA.id, name: LIMA.name },
      { type: "importComment", itemId: MILK, commentId: TRELLO_COMMENT, text: "x", author: LIMA, at: WRITTEN },
    ]) {
      const parsed = parseCommand({ commandId: COMMAND_ID, ...input });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.rejection).toEqual({ code: "invalid", reason: "Unknown command type (type)." });
    }
  });

  it("cannot sign a comment as someone else: commentOnItem refuses an author or a date", () => {
    const parsed = parseCommand({
      commandId: COMMAND_ID,
      type: "commentOnItem",
      itemId: MILK,
      commentId: TRELLO_COMMENT,
      text: "x",
      author: LIMA,
      at: WRITTEN,
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.rejection.reason).toBe('Unknown fields "author", "at".');
  });
});
