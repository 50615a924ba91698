// A stream that missed thousands of events: time to ready against a raw read.
import type { DomainEvent } from "@/lib/domain";
import type { RunningServer } from "../../integration/servers";
import { quick, record, sql } from "../context";
import { now, openRawStream, summary } from "../lib";
import { seedBoard } from "../servers";

export async function benchCatchUp(server: RunningServer) {
  console.log("catch-up");
  const events: DomainEvent[] = Array.from({ length: 10_000 }, (_, n) => ({
    type: "BoardRenamed",
    data: { title: `title ${n}` },
  }));
  const boardId = await seedBoard(events);
  const runs = quick ? 3 : 7;
  const mine: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = now();
    await new Promise<void>((resolve) => {
      const stream = openRawStream(
        `${server.url}/api/boards/${boardId}/events?after=1`,
        () => {},
        () => {
          mine.push(now() - t0);
          stream.close();
          resolve();
        },
      );
    });
    const t1 = now();
    const rowsRead = await sql`SELECT * FROM events WHERE board_id = ${boardId} AND version > 1 ORDER BY version`;
    rowsRead.map((row) => `id: ${row.version}\ndata: ${JSON.stringify(row)}\n\n`).join("");
    raw.push(now() - t1);
  }
  const a = summary(mine).p50;
  const b = summary(raw).p50;
  record({
    workload: "catch-up",
    figure: "10,000 missed events: ms to ready",
    value: a,
    floor: b,
    ratio: a / b,
    goal: "≤ 1.5× and < 300 ms",
    pass: a / b <= 1.5 && a < 300,
  });
}
