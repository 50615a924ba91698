// GET /api/boards/:boardId/log?after=N&limit=M — events after N, in order
import { readLog } from "@/lib/server/boards";
import { guard, json, rejection } from "@/lib/server/http";
import { logQuery } from "@/lib/server/log-query";

export async function GET(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("GET /api/boards/:boardId/log", async () => {
    const query = logQuery(new URL(request.url));
    if (!query.ok) return rejection(query.rejection);
    const log = await readLog((await params).boardId, query.value);
    return log.ok ? json(log.value) : rejection(log.rejection);
  });
}
