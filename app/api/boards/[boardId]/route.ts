// GET /api/boards/:boardId — the board's projection (?at=N: as it was at version N)
import { getBoard } from "@/lib/server/boards";
import { guard, intParam, json, rejection } from "@/lib/server/http";

export async function GET(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  return guard("GET /api/boards/:boardId", async () => {
    const { boardId } = await params;
    const at = intParam(new URL(request.url), "at", { min: 1 });
    if (!at.ok) return rejection(at.rejection);
    const board = await getBoard(boardId, at.value);
    return board.ok ? json({ boardId, ...board.value }) : rejection(board.rejection);
  });
}
