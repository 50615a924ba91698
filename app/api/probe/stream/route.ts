// GET /api/probe/stream — a stream that holds and does nothing (the bench's reference; 404 unless BENCH_PROBE_ROUTE=1)
import { probeStream } from "@/lib/server/stream-probe";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET() {
  return probeStream();
}
