// Small helpers shared by the benchmarks: percentiles, timing, servers, a raw SSE reader.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

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
export async function closedLoop(clients: number, ms: number, worker: (client: number) => Promise<void>) {
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
 * event, and reports every event id with the time it arrived.
 */
export function openRawStream(
  url: string,
  onEvent: (version: number, at: number) => void,
  onReady: () => void,
  headers: Record<string, string> = {},
): { close(): void; done: Promise<void> } {
  const abort = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { signal: abort.signal, headers });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith("id: ")) onEvent(Number(frame.slice(4, frame.indexOf("\n"))), now());
        else if (frame.startsWith("event: ready")) onReady();
        cut = buffer.indexOf("\n\n");
      }
    }
  })().catch(() => {});
  return { close: () => abort.abort(), done };
}

/** Resident memory (KB) of a process and all its descendants. */
export function treeRssKilobytes(root: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss="]).toString().trim().split("\n");
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const row of rows) {
    const [pid, ppid, kb] = row.trim().split(/\s+/).map(Number);
    rss.set(pid, kb);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
