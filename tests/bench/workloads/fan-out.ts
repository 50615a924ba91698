// One change to every reader on two instances: delays from send to receipt and CPU per delivered
// event, against the bare floor servers.
import type { RunningServer } from "../../integration/servers";
import { againstFloor, quick, readersArgument, record } from "../context";
import { now, openRawStream, summary, treeCpuMs } from "../lib";
import { appendDriftless, createBoard, floorPair, postInvalid, seedBoard } from "../servers";

/** Readers over `bases`, a writer at `rate`/s for `seconds`: delays from send to each reader's receipt. */
async function fanOut(
  bases: string[],
  eventsUrl: (base: string) => string,
  append: (base: string) => Promise<number>,
  readers: number,
  rate: number,
  seconds: number,
  /** The servers' processes, whose CPU time is counted while the changes flow. */
  serverPids: number[],
) {
  const seen: Map<number, number>[] = [];
  const orderOk: boolean[] = [];
  let ready = 0;
  const streams = Array.from({ length: readers }, (_, index) => {
    const arrivals = new Map<number, number>();
    seen.push(arrivals);
    orderOk.push(true);
    let last = 0;
    return openRawStream(
      eventsUrl(bases[index % bases.length]),
      (version, at) => {
        if (version <= last || arrivals.has(version)) orderOk[index] = false;
        last = version;
        arrivals.set(version, at);
      },
      () => ready++,
    );
  });
  while (ready < readers) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const arrivals of seen) arrivals.clear();
  const sent = new Map<number, number>();
  const total = rate * seconds;
  const cpuBefore = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
  const pending: Promise<void>[] = [];
  const started = now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    while (now() < due) await new Promise((resolve) => setTimeout(resolve, 1));
    const t0 = now();
    pending.push(append(bases[n % bases.length]).then((version) => void sent.set(version, t0)));
  }
  await Promise.all(pending);
  const deadline = now() + 15_000;
  while (now() < deadline && seen.some((arrivals) => [...sent.keys()].some((v) => !arrivals.has(v)))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpuMs = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) - cpuBefore;
  for (const stream of streams) stream.close();
  const delays: number[] = [];
  let missing = 0;
  for (const arrivals of seen) {
    for (const [version, t0] of sent) {
      const at = arrivals.get(version);
      if (at === undefined) missing++;
      else delays.push(at - t0);
    }
  }
  return {
    ...summary(delays),
    missing,
    disorder: orderOk.filter((ok) => !ok).length,
    cpuMicrosPerDelivery: (cpuMs * 1000) / Math.max(1, delays.length),
  };
}

/** Requests sent at `rate`/s for `seconds` over `bases`, no readers: the servers' CPU ms per request. */
async function pacedCpuMs(
  bases: string[],
  send: (base: string) => Promise<unknown>,
  rate: number,
  seconds: number,
  serverPids: number[],
): Promise<number> {
  const total = rate * seconds;
  const cpuBefore = serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
  const pending: Promise<unknown>[] = [];
  const started = now();
  for (let n = 0; n < total; n++) {
    while (now() < started + (n * 1000) / rate) await new Promise((resolve) => setTimeout(resolve, 1));
    pending.push(send(bases[n % bases.length]));
  }
  await Promise.all(pending);
  return (serverPids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) - cpuBefore) / total;
}

export async function benchFanOut(a: RunningServer, b: RunningServer) {
  console.log("fan-out");
  const seconds = quick ? 2 : 5;
  const rate = 100;
  const floors = await floorPair();
  const pids = (servers: { pid: number }[]) => servers.map((server) => server.pid);
  const mineServers = [a, b].map((server) => ({ pid: server.process.pid as number }));
  {
    // What one change costs the servers before any reader, at the fan-out's pace: Next's cheapest
    // POST (the 400 of the append workload) against the floor's whole append. Every fan-out below
    // pays it once per change, so it bounds the CPU per delivered event where readers are few.
    const boardId = await createBoard(a.url);
    const floorBoard = await seedBoard([]);
    const edge = await pacedCpuMs(
      [a.url, b.url],
      (base) => postInvalid(base, boardId),
      rate,
      seconds,
      pids(mineServers),
    );
    const floorAppendCpu = await pacedCpuMs(
      floors.map((server) => server.url),
      async (base) => (await fetch(`${base}/append/${floorBoard}`, { method: "POST" })).arrayBuffer(),
      rate,
      seconds,
      pids(floors),
    );
    const command = await pacedCpuMs(
      [a.url, b.url],
      (base) => appendDriftless(base, boardId),
      rate,
      seconds,
      pids(mineServers),
    );
    record({
      workload: "fan-out",
      figure: `no readers, ${rate}/s: server CPU µs per POST answered 400 before the executor (Next's cheapest POST)`,
      ...againstFloor(edge * 1000, floorAppendCpu * 1000, "reference"),
    });
    record({
      workload: "fan-out",
      figure: `no readers, ${rate}/s: server CPU µs per command`,
      ...againstFloor(command * 1000, floorAppendCpu * 1000, "reference"),
    });
  }
  for (const readers of readersArgument ?? (quick ? [200] : [200, 500, 1000])) {
    const boardId = await createBoard(a.url);
    const mine = await fanOut(
      [a.url, b.url],
      (base) => `${base}/api/boards/${boardId}/events`,
      async (base) => (await appendDriftless(base, boardId)).version,
      readers,
      rate,
      seconds,
      pids(mineServers),
    );
    const floorBoard = await seedBoard([]);
    const floor = await fanOut(
      floors.map((server) => server.url),
      (base) => `${base}/events/${floorBoard}`,
      async (base) =>
        ((await (await fetch(`${base}/append/${floorBoard}`, { method: "POST" })).json()) as { version: number })
          .version,
      readers,
      rate,
      seconds,
      pids(floors),
    );
    const figure = `${readers} readers / 2 instances, ${rate} cmd/s`;
    record({
      workload: "fan-out",
      figure: `${figure}: p50 ms`,
      ...againstFloor(mine.p50, floor.p50, { most: 2 }),
    });
    record({
      workload: "fan-out",
      figure: `${figure}: p99 ms`,
      ...againstFloor(mine.p99, floor.p99, { most: 1.5 }),
    });
    record({
      workload: "fan-out",
      figure: `${figure}: server CPU µs per delivered event`,
      ...againstFloor(mine.cpuMicrosPerDelivery, floor.cpuMicrosPerDelivery, { most: 1.5 }),
    });
    record({
      workload: "fan-out",
      figure: `${figure}: events missed or out of order`,
      value: mine.missing + mine.disorder,
      floor: floor.missing + floor.disorder,
      goal: "0",
      pass: mine.missing + mine.disorder === 0,
    });
  }
}
