// Memoised reads of the board: one changed item gives one new item object (structural sharing in
// lib/domain/fold), so only the components that read it render again.
import { createSelector } from "@reduxjs/toolkit";
import {
  columnsInOrder,
  commandTargets,
  type ItemState,
  isCreation,
  labelsInOrder,
  membersInOrder,
  namedApart,
  removedInOrder,
  sortItems,
} from "@/lib/domain";
import type { RootState } from "./store";

const NONE: readonly string[] = Object.freeze([]);

export const selectTitle = (state: RootState) => state.board.view.title;
export const selectVersion = (state: RootState) => state.board.version;

export const selectColumnIds = createSelector([(state: RootState) => state.board.view.columns], (columns) =>
  columnsInOrder({ columns }).map((column) => column.columnId),
);

export const selectColumn = (state: RootState, columnId: string) => state.board.view.columns.get(columnId);

const selectItemIdsByColumn = createSelector([(state: RootState) => state.board.view.items], (items) => {
  const byColumn = new Map<string, ItemState[]>();
  items.forEach((item) => {
    const list = byColumn.get(item.columnId);
    if (list) list.push(item);
    else byColumn.set(item.columnId, [item]);
  });
  const ids = new Map<string, readonly string[]>();
  for (const [columnId, list] of byColumn)
    ids.set(
      columnId,
      sortItems(list).map((item) => item.itemId),
    );
  return ids;
});

/** A column's item ids in display order (compare with shallowEqual: a new array of the same ids is no change). */
export const selectItemIds = (state: RootState, columnId: string) => selectItemIdsByColumn(state).get(columnId) ?? NONE;

export const selectItem = (state: RootState, itemId: string) => state.board.view.items.get(itemId);

const selectUnsavedIds = createSelector(
  [(state: RootState) => state.board.pending],
  (pending) =>
    new Set(
      pending.ids.flatMap((id) => {
        const { command } = pending.entities[id];
        return isCreation(command) ? [] : commandTargets(command);
      }),
    ),
);

/** True while a change to this column or item is not confirmed yet. */
export const selectUnsaved = (state: RootState, id: string) => selectUnsavedIds(state).has(id);

export const selectWaitingCount = (state: RootState) => state.board.pending.ids.length;

/** The status line, in words: `Live`, `Connecting`, `Offline`, and the changes waiting. */
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export const selectStatusText = createSelector(
  [(state: RootState) => state.board.connection, selectWaitingCount, (state: RootState) => state.board.pausedUntil],
  (connection, waiting, pausedUntil) => {
    const word = { live: "Live", connecting: "Connecting", offline: "Offline" }[connection];
    if (waiting === 0) return word;
    const changes = `${waiting} ${waiting === 1 ? "change" : "changes"} waiting`;
    if (pausedUntil !== null && connection === "live") {
      return `${word} — ${changes}: the server asked to slow down; sending again at ${clock.format(pausedUntil)}`;
    }
    return `${word} — ${changes}`;
  },
);

export const selectNotices = (state: RootState) => state.board.notices;

/** The board's labels in creation order. */
export const selectLabels = createSelector([(state: RootState) => state.board.view.labels], (labels) =>
  labelsInOrder({ labels }),
);

/** Label id → name and colour (what a card's chips need). */
export const selectLabelMap = createSelector(
  [selectLabels],
  (labels) => new Map(labels.map((label) => [label.labelId, { name: label.name, color: label.color }])),
);

/** The board's members in the order they came, and this device's person when not one of them yet. */
export const selectMembers = createSelector(
  [(state: RootState) => state.board.view.members, (state: RootState) => state.board.me],
  (members, me) => {
    // This device's person by the name they saved here, before a change of theirs records it.
    const listed = membersInOrder({ members }).map(({ memberId, name }) => ({
      memberId,
      name: me !== null && memberId === me.id ? me.name : name,
    }));
    // Someone who has not changed anything yet is not a member, but may put themselves on an item.
    if (me && me.id !== "" && !members.has(me.id)) listed.push({ memberId: me.id, name: me.name });
    return namedApart(listed);
  },
);

/** Member id → name as the board shows it (told apart), this device's person included. */
export const selectMemberMap = createSelector(
  [selectMembers],
  (members) => new Map(members.map((member) => [member.memberId, member.name])),
);

export const selectMe = (state: RootState) => state.board.me;

/**
 * Who has the board open, in the list's order, each with a name of their own: people of one name
 * are numbered in the board's member order ("Anonymous", "Anonymous 2"), as the assignees and the
 * Person filter number them, so one person has one number on one screen; people who are not
 * members yet come after. Null when nobody knows.
 */
export const selectPeopleHere = createSelector(
  [(state: RootState) => state.presence.people, selectMembers],
  (people, members) => {
    if (people === null) return null;
    const rank = new Map(members.map((member, index) => [member.memberId, index]));
    const numbered = people
      .map((person, index) => ({ person, key: rank.get(person.id) ?? members.length + index }))
      .sort((a, b) => a.key - b.key)
      .map(({ person }) => person);
    const names = new Map(namedApart(numbered).map((person) => [person.id, person.name]));
    return people.map((person) => ({ ...person, name: names.get(person.id) ?? person.name }));
  },
);

/** Removed items and columns, most recent first: what a restore can bring back. */
export const selectRemoved = createSelector([(state: RootState) => state.board.view.bin], (bin) =>
  removedInOrder({ bin }),
);

/**
 * An item's labels with their names and colours, in the item's order (compare with shallowEqual:
 * each label keeps its identity until it changes, so a card renders again only when its own do).
 */
export const selectItemLabels = (state: RootState, labelIds: readonly string[]) =>
  labelIds.flatMap((labelId) => {
    const label = state.board.view.labels.get(labelId);
    return label ? [label] : [];
  });

/** An item's people's names, in the item's order (strings: shallowEqual compares them by value). */
export const selectItemAssigneeNames = (state: RootState, memberIds: readonly string[]) => {
  const names = selectMemberMap(state);
  return memberIds.map((memberId) => names.get(memberId) ?? "Someone");
};
