// POST /api/boards/:boardId/share — a new read-only link; the old one stops working at once
import { checkOrigin, guard, json, rejection } from "@/lib/server/http";
import { replaceShareLink } from "@/lib/server/share";

export async function POST(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("POST /api/boards/:boardId/share", async () => {
    const refused = checkOrigin(request);
    if (refused) return rejection(refused);
    const replaced = await replaceShareLink((await params).boardId);
    return replaced.ok ? json(replaced.value) : rejection(replaced.rejection);
  });
}
