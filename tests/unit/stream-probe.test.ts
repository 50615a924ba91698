import { describe, expect, it } from "vitest";
import { probeStream } from "@/lib/server/stream-probe";

describe("GET /api/probe/stream", () => {
  it("answers 404 unless BENCH_PROBE_ROUTE=1 asks for it", () => {
    expect(probeStream({}).status).toBe(404);
    expect(probeStream({ BENCH_PROBE_ROUTE: "yes" }).status).toBe(404);
  });

  it("holds an event stream that says ready and nothing more", async () => {
    const response = probeStream({ BENCH_PROBE_ROUTE: "1" });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: ready\ndata: {}\n\n");
    await reader.cancel();
  });
});
