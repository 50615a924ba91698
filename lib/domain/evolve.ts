// evolve: event → state. The one projection every view uses (server, SSR, history, Redux).
import type { Actor, Envelope } from "./events";
import {
  type BoardState,
  type ChecklistEntryState,
  type ColumnState,
  type CommentRef,
  type CommentState,
  entryBefore,
  type ItemState,
  type LabelState,
  type MemberState,
  type Removal,
  sortItems,
  type Tombstone,
} from "./state";
import type { TableBuilder } from "./table";

/** Applies one event. Pure: `state` is left untouched. */
export function evolve(state: BoardState, event: Envelope): BoardState {
  return fold(state, [event]);
}

/**
 * Applies events in order. Pure from the outside; inside, each table is changed through one
 * builder, which copies an array of the table the first time this call writes to it (not once per
 * event), so a fold costs O(events + arrays touched), never a copy of the whole board.
 *
 * Each event's actor (when the event carries one, as every stored event does) becomes or stays a
 * member of the board under the name it used; an event without one changes no member.
 */
export function fold(state: BoardState, events: Iterable<Envelope>): BoardState {
  const draft = new Draft(state);
  for (const event of events) {
    apply(draft, event);
    if (event.actor !== undefined) draft.met(event.actor);
  }
  return draft.result();
}

/** Who wrote a comment whose event carries no actor (none should exist: the server stamps every event). */
const NOBODY: Actor = { id: "", name: "Someone" };

/** The tables of one fold, changed through builders, and the title. */
class Draft {
  title: string;
  removals: number;
  labelsMade: number;
  readonly columns: TableBuilder<ColumnState>;
  readonly items: TableBuilder<ItemState>;
  readonly removed: TableBuilder<Tombstone>;
  readonly labels: TableBuilder<LabelState>;
  readonly members: TableBuilder<MemberState>;
  readonly bin: TableBuilder<Removal>;
  readonly comments: TableBuilder<CommentRef>;
  // A burst of events usually comes from one person: their membership is checked once.
  private lastId: string | undefined;
  private lastName: string | undefined;

  constructor(private readonly base: BoardState) {
    this.title = base.title;
    this.removals = base.removals;
    this.labelsMade = base.labelsMade;
    this.columns = base.columns.edit();
    this.items = base.items.edit();
    this.removed = base.removed.edit();
    this.labels = base.labels.edit();
    this.members = base.members.edit();
    this.bin = base.bin.edit();
    this.comments = base.comments.edit();
  }

  met(actor: Actor): void {
    const { id, name } = actor;
    if (id === this.lastId && name === this.lastName) return;
    this.lastId = id;
    this.lastName = name;
    this.member(id, name);
  }

  /** A member under this name from now on (a new one comes last). */
  member(id: string, name: string): void {
    const known = this.members.get(id);
    if (known === undefined) this.members.set(id, { memberId: id, name, order: this.members.size });
    else if (known.name !== name) this.members.set(id, { memberId: id, name, order: known.order });
  }

  /** A member named by an event's data, not its actor: the next actor is checked again. */
  added(id: string, name: string): void {
    this.lastId = undefined;
    this.member(id, name);
  }

  /** Takes an item off the board, whole, into the bin; answers whether there was one. */
  removeItem(id: string, order: number, column: ColumnState | undefined): boolean {
    const item = this.items.get(id);
    if (!item) return false;
    this.items.delete(id);
    this.removed.set(
      id,
      column ? { kind: "item", title: item.title, column: column.title } : { kind: "item", title: item.title },
    );
    this.bin.set(id, { kind: "item", item, order, withColumn: column ? column.columnId : null });
    return true;
  }

  removeColumn(id: string, order: number): void {
    const column = this.columns.get(id);
    // In display order: a table's iteration order follows its history (an id removed and restored
    // keeps its first place), which a copy of the state does not share, and this list is state.
    const leaving = sortItems(this.items.values().filter((entry) => entry.columnId === id));
    const left: string[] = [];
    for (const entry of leaving) if (this.removeItem(entry.itemId, order, column)) left.push(entry.itemId);
    if (column) {
      this.columns.delete(id);
      this.removed.set(id, { kind: "column", title: column.title });
      this.bin.set(id, { kind: "column", column, items: left, order });
    }
    if (column || left.length > 0) this.removals = order;
  }

  /** Takes something out of the bin (it is on the board again, so its id is no longer a tombstone). */
  unbin(id: string): void {
    this.bin.delete(id);
    this.removed.delete(id);
  }

