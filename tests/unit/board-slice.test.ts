import { describe, expect, it } from "vitest";
import {
  boardReducer,
  commandIssued,
  commandRejected,
  eventsReceived,
  initialBoardState,
  nameSaved,
} from "@/lib/client/board-slice";
import { type BoardState, type Command, type DomainEvent, emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import { MILK, TODO } from "./given";

const AT = "2026-11-22T10:00:00.000Z";
const created: DomainEvent[] = [
  { type: "BoardCreated", data: { title: "Groceries" } },
  { type: "ColumnAdded", data: { columnId: TODO, title: "To do", position: "a0" } },
  { type: "ItemAdded", data: { itemId: MILK, columnId: TODO, title: "Milk", position: "a0" } },
];
const start: BoardState = fold(emptyBoard, created);

/** The board slice at version 3 (the events above), as the page hydrates it. */
const hydrated = () => initialBoardState({ boardId: "board-0000000000000000", version: 3, state: start });

function stored(
  version: number,
  event: DomainEvent,
  commandId = `00000000-0000-4000-8000-${String(version).padStart(12, "0")}`,
): StoredEvent {
  return { version, ...event, commandId, actor: { id: "someone", name: "Someone" }, at: AT } as StoredEvent;
}

const cmd = (n: number, command: { type: Command["type"]; [field: string]: unknown }) =>
  ({ commandId: `11111111-1111-4111-8111-${String(n).padStart(12, "0")}`, ...command }) as Command;

const rename = (n: number, title: string) => cmd(n, { type: "renameItem", itemId: MILK, title });

describe("the board slice", () => {
  it("folds server events with the shared fold, in order, and moves the version", () => {
    const events = [
      stored(4, { type: "ItemCompleted", data: { itemId: MILK } }),
      stored(5, { type: "BoardRenamed", data: { title: "Shopping" } }),
    ];
    const state = boardReducer(hydrated(), eventsReceived(events));
    expect(state.version).toBe(5);
    expect(state.confirmed).toEqual(fold(start, events));
    expect(state.view).toBe(state.confirmed);
  });

  it("ignores events at or below its version (the render and the stream overlap)", () => {
    const state = boardReducer(hydrated(), eventsReceived([stored(3, created[2]), stored(2, created[1])]));
    expect(state.version).toBe(3);
    expect(state.confirmed).toBe(start);
  });

  it("marks a gap instead of folding past it, and folds once the gap is filled", () => {
    const six = stored(6, { type: "BoardRenamed", data: { title: "Six" } });
    const gapped = boardReducer(hydrated(), eventsReceived([six]));
    expect(gapped.gapAfter).toBe(3);
    expect(gapped.version).toBe(3);
    const filled = boardReducer(
      gapped,
      eventsReceived([
        stored(4, { type: "BoardRenamed", data: { title: "Four" } }),
        stored(5, { type: "BoardRenamed", data: { title: "Five" } }),
        six,
      ]),
    );
    expect(filled.gapAfter).toBeNull();
    expect(filled.version).toBe(6);
    expect(filled.view.title).toBe("Six");
  });

  it("shows a command at once as pending, and confirms it when its event arrives", () => {
    const command = rename(1, "Oat milk");
    const pending = boardReducer(hydrated(), commandIssued(command));
    expect(pending.view.items.get(MILK)?.title).toBe("Oat milk");
    expect(pending.confirmed.items.get(MILK)?.title).toBe("Milk");
    expect(pending.pending.ids).toEqual([command.commandId]);

    const confirmed = boardReducer(
      pending,
      eventsReceived([
        stored(4, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } }, command.commandId),
      ]),
    );
    expect(confirmed.pending.ids).toEqual([]);
    expect(confirmed.view.items.get(MILK)?.title).toBe("Oat milk");
    expect(confirmed.view).toBe(confirmed.confirmed);
  });

  it("drops a rejected command, rolls the view back, and says which change failed and why", () => {
    const command = rename(1, "Oat milk");
    const state = boardReducer(
      boardReducer(hydrated(), commandIssued(command)),
      commandRejected({ commandId: command.commandId, code: "not_found", reason: "Item “Milk” was removed." }),
    );
    expect(state.pending.ids).toEqual([]);
    expect(state.view.items.get(MILK)?.title).toBe("Milk");
    expect(state.notices.map((notice) => notice.message)).toEqual([
      "Couldn’t rename item “Milk” to “Oat milk”: Item “Milk” was removed.",
    ]);
  });

  it("re-applies pending commands on top of someone else's event that arrives first (rebase)", () => {
    const mine = cmd(1, { type: "completeItem", itemId: MILK });
    let state = boardReducer(hydrated(), commandIssued(mine));
    state = boardReducer(
      state,
      eventsReceived([stored(4, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Whole milk" } })]),
    );
    expect(state.view.items.get(MILK)).toMatchObject({ title: "Whole milk", completed: true });
    expect(state.confirmed.items.get(MILK)).toMatchObject({ title: "Whole milk", completed: false });
    expect(state.pending.ids).toEqual([mine.commandId]);
  });

  it("handles confirmations out of order: each leaves pending when its own event arrives", () => {
    const first = rename(1, "One");
    const second = rename(2, "Two");
    let state = boardReducer(boardReducer(hydrated(), commandIssued(first)), commandIssued(second));
    expect(state.view.items.get(MILK)?.title).toBe("Two");
    state = boardReducer(
      state,
      eventsReceived([
        stored(4, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Two" } }, second.commandId),
      ]),
    );
    expect(state.pending.ids).toEqual([first.commandId]);
    expect(state.view.items.get(MILK)?.title).toBe("One"); // the first is still pending, re-applied on top
    state = boardReducer(
      state,
      eventsReceived([
        stored(5, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "One" } }, first.commandId),
      ]),
    );
    expect(state.pending.ids).toEqual([]);
    expect(state.view.items.get(MILK)?.title).toBe("One");
  });

  it("in a burst of other people's events, drops only the pending command that one of them answers", () => {
    const first = rename(1, "One");
    const second = cmd(2, { type: "completeItem", itemId: MILK });
    let state = boardReducer(boardReducer(hydrated(), commandIssued(first)), commandIssued(second));
    state = boardReducer(
      state,
      eventsReceived([
        stored(4, { type: "BoardRenamed", data: { title: "Shopping" } }),
        stored(5, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "One" } }, first.commandId),
        stored(6, { type: "BoardRenamed", data: { title: "Groceries" } }),
      ]),
    );
    expect(state.pending.ids).toEqual([second.commandId]);
    expect(state.view.items.get(MILK)).toMatchObject({ title: "One", completed: true });
    expect(state.confirmed.items.get(MILK)).toMatchObject({ title: "One", completed: false });
  });

  it("shows a pending command that no longer applies as not done, until the server answers", () => {
    const mine = rename(1, "Oat milk");
    let state = boardReducer(hydrated(), commandIssued(mine));
    state = boardReducer(state, eventsReceived([stored(4, { type: "ItemRemoved", data: { itemId: MILK } })]));
    expect(state.view.items.get(MILK)).toBeUndefined();
    expect(state.pending.ids).toEqual([mine.commandId]);
  });

  it("keeps unchanged items identical after a fold, so their components need not render", () => {
    const state = boardReducer(
      hydrated(),
      eventsReceived([stored(4, { type: "BoardRenamed", data: { title: "Renamed" } })]),
    );
    expect(state.view.items).toBe(start.items);
    expect(state.view.columns).toBe(start.columns);
  });
});

