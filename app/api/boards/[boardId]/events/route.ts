// GET /api/boards/:boardId/events — the board's events as Server-Sent Events (catch-up, ready, live)
import { boardEventStream } from "@/lib/server/event-stream";
import { guard } from "@/lib/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Serverless hosts cap a function's duration; streams end on their own before (SSE_MAX_SECONDS,
// default 300, minus jitter) and the client resumes from its last id.
export const maxDuration = 300;

export async function GET(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  const { boardId } = await params;
  return guard("GET /api/boards/:boardId/events", () => boardEventStream(request, boardId));
}
