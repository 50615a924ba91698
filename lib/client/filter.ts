// Finding the items that matter now: a search over what an item says (title, description,
// checklist, comments, its labels' and people's names) and quick filters (a label, a person,
// mine, overdue, due this week), combined. The filter lives in the address (`?q=…&label=…`), so a
// filtered view can be shared or bookmarked.
import type { Actor, BoardState, ItemState } from "@/lib/domain";

export type DueFilter = "overdue" | "week";

export interface BoardFilter {
  /** Words to find, as typed. */
  readonly q: string;
  readonly label: string | null;
  readonly member: string | null;
  /** Items assigned to this device's person. */
  readonly mine: boolean;
  readonly due: DueFilter | null;
}

export const NO_FILTER: BoardFilter = { q: "", label: null, member: null, mine: false, due: null };

const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The filter an address asks for; anything unreadable in it is left out, never an error. */
export function filterFromQuery(query: URLSearchParams): BoardFilter {
  const label = query.get("label");
  const member = query.get("member");
  const due = query.get("due");
  return {
    q: (query.get("q") ?? "").slice(0, 200),
    label: label && ID.test(label) ? label : null,
    member: member && ID.test(member) ? member : null,
    mine: query.get("mine") === "1",
    due: due === "overdue" || due === "week" ? due : null,
  };
}

/** The address's query for a filter (empty for none), keeping any other parameters there. */
export function filterToQuery(filter: BoardFilter, base = new URLSearchParams()): URLSearchParams {
  const query = new URLSearchParams(base);
  for (const key of ["q", "label", "member", "mine", "due"]) query.delete(key);
  if (filter.q !== "") query.set("q", filter.q);
  if (filter.label) query.set("label", filter.label);
  if (filter.member) query.set("member", filter.member);
  if (filter.mine) query.set("mine", "1");
  if (filter.due) query.set("due", filter.due);
  return query;
}

/**
 * The filter as this board can apply it: a label or person it no longer has (removed since the
 * address was made) is left out, so the filter never hides everything while its menu says "Any".
 * The same object when nothing is left out.
 */
export function filterOnBoard(filter: BoardFilter, state: Pick<BoardState, "labels" | "members">): BoardFilter {
  const label = filter.label !== null && !state.labels.has(filter.label) ? null : filter.label;
  const member = filter.member !== null && !state.members.has(filter.member) ? null : filter.member;
  return label === filter.label && member === filter.member ? filter : { ...filter, label, member };
}

export function isFiltering(filter: BoardFilter): boolean {
  return (
    filter.q.trim() !== "" || filter.label !== null || filter.member !== null || filter.mine || filter.due !== null
  );
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Lower case without accents: "Café" is found by "cafe". (ASCII text has no accents to drop.) */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize("NFD").replace(/\p{M}/gu, "") : lower;
}

// An item's own words, folded once per item object: an unchanged item keeps its identity across
// folds (structural sharing), so a keystroke costs one `includes` per item, not a rebuild.
const words = new WeakMap<ItemState, string>();

function wordsOf(item: ItemState): string {
  let text = words.get(item);
  if (text === undefined) {
    const parts = [item.title, item.description];
    for (const entry of item.checklist) parts.push(entry.text);
    for (const comment of item.comments) parts.push(comment.text);
    text = fold(parts.join("\n"));
    words.set(item, text);
  }
  return text;
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/**
 * The ids of the items the filter keeps, or null when it keeps everything. `today` is the
 * reader's (YYYY-MM-DD): "due this week" is today and the six days after it; completed items are
 * never overdue.
 */
export function matchingItems(
  state: Pick<BoardState, "items" | "labels" | "members">,
  filter: BoardFilter,
  { me, today }: { me: Actor | null; today: string | undefined },
): Set<string> | null {
  if (!isFiltering(filter)) return null;
  const terms = fold(filter.q).split(/\s+/).filter(Boolean);
  // A term may name a label or a person: the ids whose name holds it.
  const labelsNamed = terms.map((term) => {
    const ids = new Set<string>();
    state.labels.forEach((label, id) => {
      if (fold(label.name).includes(term)) ids.add(id);
    });
    return ids;
  });
  const membersNamed = terms.map((term) => {
    const ids = new Set<string>();
    state.members.forEach((member, id) => {
      if (fold(member.name).includes(term)) ids.add(id);
    });
    return ids;
  });
  const todayNumber = today ? dayNumber(today) : undefined;
  const kept = new Set<string>();
  state.items.forEach((item, itemId) => {
    if (filter.label && !item.labels.includes(filter.label)) return;
    if (filter.member && !item.assignees.includes(filter.member)) return;
    if (filter.mine && (me === null || !item.assignees.includes(me.id))) return;
    if (filter.due) {
      if (item.due === null || todayNumber === undefined) return;
      const days = dayNumber(item.due) - todayNumber;
      if (filter.due === "overdue" && (days >= 0 || item.completed)) return;
      if (filter.due === "week" && (days < 0 || days > 6)) return;
    }
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index];
      if (wordsOf(item).includes(term)) continue;
      if (item.labels.some((id) => labelsNamed[index].has(id))) continue;
      if (item.assignees.some((id) => membersNamed[index].has(id))) continue;
      return;
    }
    kept.add(itemId);
  });
  return kept;
}
