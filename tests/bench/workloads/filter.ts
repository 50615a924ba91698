// Search on a big board as a person types.
import { fold as foldText, matchingItems, NO_FILTER } from "@/lib/client/filter";
import { type DomainEvent, emptyBoard, fold, stamped } from "@/lib/domain";
import { quick, record } from "../context";
import { FOLD_ACTORS, FOLD_LABEL } from "../fold-events";
import { now, settleHeap, summary } from "../lib";

/**
 * Search as a person types it on a board of 5,000 items (a quarter with a description, labels and
 * comments): the filter's computation per keystroke, each prefix of a query in turn. Measured warm
 * (an item's words are folded once per item object and kept) and cold (the first keystroke after
 * every item changed). The floor is a bare loop over the same items' words, already lower-cased, with
 * `includes` — the least a search over that text can do. The columns' rendering is not in it.
 */
export function benchFilter() {
  console.log("filter");
  const ITEMS = 5_000;
  const column = "column-filter-000000001";
  const events: DomainEvent[] = [
    { type: "BoardCreated", data: { title: "Filter" } },
    { type: "ColumnAdded", data: { columnId: column, title: "All", position: "a0" } },
    { type: "LabelAdded", data: { labelId: FOLD_LABEL, name: "Urgent", color: "red" } },
  ];
  const words = ["report", "invoice", "design", "launch", "review", "budget", "hiring", "travel", "offsite", "roadmap"];
  for (let n = 0; n < ITEMS; n++) {
    const itemId = `item-filter-${String(n).padStart(12, "0")}`;
    events.push({
      type: "ItemAdded",
      data: { itemId, columnId: column, title: `${words[n % 10]} ${words[(n * 3) % 10]} #${n}`, position: `a${n}` },
    });
    if (n % 4 === 0) {
      events.push(
        {
          type: "ItemDescribed",
          data: {
            itemId,
            description: `Notes on the ${words[(n * 7) % 10]} for quarter ${n % 4}.\nSee the shared folder.`,
          },
        },
        { type: "ItemLabeled", data: { itemId, labelId: FOLD_LABEL } },
        {
          type: "ItemCommented",
          data: {
            itemId,
            commentId: `comment-filter-${String(n).padStart(10, "0")}`,
            text: `Quarterly ${words[n % 10]} is due`,
          },
        },
      );
    }
  }
  const board = fold(emptyBoard, stamped(events, FOLD_ACTORS[0], "2026-12-01T09:00:00.000Z"));
  const query = "quarterly report";
  const keystrokes = Array.from({ length: query.length }, (_, n) => query.slice(0, n + 1));
  const context = { me: FOLD_ACTORS[0], today: "2026-12-01" };
  const typeAll = (state: typeof board) => {
    for (const q of keystrokes) matchingItems(state, { ...NO_FILTER, q }, context);
  };
  // The floor's words: the same text, joined and folded once, outside the timing.
  const texts = [...board.items.values()].map((item) =>
    foldText([item.title, item.description, ...item.comments.map((comment) => comment.text)].join("\n")),
  );
  const floorAll = () => {
    for (const q of keystrokes) {
      const terms = foldText(q).split(/\s+/).filter(Boolean);
      const kept: number[] = [];
      for (let index = 0; index < texts.length; index++)
        if (terms.every((term) => texts[index].includes(term))) kept.push(index);
    }
  };
  const perKeystroke = (run: () => void, samples: number) => {
    settleHeap();
    const warmUntil = now() + 300;
    while (now() < warmUntil) run();
    return summary(
      Array.from({ length: samples }, () => {
        const t0 = now();
        run();
        return (now() - t0) / keystrokes.length;
      }),
    );
  };
  const warm = perKeystroke(() => typeAll(board), quick ? 10 : 30);
  const floor = perKeystroke(floorAll, quick ? 10 : 30);
  // Cold: a board whose every item is a new object (as after a reload), the first keystroke on it.
  const cold = summary(
    Array.from({ length: quick ? 5 : 15 }, () => {
      const fresh = fold(emptyBoard, stamped(events, FOLD_ACTORS[0], "2026-12-01T09:00:00.000Z"));
      const t0 = now();
      matchingItems(fresh, { ...NO_FILTER, q: "q" }, context);
      return now() - t0;
    }),
  );
  for (const [figure, value, floorValue] of [
    ["p50", warm.p50, floor.p50],
    ["p99", warm.p99, floor.p99],
  ] as const) {
    record({
      workload: "filter",
      figure: `${ITEMS.toLocaleString("en-US")} items, ms per keystroke, ${figure}`,
      value,
      floor: floorValue,
      ratio: value / floorValue,
      goal: "< 16 ms",
      pass: value < 16,
    });
  }
  record({
    workload: "filter",
    figure: `${ITEMS.toLocaleString("en-US")} items, first keystroke after every item changed, p50 ms`,
    value: cold.p50,
    goal: "< 16 ms",
    pass: cold.p50 < 16,
  });
}
