// GET /api/share/:viewToken/log?after=N&limit=M — a shared board's events after N, in order (read-only)
import { guard, json, rejection } from "@/lib/server/http";
import { logQuery } from "@/lib/server/log-query";
import { readSharedLog } from "@/lib/server/share";

export async function GET(request: Request, { params }: { params: Promise<{ viewToken: string }> }) {
  return guard("GET /api/share/:viewToken/log", async () => {
    const query = logQuery(new URL(request.url));
    if (!query.ok) return rejection(query.rejection);
    const log = await readSharedLog((await params).viewToken, query.value);
    return log.ok ? json(log.value, 200, { "X-Robots-Tag": "noindex" }) : rejection(log.rejection);
  });
}
