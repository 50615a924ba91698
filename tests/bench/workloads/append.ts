// Commands through `POST …/commands` against the same transaction from a bare script, with the
// reference rows: what Next itself serves at the same concurrency.
import { randomUUID } from "node:crypto";
import type { RunningServer } from "../../integration/servers";
import { againstFloor, quick, record, sql } from "../context";
import { closedLoop } from "../lib";
import { appendDriftless, createBoard, getHealth, postInvalid, seedBoard } from "../servers";

/** The append floor: the same transaction as a command, from a bare script. */
async function floorAppend(boardId: string) {
  const commandId = randomUUID();
  await sql.begin(async (tx) => {
    const [{ version }] = await tx`SELECT version FROM boards WHERE id = ${boardId} FOR UPDATE`;
    const next = version + 1;
    await tx`INSERT INTO events (board_id, version, type, schema_version, data, command_id, actor_id, actor_name, at)
             VALUES (${boardId}, ${next}, 'BoardRenamed', 1, ${sql.json({ title: `floor ${next}` })}, ${commandId}, 'floor', 'Floor', now())`;
    await tx`UPDATE boards SET version = ${next} WHERE id = ${boardId}`;
    await tx`INSERT INTO command_outcomes (command_id, board_id, outcome) VALUES (${commandId}, ${boardId}, ${sql.json({ status: "accepted", commandId, version: next })})`;
  });
}

export async function benchAppend(server: RunningServer) {
  console.log("append");
  const ms = quick ? 1500 : 6000;
  for (const boardsCount of quick ? [1] : [1, 32]) {
    const ours = await Promise.all(Array.from({ length: boardsCount }, () => createBoard(server.url)));
    const floors = await Promise.all(Array.from({ length: boardsCount }, () => seedBoard([])));
    for (const clients of [1, 8, 32]) {
      const mine = await closedLoop(clients, ms, (c) =>
        appendDriftless(server.url, ours[c % boardsCount], c).then(() => {}),
      );
      const floor = await closedLoop(clients, ms, (c) => floorAppend(floors[c % boardsCount]));
      const label = `${clients} client${clients > 1 ? "s" : ""}, ${boardsCount} board${boardsCount > 1 ? "s" : ""}`;
      const gated = clients >= 8;
      if (boardsCount === 1) {
        // The framework's own ceiling on this machine: Next's cheapest route that touches the store
        // (one `select 1`), at the same concurrency, against the same floor.
        const ceiling = await closedLoop(clients, ms, () => getHealth(server.url));
        const route = `${clients} client${clients > 1 ? "s" : ""}: GET /api/health (Next + one select)`;
        record({
          workload: "append",
          figure: `${route}, requests/s`,
          ...againstFloor(ceiling.perSecond, floor.perSecond, "reference"),
        });
        // The same route refusing an invalid command before the executor: Next's POST path, the
        // body, the rate limits — all of a command but its decision and its statement.
        const edge = await closedLoop(clients, ms, () => postInvalid(server.url, ours[0]));
        record({
          workload: "append",
          figure: `${clients} client${clients > 1 ? "s" : ""}: POST …/commands answered 400 before the executor, requests/s`,
          ...againstFloor(edge.perSecond, floor.perSecond, "reference"),
        });
        if (gated)
          record({
            workload: "append",
            figure: `${clients} clients, 1 board: commands/s against Next's cheapest POST (the 400 above)`,
            ...againstFloor(mine.perSecond, edge.perSecond, { least: 0.9 }),
          });
        record({
          workload: "append",
          figure: `${route}, p99 ms`,
          ...againstFloor(ceiling.p99, floor.p99, "reference"),
        });
      }
      record({
        workload: "append",
        figure: `${label}: commands/s`,
        ...againstFloor(mine.perSecond, floor.perSecond, gated ? { least: 0.7 } : "—"),
      });
      record({
        workload: "append",
        figure: `${label}: p99 ms`,
        ...againstFloor(mine.p99, floor.p99, gated ? { most: 2 } : "—"),
      });
    }
  }
}