describe("the board slice with an outbox", () => {
  it("lets a command leave pending on a duplicate answer whose events it already has", async () => {
    const { commandAccepted } = await import("@/lib/client/board-slice");
    const command = rename(1, "Oat milk");
    const renamed = stored(
      4,
      { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } },
      command.commandId,
    );
    // The page rendered after Background Sync had sent it: version 4 is in, and the outbox restores it.
    let state = boardReducer(hydrated(), eventsReceived([renamed]));
    state = boardReducer(state, commandIssued(command));
    expect(state.pending.ids).toEqual([command.commandId]);
    state = boardReducer(state, commandAccepted({ commandId: command.commandId, version: 4, events: [renamed] }));
    expect(state.pending.ids).toEqual([]);
    expect(state.view.items.get(MILK)?.title).toBe("Oat milk");
  });

  it("keeps a command pending when its answer is ahead of a gap, until the events arrive", async () => {
    const { commandAccepted } = await import("@/lib/client/board-slice");
    const command = rename(1, "Oat milk");
    let state = boardReducer(hydrated(), commandIssued(command));
    const renamed = stored(
      5,
      { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } },
      command.commandId,
    );
    state = boardReducer(state, commandAccepted({ commandId: command.commandId, version: 5, events: [renamed] }));
    expect(state.gapAfter).toBe(3);
    expect(state.pending.ids).toEqual([command.commandId]);
    expect(state.view.items.get(MILK)?.title).toBe("Oat milk");
  });
});

