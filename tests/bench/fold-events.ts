// The events the client-fold, filter and import workloads fold: v1 changes mixed with details by
// three people.
import { randomUUID } from "node:crypto";
import type { Actor, DomainEvent, StoredEvent } from "@/lib/domain";

export const FOLD_LABEL = "label-fold-000000000001";
export const FOLD_ACTORS: Actor[] = ["Ana", "Ben", "Cleo"].map((name) => ({ id: `actor-${name}-fold00000`, name }));

/**
 * The client fold's events after the 2,000 items are added: v1 changes (rename, complete/reopen)
 * mixed with v2 details (description, label on/off, checklist entry added then ticked, comment,
 * due date), an item chosen by a stride so consecutive events touch different items, by three
 * people taking turns every ten events. Each event has its own actor object, as parsed JSON does.
 */
export function foldEvents(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  const completed = new Set<number>();
  const labelled = new Set<number>();
  const unchecked = new Map<number, string[]>();
  for (let n = 0; n < count; n++) {
    const k = n < 2000 ? n : (n * 7) % 2000;
    const itemId = `item-fold-${String(k).padStart(12, "0")}`;
    let event: DomainEvent;
    if (n < 2000) {
      event = {
        type: "ItemAdded",
        data: {
          itemId,
          columnId: "column-fold-00000000001",
          title: `I${n}`,
          position: `a${String(n).padStart(5, "0")}`,
        },
      };
    } else {
      const kind = n % 8;
      const open = unchecked.get(k) ?? [];
      if (kind === 0) event = { type: "ItemTitleUpdated", data: { itemId, newTitle: `I${n}` } };
      else if (kind === 1) {
        event = { type: completed.has(k) ? "ItemReopened" : "ItemCompleted", data: { itemId } };
        if (completed.has(k)) completed.delete(k);
        else completed.add(k);
      } else if (kind === 2) event = { type: "ItemDescribed", data: { itemId, description: `About ${n}.\nMore.` } };
      else if (kind === 3) {
        event = { type: labelled.has(k) ? "ItemUnlabeled" : "ItemLabeled", data: { itemId, labelId: FOLD_LABEL } };
        if (labelled.has(k)) labelled.delete(k);
        else labelled.add(k);
      } else if (kind === 4 || (kind === 5 && open.length === 0)) {
        const entryId = `entry-fold-${String(n).padStart(12, "0")}`;
        event = {
          type: "ChecklistEntryAdded",
          data: { itemId, entryId, text: `Step ${n}`, position: `a${String(n).padStart(6, "0")}` },
        };
        unchecked.set(k, [...open, entryId]);
      } else if (kind === 5) {
        event = { type: "ChecklistEntryChecked", data: { itemId, entryId: open[0] } };
        unchecked.set(k, open.slice(1));
      } else if (kind === 6) {
        event = {
          type: "ItemCommented",
          data: { itemId, commentId: `comment-fold-${String(n).padStart(12, "0")}`, text: `Comment ${n}` },
        };
      } else event = { type: "ItemDueSet", data: { itemId, due: `2027-0${1 + (n % 9)}-1${n % 10}` } };
    }
    const { id, name } = FOLD_ACTORS[Math.floor(n / 10) % FOLD_ACTORS.length];
    events.push({
      version: n + 4,
      ...event,
      commandId: randomUUID(),
      actor: { id, name },
      at: "2026-01-01T00:00:00.000Z",
    } as StoredEvent);
  }
  return events;
}
