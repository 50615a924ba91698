// People named alike are told apart wherever the board names them (README, "Items"): the
// assignee checkboxes, the Person filter and the cards; the log keeps the names as chosen.
import { describe, expect, it } from "vitest";
import { boardReducer, initialBoardState, nameSaved } from "@/lib/client/board-slice";
import { selectItemAssigneeNames, selectMembers, selectPeopleHere } from "@/lib/client/selectors";
import type { RootState } from "@/lib/client/store";
import { type DomainEvent, emptyBoard, fold, namedApart, type StoredEvent } from "@/lib/domain";
import { MILK, TODO } from "./given";

const person = (name: string) => ({ memberId: `m-${name}`, name });

/** Events by people who never gave a name, numbered as they are made; `version()` is the last. */
function nameless() {
  let last = 0;
  const by = (id: string, event: DomainEvent) =>
    ({
      ...event,
      version: ++last,
      commandId: crypto.randomUUID(),
      actor: { id, name: "Anonymous" },
      at: "2026-12-02T10:00:00Z",
    }) as StoredEvent;
  return { by, version: () => last };
}

describe("names told apart", () => {
  it("number a name someone earlier already has, and leave distinct names alone", () => {
    const members = [
      { memberId: "a", name: "Anonymous" },
      { memberId: "b", name: "Ada" },
      { memberId: "c", name: "Anonymous" },
      { memberId: "d", name: "Anonymous" },
    ];
    expect(namedApart(members).map((member) => member.name)).toEqual([
      "Anonymous",
      "Ada",
      "Anonymous 2",
      "Anonymous 3",
    ]);
    const distinct = [person("Ada"), person("Ben")];
    expect(namedApart(distinct)).toEqual(distinct);
  });

  it("skip a number somebody chose as their name", () => {
    const members = [person("Sam"), { memberId: "x", name: "Sam" }, person("Sam 2")];
    expect(namedApart(members).map((member) => member.name)).toEqual(["Sam", "Sam 3", "Sam 2"]);
  });

  it("name two nameless people apart in the picker and on the card, alike", () => {
    const { by, version } = nameless();
    const state = fold(emptyBoard, [
      by("first", { type: "BoardCreated", data: { title: "Plans" } }),
      by("first", { type: "ColumnAdded", data: { columnId: TODO, title: "To do", position: "a0" } }),
      by("second", { type: "ItemAdded", data: { itemId: MILK, columnId: TODO, title: "Milk", position: "a0" } }),
    ]);
    const root = {
      board: initialBoardState({ boardId: "b", version: version(), state, me: { id: "third", name: "Anonymous" } }),
    } as RootState;
    expect(selectMembers(root).map((member) => member.name)).toEqual(["Anonymous", "Anonymous 2", "Anonymous 3"]);
    expect(selectItemAssigneeNames(root, ["second", "third", "gone"])).toEqual([
      "Anonymous 2",
      "Anonymous 3",
      "Someone",
    ]);
    expect([...state.members.values()].map((member) => member.name)).toEqual(["Anonymous", "Anonymous"]);
  });

  it("show this device's person by the name saved here, before a change of theirs records it", () => {
    const { by, version } = nameless();
    const state = fold(emptyBoard, [
      by("me", { type: "BoardCreated", data: { title: "Plans" } }),
      by("me", { type: "ColumnAdded", data: { columnId: TODO, title: "To do", position: "a0" } }),
      by("other", { type: "ItemAdded", data: { itemId: MILK, columnId: TODO, title: "Milk", position: "a0" } }),
      by("other", { type: "ItemAssigned", data: { itemId: MILK, memberId: "me" } }),
    ]);
    const before = initialBoardState({ boardId: "b", version: version(), state, me: { id: "me", name: "Anonymous" } });
    const board = boardReducer(before, nameSaved("Ada Lovelace"));
    const root = { board } as RootState;
    expect(selectMembers(root).map((member) => member.name)).toEqual(["Ada Lovelace", "Anonymous"]);
    expect(selectItemAssigneeNames(root, ["me"])).toEqual(["Ada Lovelace"]);
  });

  it("number people here as the members are numbered, whatever order the list comes in", () => {
    const { by, version } = nameless();
    const state = fold(emptyBoard, [
      by("first", { type: "BoardCreated", data: { title: "Plans" } }),
      by("second", { type: "ColumnAdded", data: { columnId: TODO, title: "To do", position: "a0" } }),
    ]);
    const root = {
      board: initialBoardState({ boardId: "b", version: version(), state, me: { id: "second", name: "Anonymous" } }),
      presence: {
        people: [
          { id: "second", name: "Anonymous" },
          { id: "visitor", name: "Anonymous" },
          { id: "first", name: "Anonymous" },
        ],
        viewers: 0,
      },
    } as unknown as RootState;
    expect(selectMembers(root).map((member) => [member.memberId, member.name])).toEqual([
      ["first", "Anonymous"],
      ["second", "Anonymous 2"],
    ]);
    expect(selectPeopleHere(root)).toEqual([
      { id: "second", name: "Anonymous 2" },
      { id: "visitor", name: "Anonymous 3" },
      { id: "first", name: "Anonymous" },
    ]);
  });
});