describe("the board slice predicts as this device's actor (me)", () => {
  const ANA = { id: "actor-ana-000000000001", name: "Ana" };
  const BEN = { id: "actor-ben-000000000001", name: "Ben" };
  const COMMENT = "comment-one-000000000001";
  const byAna = (version: number, event: DomainEvent, commandId?: string): StoredEvent => ({
    ...stored(version, event, commandId),
    actor: ANA,
  });
  const commentedByAna = byAna(4, { type: "ItemCommented", data: { itemId: MILK, commentId: COMMENT, text: "Noon" } });
  const as = (me: typeof ANA | null) =>
    boardReducer(
      initialBoardState({ boardId: "board-0000000000000000", version: 3, state: start, me }),
      eventsReceived([commentedByAna]),
    );
  const edit = cmd(1, { type: "editComment", commentId: COMMENT, text: "One" });

  it("signs a pending comment with me and the time it was issued, and makes me a member", () => {
    const comment = cmd(2, { type: "commentOnItem", itemId: MILK, commentId: "comment-two-000000000001", text: "Hi" });
    const before = Date.now();
    const state = boardReducer(as(BEN), commandIssued(comment));
    const pending = state.view.items.get(MILK)?.comments[1];
    expect(pending).toMatchObject({ text: "Hi", author: BEN, edited: false });
    expect(Date.parse(pending?.at ?? "")).toBeGreaterThanOrEqual(before - 1);
    expect(state.view.members.get(BEN.id)).toMatchObject({ memberId: BEN.id, name: "Ben" });
    // Rebased on a later event, the prediction keeps its time (the item is not re-made for nothing).
    const later = boardReducer(state, eventsReceived([stored(5, { type: "BoardRenamed", data: { title: "X" } })]));
    expect(later.view.items.get(MILK)?.comments[1]).toEqual(pending);
  });

  it("predicts the author's edit of their comment, and not someone else's", () => {
    expect(boardReducer(as(ANA), commandIssued(edit)).view.items.get(MILK)?.comments[0]).toMatchObject({
      text: "One",
      edited: true,
    });
    expect(boardReducer(as(BEN), commandIssued(edit)).view.items.get(MILK)?.comments[0]).toMatchObject({
      text: "Noon",
      edited: false,
    });
  });

  it("not knowing who it is, stamps no actor (no made-up member), and learns me from its first confirmed command", () => {
    const rename = cmd(3, { type: "renameItem", itemId: MILK, title: "Oat milk" });
    let state = boardReducer(as(null), commandIssued(rename));
    expect(state.me).toBeNull();
    expect([...state.view.members.keys()]).toEqual([ANA.id]);
    state = boardReducer(
      state,
      eventsReceived([
        {
          ...stored(5, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } }, rename.commandId),
          actor: BEN,
        },
      ]),
    );
    expect(state.me).toEqual(BEN);
    // Other people's events teach it nothing about itself.
    const other = boardReducer(as(null), eventsReceived([stored(5, { type: "BoardRenamed", data: { title: "X" } })]));
    expect(other.me).toBeNull();
  });

  it("not knowing who it is, still gives a pending comment the time it was written", () => {
    const comment = cmd(4, { type: "commentOnItem", itemId: MILK, commentId: "comment-new-000000000001", text: "Hi" });
    const state = boardReducer(as(null), commandIssued(comment));
    const pending = state.view.items.get(MILK)?.comments.at(-1) ?? { text: "", at: "" };
    expect(pending.text).toBe("Hi");
    expect(Number.isNaN(new Date(pending.at).getTime())).toBe(false);
  });

  it("takes a newly saved name for me, and an empty one as Anonymous", () => {
    let state = boardReducer(as(ANA), nameSaved("Ana Lovelace"));
    expect(state.me).toEqual({ id: ANA.id, name: "Ana Lovelace" });
    state = boardReducer(state, nameSaved(""));
    expect(state.me?.name).toBe("Anonymous");
    expect(boardReducer(as(null), nameSaved("Nobody yet")).me).toBeNull();
  });

  it("learns me from a command's answer too", async () => {
    const { commandAccepted } = await import("@/lib/client/board-slice");
    const rename = cmd(3, { type: "renameItem", itemId: MILK, title: "Oat milk" });
    const event = {
      ...stored(5, { type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Oat milk" } }, rename.commandId),
      actor: BEN,
    };
    const state = boardReducer(
      boardReducer(as(null), commandIssued(rename)),
      commandAccepted({ commandId: rename.commandId, version: 5, events: [event] }),
    );
    expect(state.me).toEqual(BEN);
  });
});
