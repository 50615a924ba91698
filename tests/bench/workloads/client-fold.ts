// The browser's fold of a burst of events against a mutable `Map` fold.
import { boardReducer, eventsReceived, initialBoardState } from "@/lib/client/board-slice";
import { type Actor, emptyBoard, fold, type StoredEvent } from "@/lib/domain";
import { quick, record } from "../context";
import { FOLD_LABEL, foldEvents } from "../fold-events";
import { now, settleHeap, summary } from "../lib";

interface FloorItem {
  title: string;
  completed: boolean;
  description: string;
  due: string | null;
  labels: string[];
  checklist: { entryId: string; text: string; done: boolean }[];
  comments: { commentId: string; text: string; author: Actor; at: string }[];
}

/** The floor: the same events folded into mutable Maps, in place, with no copy and no history. */
function floorFold(events: readonly StoredEvent[]) {
  const items = new Map<string, FloorItem>();
  const members = new Map<string, string>();
  for (const event of events) {
    const data = event.data as { itemId: string } & Record<string, string>;
    const item = items.get(data.itemId) as FloorItem;
    switch (event.type) {
      case "ItemAdded":
        items.set(data.itemId, {
          title: data.title,
          completed: false,
          description: "",
          due: null,
          labels: [],
          checklist: [],
          comments: [],
        });
        break;
      case "ItemTitleUpdated":
        item.title = data.newTitle;
        break;
      case "ItemCompleted":
      case "ItemReopened":
        item.completed = event.type === "ItemCompleted";
        break;
      case "ItemDescribed":
        item.description = data.description;
        break;
      case "ItemDueSet":
        item.due = data.due;
        break;
      case "ItemLabeled":
        item.labels.push(data.labelId);
        break;
      case "ItemUnlabeled":
        item.labels.splice(item.labels.indexOf(data.labelId), 1);
        break;
      case "ChecklistEntryAdded":
        item.checklist.push({ entryId: data.entryId, text: data.text, done: false });
        break;
      case "ChecklistEntryChecked":
        (item.checklist.find((entry) => entry.entryId === data.entryId) as { done: boolean }).done = true;
        break;
      case "ItemCommented":
        item.comments.push({ commentId: data.commentId, text: data.text, author: event.actor, at: event.at });
        break;
      default:
        throw new Error(`the floor does not fold ${event.type}`);
    }
    if (members.get(event.actor.id) !== event.actor.name) members.set(event.actor.id, event.actor.name);
  }
  return items;
}

export function benchClientFold() {
  console.log("client fold");
  for (const count of quick ? [10_000, 50_000] : [10_000, 100_000]) {
    const base = fold(emptyBoard, [
      { type: "BoardCreated", data: { title: "Fold" } },
      { type: "ColumnAdded", data: { columnId: "column-fold-00000000001", title: "All", position: "a0" } },
      { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
    ]);
    const events = foldEvents(count);
    // The slice, in the batches the connection makes (a burst arrives ~100 events per fold).
    const sliceFold = () => {
      let state = initialBoardState({ boardId: "fold-board-00000000000", version: 3, state: base });
      for (let start = 0; start < events.length; start += 100)
        state = boardReducer(state, eventsReceived(events.slice(start, start + 100)));
      if (state.version !== count + 3) throw new Error("the slice did not fold every event");
    };
    // The floor: a mutable Map fold of the same events.
    const mapFold = () => floorFold(events);
    // Each side on its own: a full GC (nothing left over from building the events or from the
    // other side), a moment of untimed runs so that its code is optimised (the two-line Map loop
    // is at once, the fold's dozens of functions only after many batches), then the median of
    // timed runs (one run of 10,000 events lasts a few milliseconds). Each run pays for its own
    // garbage, as the page would.
    const rate = (fold: () => void) => {
      settleHeap();
      const warmUntil = now() + 300;
      while (now() < warmUntil) fold();
      const rates = Array.from({ length: quick ? 5 : 9 }, () => {
        const t0 = now();
        fold();
        return count / ((now() - t0) / 1000);
      });
      return summary(rates).p50;
    };
    const slice = rate(sliceFold);
    const floor = rate(mapFold);
    record({
      workload: "client fold",
      figure: `${count.toLocaleString("en-US")} events, v1 and v2 mixed: events/s`,
      value: slice,
      floor,
      ratio: slice / floor,
      goal: "≥ 200,000/s and ≥ 0.2×",
      pass: slice >= 200_000 && slice / floor >= 0.2,
    });
  }
}