  /** A comment on the board (not removed, its item not in the bin), with its item and index there. */
  findComment(commentId: string): { ref: CommentRef; item: ItemState; at: number } | undefined {
    const ref = this.comments.get(commentId);
    if (!ref || ref.removed) return undefined;
    const item = this.items.get(ref.itemId);
    const at = item ? item.comments.findIndex((comment) => comment.commentId === commentId) : -1;
    return item && at !== -1 ? { ref, item, at } : undefined;
  }

  result(): BoardState {
    const { base } = this;
    const columns = this.columns.finish();
    const items = this.items.finish();
    const removed = this.removed.finish();
    const labels = this.labels.finish();
    const members = this.members.finish();
    const bin = this.bin.finish();
    const comments = this.comments.finish();
    if (
      this.title === base.title &&
      this.removals === base.removals &&
      this.labelsMade === base.labelsMade &&
      columns === base.columns &&
      items === base.items &&
      removed === base.removed &&
      labels === base.labels &&
      members === base.members &&
      bin === base.bin &&
      comments === base.comments
    ) {
      return base;
    }
    return {
      title: this.title,
      columns,
      items,
      removed,
      labels,
      members,
      bin,
      comments,
      removals: this.removals,
      labelsMade: this.labelsMade,
    };
  }
}

// Entries are written as whole literals, never `{ ...item, title }`: V8 spreads an object with an
// extra property some 30× slower than it builds a literal, and every item keeps one shape.
function column(columnId: string, title: string, position: string, limit: number | null): ColumnState {
  return { columnId, title, position, limit };
}

const NONE: readonly never[] = [];

function newItem(itemId: string, columnId: string, title: string, position: string): ItemState {
  return {
    itemId,
    columnId,
    title,
    completed: false,
    position,
    description: "",
    due: null,
    labels: NONE,
    assignees: NONE,
    checklist: NONE,
    comments: NONE,
  };
}

function titled(i: ItemState, title: string): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title,
    completed: i.completed,
    position: i.position,
    description: i.description,
    due: i.due,
    labels: i.labels,
    assignees: i.assignees,
    checklist: i.checklist,
    comments: i.comments,
  };
}

function completedAs(i: ItemState, completed: boolean): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title: i.title,
    completed,
    position: i.position,
    description: i.description,
    due: i.due,
    labels: i.labels,
    assignees: i.assignees,
    checklist: i.checklist,
    comments: i.comments,
  };
}

function placed(i: ItemState, columnId: string, position: string): ItemState {
  return {
    itemId: i.itemId,
    columnId,
    title: i.title,
    completed: i.completed,
    position,
    description: i.description,
    due: i.due,
    labels: i.labels,
    assignees: i.assignees,
    checklist: i.checklist,
    comments: i.comments,
  };
}

function described(i: ItemState, description: string, due: string | null): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title: i.title,
    completed: i.completed,
    position: i.position,
    description,
    due,
    labels: i.labels,
    assignees: i.assignees,
    checklist: i.checklist,
    comments: i.comments,
  };
}

function tagged(i: ItemState, labels: readonly string[], assignees: readonly string[]): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title: i.title,
    completed: i.completed,
    position: i.position,
    description: i.description,
    due: i.due,
    labels,
    assignees,
    checklist: i.checklist,
    comments: i.comments,
  };
}

function checklisted(i: ItemState, checklist: readonly ChecklistEntryState[]): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title: i.title,
    completed: i.completed,
    position: i.position,
    description: i.description,
    due: i.due,
    labels: i.labels,
    assignees: i.assignees,
    checklist,
    comments: i.comments,
  };
}

function commented(i: ItemState, comments: readonly CommentState[]): ItemState {
  return {
    itemId: i.itemId,
    columnId: i.columnId,
    title: i.title,
    completed: i.completed,
    position: i.position,
    description: i.description,
    due: i.due,
    labels: i.labels,
    assignees: i.assignees,
    checklist: i.checklist,
    comments,
  };
}

function entry(entryId: string, text: string, done: boolean, position: string): ChecklistEntryState {
  return { entryId, text, done, position };
}

function comment(commentId: string, text: string, author: Actor, at: string, edited: boolean): CommentState {
  return { commentId, text, author, at, edited };
}

/** `list` with `value` at index `at` instead of what was there. */
function replaced<T>(list: readonly T[], at: number, value: T): T[] {
  const next = list.slice();
  next[at] = value;
  return next;
}

function without<T>(list: readonly T[], at: number): T[] {
  const next = list.slice();
  next.splice(at, 1);
  return next;
}

/** The checklist entry `entryId` of `itemId` changed by `change`, when both are there. */
function changeEntry(
  draft: Draft,
  itemId: string,
  entryId: string,
  change: (found: ChecklistEntryState) => ChecklistEntryState | undefined,
): void {
  const found = draft.items.get(itemId);
  if (!found) return;
  const at = found.checklist.findIndex((candidate) => candidate.entryId === entryId);
  if (at === -1) return;
  const changed = change(found.checklist[at]);
  const checklist = changed === undefined ? without(found.checklist, at) : replaced(found.checklist, at, changed);
  draft.items.set(itemId, checklisted(found, checklist));
}

