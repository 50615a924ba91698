import "server-only";
// The bench's reference for idle streams (README, "Performance"): a route handler that holds an
// event stream and does nothing else, so a run shows what Next itself keeps per open stream.
// Served only when BENCH_PROBE_ROUTE=1.

export function probeStream(env: Readonly<Record<string, string | undefined>> = process.env): Response {
  if (env.BENCH_PROBE_ROUTE !== "1") return new Response(null, { status: 404 });
  const ready = new TextEncoder().encode("event: ready\ndata: {}\n\n");
  const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(ready) });
  return new Response(body, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform" },
  });
}
