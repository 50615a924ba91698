// Finding items: what the search and the quick filters keep, on a board folded from events.
import { describe, expect, it } from "vitest";
import { filterFromQuery, filterOnBoard, filterToQuery, matchingItems, NO_FILTER } from "@/lib/client/filter";
import { type DomainEvent, emptyBoard, fold, stamped } from "@/lib/domain";

const ANA = { id: "actor-ana-000000000001", name: "Ana Lovelace" };
const BEN = { id: "actor-ben-000000000001", name: "Ben Okafor" };
const COL = "column-000000000000000001";
const [TAX, CAKE, CAFE] = ["item-tax-0000000000000001", "item-cake-000000000000001", "item-cafe-000000000000001"];
const URGENT = "label-urgent-00000000001";

const events: DomainEvent[] = [
  { type: "BoardCreated", data: { title: "B" } },
  { type: "ColumnAdded", data: { columnId: COL, title: "To do", position: "a0" } },
  { type: "ItemAdded", data: { itemId: TAX, columnId: COL, title: "Tax return", position: "a0" } },
  { type: "ItemAdded", data: { itemId: CAKE, columnId: COL, title: "Bake a cake", position: "a1" } },
  { type: "ItemAdded", data: { itemId: CAFE, columnId: COL, title: "Café visit", position: "a2" } },
  { type: "LabelAdded", data: { labelId: URGENT, name: "Urgent", color: "red" } },
  { type: "ItemLabeled", data: { itemId: TAX, labelId: URGENT } },
  { type: "ItemDueSet", data: { itemId: TAX, due: "2026-11-28" } },
  { type: "ItemDueSet", data: { itemId: CAKE, due: "2026-12-05" } },
  { type: "ItemDueSet", data: { itemId: CAFE, due: "2026-12-08" } },
  { type: "ItemDescribed", data: { itemId: CAKE, description: "Chocolate, for the birthday" } },
  {
    type: "ChecklistEntryAdded",
    data: { itemId: CAFE, entryId: "entry-0000000000000000001", text: "Book a table", position: "a0" },
  },
];
const board = fold(emptyBoard, [
  ...stamped(events, ANA, "2026-12-01T09:00:00.000Z"),
  ...stamped([{ type: "ItemAssigned", data: { itemId: CAKE, memberId: BEN.id } }], BEN, "2026-12-01T09:01:00.000Z"),
  ...stamped(
    [
      {
        type: "ItemCommented",
        data: { itemId: TAX, commentId: "comment-0000000000000001", text: "Receipts in the blue folder" },
      },
    ],
    BEN,
    "2026-12-01T09:02:00.000Z",
  ),
]);
const TODAY = "2026-12-01";
const kept = (filter: Partial<typeof NO_FILTER>, me = ANA) =>
  [...(matchingItems(board, { ...NO_FILTER, ...filter }, { me, today: TODAY }) ?? ["everything"])].sort();

describe("matchingItems", () => {
  it("keeps everything (null) with no filter", () => {
    expect(matchingItems(board, NO_FILTER, { me: ANA, today: TODAY })).toBeNull();
  });

  it("finds words in titles, descriptions, checklists and comments, ignoring case and accents", () => {
    expect(kept({ q: "TAX" })).toEqual([TAX]);
    expect(kept({ q: "birthday" })).toEqual([CAKE]);
    expect(kept({ q: "table" })).toEqual([CAFE]);
    expect(kept({ q: "blue folder" })).toEqual([TAX]);
    expect(kept({ q: "cafe" })).toEqual([CAFE]);
  });

  it("finds an item by its label's name and by its people's names, every word having to match", () => {
    expect(kept({ q: "urgent" })).toEqual([TAX]);
    expect(kept({ q: "okafor" })).toEqual([CAKE]);
    expect(kept({ q: "okafor chocolate" })).toEqual([CAKE]);
    expect(kept({ q: "okafor tax" })).toEqual([]);
  });

  it("filters by label, person, mine, overdue and due this week, combined", () => {
    expect(kept({ label: URGENT })).toEqual([TAX]);
    expect(kept({ member: BEN.id })).toEqual([CAKE]);
    expect(kept({ mine: true }, BEN)).toEqual([CAKE]);
    expect(kept({ mine: true }, ANA)).toEqual([]);
    expect(kept({ due: "overdue" })).toEqual([TAX]);
    expect(kept({ due: "week" })).toEqual([CAKE]); // today and the six days after: not the 8th
    expect(kept({ due: "week", q: "cake", member: BEN.id })).toEqual([CAKE]);
    expect(kept({ due: "week", label: URGENT })).toEqual([]);
  });
});

describe("the filter in the address", () => {
  it("round-trips, keeps other parameters, and ignores what it cannot read", () => {
    const filter = { q: "tax return", label: URGENT, member: null, mine: true, due: "week" as const };
    const query = filterToQuery(filter, new URLSearchParams("at=3"));
    expect(query.toString()).toBe("at=3&q=tax+return&label=label-urgent-00000000001&mine=1&due=week");
    expect(filterFromQuery(query)).toEqual(filter);
    expect(filterFromQuery(new URLSearchParams("label=%3Cscript%3E&due=soon&mine=yes"))).toEqual(NO_FILTER);
  });
});

describe("the filter as the board can apply it", () => {
  it("leaves out a label or a person the board does not have (any more), and is the same filter otherwise", () => {
    const asked = { ...NO_FILTER, label: URGENT, member: BEN.id, q: "tax" };
    expect(filterOnBoard(asked, board)).toBe(asked);
    const removed = stamped([{ type: "LabelRemoved", data: { labelId: URGENT } }], ANA, "2026-12-01T10:00:00.000Z");
    const unlabelled = fold(board, removed);
    expect(filterOnBoard(asked, unlabelled)).toEqual({ ...asked, label: null });
    expect(filterOnBoard({ ...NO_FILTER, member: "actor-nobody-0000000001" }, board)).toEqual(NO_FILTER);
    // What it keeps then: what the rest of the filter keeps, not nothing.
    const applied = filterOnBoard({ ...NO_FILTER, label: URGENT, q: "tax" }, unlabelled);
    expect([...(matchingItems(unlabelled, applied, { me: ANA, today: TODAY }) ?? [])]).toEqual([TAX]);
  });
});
