// Writers in a closed loop over two instances against the two bare floor servers.
import type { RunningServer } from "../../integration/servers";
import { againstFloor, quick, record } from "../context";
import { closedLoop } from "../lib";
import { appendDriftless, createBoard, floorPair, seedBoard, WRITERS } from "../servers";

/**
 * Writers in a closed loop (each sends its next command when the last is answered), spread over
 * boards and over two instances: Driftless against the two bare floor servers doing the same
 * statement (tests/bench/floor-server.ts).
 */
export async function benchClosedLoop(a: RunningServer, b: RunningServer) {
  console.log("closed loop");
  const writers = WRITERS;
  const boardsCount = 8;
  const ms = quick ? 2000 : 6000;
  const bases = [a.url, b.url];
  const ours = await Promise.all(Array.from({ length: boardsCount }, () => createBoard(a.url)));
  const floors = await floorPair();
  const floorBoards = await Promise.all(Array.from({ length: boardsCount }, () => seedBoard([])));
  const driftlessWriter = (w: number) => appendDriftless(bases[w % 2], ours[w % boardsCount], w);
  const floorWriter = async (w: number) => {
    const response = await fetch(`${floors[w % 2].url}/append/${floorBoards[w % boardsCount]}`, { method: "POST" });
    await response.arrayBuffer();
  };
  // Each side first runs the same loop untimed: its first seconds are slower on both (Driftless
  // 5.9 ms of CPU per command against 4.2 after, commands crossing between instances on every
  // board; the floor ~25% fewer appends per second), and a server runs for days, not seconds.
  await closedLoop(writers, ms, driftlessWriter);
  await closedLoop(writers, ms, floorWriter);
  const mine = await closedLoop(writers, ms, driftlessWriter);
  const floor = await closedLoop(writers, ms, floorWriter);
  record({
    workload: "closed loop",
    figure: `${writers} writers, ${boardsCount} boards, 2 instances: commands/s`,
    ...againstFloor(mine.perSecond, floor.perSecond, { least: 0.5 }),
  });
  record({
    workload: "closed loop",
    figure: `${writers} writers, ${boardsCount} boards, 2 instances: p99 ms`,
    ...againstFloor(mine.p99, floor.p99, "—"),
  });
}
