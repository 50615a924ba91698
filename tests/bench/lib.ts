// Small helpers shared by the benchmarks: percentiles, timing, servers, a raw SSE reader.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, type ClientRequest, get as httpGet } from "node:http";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

export const now = () => performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Runs `worker` in `clients` parallel loops for `ms`; answers throughput and latencies. */
export async function closedLoop(clients: number, ms: number, worker: (client: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const deadline = now() + ms;
  const started = now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (now() < deadline) {
        const t0 = now();
        await worker(client);
        latencies.push(now() - t0);
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  return { perSecond: latencies.length / seconds, ...summary(latencies) };
}

/**
 * A minimal SSE reader for load (thousands at once): it parses only `id:` lines and the `ready`
 * event, and reports every event id with the time it arrived. It reads the socket with node:http
 * and scans bytes, not web streams and strings: at 1,000 readers and 100 events/s the reader is
 * otherwise what falls behind, on both sides of a comparison.
 */
export function openRawStream(
  url: string,
  onEvent: (version: number, at: number) => void,
  onReady: () => void,
  headers: Record<string, string> = {},
): { close(): void; done: Promise<void> } {
  let request: ClientRequest | undefined;
  const done = new Promise<void>((resolve) => {
    request = httpGet(url, { agent: streamAgent, headers }, (response) => {
      let rest: Buffer | undefined;
      response.on("data", (chunk: Buffer) => {
        const at = now();
        let buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
        let start = 0;
        for (let cut = buffer.indexOf(FRAME_END, start); cut >= 0; cut = buffer.indexOf(FRAME_END, start)) {
          if (startsWith(buffer, start, ID)) {
            let version = 0;
            for (let index = start + ID.length; buffer[index] >= 48 && buffer[index] <= 57; index++)
              version = version * 10 + buffer[index] - 48;
            onEvent(version, at);
          } else if (startsWith(buffer, start, READY)) onReady();
          start = cut + FRAME_END.length;
        }
        buffer = buffer.subarray(start);
        rest = buffer.length > 0 ? Buffer.from(buffer) : undefined;
      });
      response.on("end", resolve);
      response.on("error", () => resolve());
      response.on("close", resolve);
    });
    request.on("error", () => resolve());
  });
  return { close: () => request?.destroy(), done };
}

const streamAgent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
const FRAME_END = Buffer.from("\n\n");
const ID = Buffer.from("id: ");
const READY = Buffer.from("event: ready");

function startsWith(buffer: Buffer, at: number, prefix: Buffer): boolean {
  if (buffer.length - at < prefix.length) return false;
  for (let index = 0; index < prefix.length; index++) if (buffer[at + index] !== prefix[index]) return false;
  return true;
}

/** A figure `ps` gives per process, summed over a process and all its descendants. */
function treeSum(root: number, column: string, parse: (text: string) => number): number {
  const rows = execFileSync("ps", ["-eo", `pid=,ppid=,${column}=`])
    .toString()
    .trim()
    .split("\n");
  const children = new Map<number, number[]>();
  const values = new Map<number, number>();
  for (const row of rows) {
    const [pid, ppid, value] = row.trim().split(/\s+/);
    values.set(Number(pid), parse(value));
    children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(pid)]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += values.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Resident memory (KB) of a process and all its descendants. */
export function treeRssKilobytes(root: number): number {
  return treeSum(root, "rss", Number);
}

/** CPU time (ms, user + system) a process and all its descendants have used, from /proc. */
export function treeCpuMs(root: number): number {
  const ticks = 100; // USER_HZ on Linux
  return treeSum(root, "pid", (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    } catch {
      return 0;
    }
  });
}

/**
 * A full GC, so that a timing does not pay for garbage made before it. The client-fold events are
 * built just before they are folded and are still young: whichever side is timed first would pay
 * for promoting them (a major GC of ~100 ms at 100,000 events, more than the whole fold).
 */
export function settleHeap() {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}