// Events are facts: one that refers to something already gone changes nothing rather than fail.
function apply(draft: Draft, event: Envelope): void {
  switch (event.type) {
    case "BoardCreated":
    case "BoardRenamed":
      draft.title = event.data.title;
      return;
    case "ColumnAdded": {
      const { columnId, title, position } = event.data;
      draft.columns.set(columnId, column(columnId, title, position, null));
      return;
    }
    case "ColumnRenamed": {
      const { columnId, title } = event.data;
      const found = draft.columns.get(columnId);
      if (found) draft.columns.set(columnId, column(found.columnId, title, found.position, found.limit));
      return;
    }
    case "ColumnMoved": {
      const { columnId, position } = event.data;
      const found = draft.columns.get(columnId);
      if (found) draft.columns.set(columnId, column(found.columnId, found.title, position, found.limit));
      return;
    }
    case "ColumnLimitSet": {
      const { columnId, limit } = event.data;
      const found = draft.columns.get(columnId);
      if (found) draft.columns.set(columnId, column(found.columnId, found.title, found.position, limit));
      return;
    }
    case "ColumnRemoved":
      draft.removeColumn(event.data.columnId, draft.removals + 1);
      return;
    case "ColumnRestored": {
      const { columnId, position } = event.data;
      const removal = draft.bin.get(columnId);
      if (removal?.kind !== "column") return;
      const { title, limit } = removal.column;
      draft.columns.set(columnId, column(columnId, title, position, limit));
      draft.unbin(columnId);
      for (const itemId of removal.items) {
        const left = draft.bin.get(itemId);
        // An item restored on its own since (and perhaps removed again) is no longer the column's.
        if (left?.kind !== "item" || left.withColumn !== columnId) continue;
        draft.items.set(itemId, left.item);
        draft.unbin(itemId);
      }
      return;
    }
    case "ItemAdded": {
      const { itemId, columnId, title, position } = event.data;
      draft.items.set(itemId, newItem(itemId, columnId, title, position));
      return;
    }
    case "ItemTitleUpdated": {
      const { itemId, newTitle } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, titled(found, newTitle));
      return;
    }
    case "ItemCompleted":
    case "ItemReopened": {
      const { itemId } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, completedAs(found, event.type === "ItemCompleted"));
      return;
    }
    case "ItemMoved": {
      const { itemId, columnId, position } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, placed(found, columnId, position));
      return;
    }
    case "ItemRemoved": {
      const order = draft.removals + 1;
      if (draft.removeItem(event.data.itemId, order, undefined)) draft.removals = order;
      return;
    }
    case "ItemRestored": {
      const { itemId, columnId, position } = event.data;
      const removal = draft.bin.get(itemId);
      if (removal?.kind !== "item") return;
      draft.items.set(itemId, placed(removal.item, columnId, position));
      draft.unbin(itemId);
      return;
    }
    case "ItemDescribed": {
      const { itemId, description } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, described(found, description, found.due));
      return;
    }
    case "ItemDueSet": {
      const { itemId, due } = event.data;
      const found = draft.items.get(itemId);
      if (found) draft.items.set(itemId, described(found, found.description, due));
      return;
    }
    case "LabelAdded": {
      const { labelId, name, color } = event.data;
      if (draft.labels.has(labelId)) return;
      draft.labels.set(labelId, { labelId, name, color, order: draft.labelsMade });
      draft.labelsMade++;
      return;
    }
    case "LabelEdited": {
      const { labelId, name, color } = event.data;
      const found = draft.labels.get(labelId);
      if (found) draft.labels.set(labelId, { labelId, name, color, order: found.order });
      return;
    }
    case "LabelRemoved": {
      const { labelId } = event.data;
      const found = draft.labels.get(labelId);
      if (!found) return;
      draft.labels.delete(labelId);
      draft.removed.set(labelId, { kind: "label", title: found.name });
      // It leaves every item, those waiting in the bin too (a restored item brings back no dead label).
      for (const item of draft.items.values()) {
        const at = item.labels.indexOf(labelId);
        if (at !== -1) draft.items.set(item.itemId, tagged(item, without(item.labels, at), item.assignees));
      }
      for (const removal of draft.bin.values()) {
        if (removal.kind !== "item") continue;
        const { item } = removal;
        const at = item.labels.indexOf(labelId);
        if (at === -1) continue;
        draft.bin.set(item.itemId, {
          kind: "item",
          item: tagged(item, without(item.labels, at), item.assignees),
          order: removal.order,
          withColumn: removal.withColumn,
        });
      }
      return;
    }
    case "ItemLabeled": {
      const { itemId, labelId } = event.data;
      const found = draft.items.get(itemId);
      if (found && !found.labels.includes(labelId)) {
        draft.items.set(itemId, tagged(found, [...found.labels, labelId], found.assignees));
      }
      return;
    }
    case "ItemUnlabeled": {
      const { itemId, labelId } = event.data;
      const found = draft.items.get(itemId);
      const at = found ? found.labels.indexOf(labelId) : -1;
      if (found && at !== -1) draft.items.set(itemId, tagged(found, without(found.labels, at), found.assignees));
      return;
    }
    case "ItemAssigned": {
      const { itemId, memberId } = event.data;
      const found = draft.items.get(itemId);
      if (found && !found.assignees.includes(memberId)) {
        draft.items.set(itemId, tagged(found, found.labels, [...found.assignees, memberId]));
      }
      return;
    }
    case "ItemUnassigned": {
      const { itemId, memberId } = event.data;
      const found = draft.items.get(itemId);
      const at = found ? found.assignees.indexOf(memberId) : -1;
      if (found && at !== -1) draft.items.set(itemId, tagged(found, found.labels, without(found.assignees, at)));
      return;
    }
    case "ChecklistEntryAdded": {
      const { itemId, entryId, text, position } = event.data;
      const found = draft.items.get(itemId);
      if (!found || found.checklist.some((candidate) => candidate.entryId === entryId)) return;
      const added = entry(entryId, text, false, position);
      const checklist = found.checklist.slice();
      let at = checklist.length;
      while (at > 0 && entryBefore(added, checklist[at - 1])) at--;
      checklist.splice(at, 0, added);
      draft.items.set(itemId, checklisted(found, checklist));
      return;
    }
    case "ChecklistEntryEdited": {
      const { itemId, entryId, text } = event.data;
      changeEntry(draft, itemId, entryId, (found) => entry(found.entryId, text, found.done, found.position));
      return;
    }
    case "ChecklistEntryChecked":
    case "ChecklistEntryUnchecked": {
      const { itemId, entryId } = event.data;
      const done = event.type === "ChecklistEntryChecked";
      changeEntry(draft, itemId, entryId, (found) => entry(found.entryId, found.text, done, found.position));
      return;
    }
    case "ChecklistEntryRemoved": {
      const { itemId, entryId } = event.data;
      changeEntry(draft, itemId, entryId, () => undefined);
      return;
    }
    case "ChecklistEntryMoved": {
      const { itemId, entryId, position } = event.data;
      const found = draft.items.get(itemId);
      const at = found ? found.checklist.findIndex((candidate) => candidate.entryId === entryId) : -1;
      if (!found || at === -1) return;
      const old = found.checklist[at];
      const moved = entry(old.entryId, old.text, old.done, position);
      const checklist = without(found.checklist, at);
      let to = checklist.length;
      while (to > 0 && entryBefore(moved, checklist[to - 1])) to--;
      checklist.splice(to, 0, moved);
      draft.items.set(itemId, checklisted(found, checklist));
      return;
    }
    case "ItemCommented": {
      const { itemId, commentId, text, author: writer, at: written } = event.data;
      const found = draft.items.get(itemId);
      if (!found || draft.comments.has(commentId)) return;
      // An imported comment names its own author and date; any other is the event's actor's, then.
      const by = writer ?? event.actor;
      const author = by ? { id: by.id, name: by.name } : NOBODY;
      draft.items.set(
        itemId,
        commented(found, [...found.comments, comment(commentId, text, author, written ?? event.at ?? "", false)]),
      );
      draft.comments.set(commentId, { itemId, authorId: author.id, removed: false });
      return;
    }
    case "CommentEdited": {
      const { commentId, text } = event.data;
      const found = draft.findComment(commentId);
      if (!found) return;
      const { item, at } = found;
      const { author, at: written } = item.comments[at];
      const edited = comment(commentId, text, author, written, true);
      draft.items.set(item.itemId, commented(item, replaced(item.comments, at, edited)));
      return;
    }
    case "CommentRemoved": {
      const { commentId } = event.data;
      const found = draft.findComment(commentId);
      if (!found) return;
      const { ref, item, at } = found;
      draft.items.set(item.itemId, commented(item, without(item.comments, at)));
      draft.comments.set(commentId, { itemId: ref.itemId, authorId: ref.authorId, removed: true });
      return;
    }
    case "MemberAdded":
      draft.added(event.data.memberId, event.data.name);
      return;
    default: {
      const _never: never = event;
      throw new Error(`Unknown event type: ${JSON.stringify(_never)}`);
    }
  }
}
