// GET /api/share/:viewToken/events — the read-only stream of a shared board
import { sharedEventStream } from "@/lib/server/event-stream";
import { guard } from "@/lib/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Serverless hosts cap a function's duration; streams end on their own before (SSE_MAX_SECONDS,
// default 300, minus jitter) and the client resumes from its last id.
export const maxDuration = 300;

export async function GET(request: Request, { params }: { params: Promise<{ viewToken: string }> }) {
  const { viewToken } = await params;
  return guard("GET /api/share/:viewToken/events", () => sharedEventStream(request, viewToken));
}
