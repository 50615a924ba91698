// Server render of a big board and its JSON, with snapshots and without.
import type { DomainEvent } from "@/lib/domain";
import { quick, record } from "../context";
import { now, summary } from "../lib";
import { driftless, seedBoard } from "../servers";

export async function benchRender() {
  console.log("server render");
  const items = 2000;
  const total = quick ? 10_000 : 50_000;
  const events: DomainEvent[] = [
    { type: "ColumnAdded", data: { columnId: "column-bench-000000000001", title: "All", position: "a0" } },
  ];
  const labels = ["label-bench-000000000001", "label-bench-000000000002"];
  for (const [n, labelId] of labels.entries()) {
    events.push({ type: "LabelAdded", data: { labelId, name: `Label ${n}`, color: n === 0 ? "red" : "blue" } });
  }
  for (let n = 0; n < items; n++) {
    const itemId = `item-bench-${String(n).padStart(12, "0")}`;
    events.push({
      type: "ItemAdded",
      data: {
        itemId,
        columnId: "column-bench-000000000001",
        title: `Item ${n}`,
        position: `a${String(n).padStart(5, "0")}`,
      },
    });
    // A quarter of the items have details: a description, the labels and a checklist of five.
    if (n % 4 !== 0) continue;
    events.push({ type: "ItemDescribed", data: { itemId, description: `What item ${n} is about.\nA second line.` } });
    for (const labelId of labels) events.push({ type: "ItemLabeled", data: { itemId, labelId } });
    for (let e = 0; e < 5; e++) {
      const entryId = `entry-bench-${String(n * 5 + e).padStart(12, "0")}`;
      events.push({ type: "ChecklistEntryAdded", data: { itemId, entryId, text: `Step ${e + 1}`, position: `a${e}` } });
    }
  }
  while (events.length < total - 1) {
    const n = events.length % items;
    events.push({
      type: "ItemTitleUpdated",
      data: { itemId: `item-bench-${String(n).padStart(12, "0")}`, newTitle: `Item ${n} v${events.length}` },
    });
  }
  const withSnapshot = await seedBoard(events, { snapshot: true });
  const withoutSnapshot = await seedBoard(events);
  // No in-memory cache: every request reads the store, as the first one after a restart does.
  const server = await driftless({ BOARD_CACHE_SIZE: "0" });
  const requests = quick ? 8 : 30;
  for (const [label, boardId] of [
    ["with snapshots", withSnapshot],
    ["without snapshots", withoutSnapshot],
  ] as const) {
    for (const route of [`/b/${boardId}`, `/api/boards/${boardId}`]) {
      // Untimed first: the JIT compiles the route's code within its first requests (the cache
      // stays off, so each timed request still reads the board from the store).
      for (let n = 0; n < 5; n++) await (await fetch(`${server.url}${route}`)).arrayBuffer();
      const times: number[] = [];
      for (let n = 0; n < requests; n++) {
        const t0 = now();
        const response = await fetch(`${server.url}${route}`);
        await response.arrayBuffer();
        times.push(now() - t0);
      }
      const { p50, p99 } = summary(times);
      const page = route.startsWith("/b/") ? "GET /b/:id" : "GET /api/boards/:id";
      const gated = label === "with snapshots" && page === "GET /b/:id";
      record({
        workload: "render",
        figure: `${page} ${label} (${items} items, ${total} events): p50 ms`,
        value: p50,
        goal: gated ? "< 100" : "—",
        pass: !gated || p50 < 100,
      });
      record({ workload: "render", figure: `${page} ${label}: p99 ms`, value: p99, goal: "—", pass: true });
    }
  }
  await server.stop();
}
