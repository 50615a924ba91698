// GET /api/boards/:boardId/export.csv — the board as it is now, one row per item (a download)
import { attachment, exportBoardCsv } from "@/lib/server/board-export";
import { guard, rejection } from "@/lib/server/http";

export async function GET(_request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("GET /api/boards/:boardId/export.csv", async () => {
    const exported = await exportBoardCsv((await params).boardId);
    if (!exported.ok) return rejection(exported.rejection);
    const { filename, body } = exported.value;
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": attachment(filename),
        "Cache-Control": "no-store",
      },
    });
  });
}
