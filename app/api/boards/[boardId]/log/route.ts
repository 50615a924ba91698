// GET /api/boards/:boardId/log?after=N&limit=M — events after N, in order
import { LOG_LIMIT, readLog } from "@/lib/server/boards";
import { guard, intParam, json, rejection } from "@/lib/server/http";

export async function GET(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("GET /api/boards/:boardId/log", async () => {
    const { boardId } = await params;
    const url = new URL(request.url);
    const after = intParam(url, "after", { fallback: 0 });
    if (!after.ok) return rejection(after.rejection);
    const limit = intParam(url, "limit", { fallback: LOG_LIMIT.default, min: 1, max: LOG_LIMIT.max });
    if (!limit.ok) return rejection(limit.rejection);
    const log = await readLog(boardId, { after: after.value ?? 0, limit: limit.value ?? LOG_LIMIT.default });
    return log.ok ? json(log.value) : rejection(log.rejection);
  });
}
