// GET /api/boards/:boardId/export — the whole board as a Driftless export (a download)
import { attachment, exportBoard } from "@/lib/server/board-export";
import { guard, rejection } from "@/lib/server/http";

export async function GET(_request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("GET /api/boards/:boardId/export", async () => {
    const exported = await exportBoard((await params).boardId);
    if (!exported.ok) return rejection(exported.rejection);
    const { filename, body } = exported.value;
    return new Response(body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": attachment(filename),
        "Cache-Control": "no-store",
      },
    });
  });
}
