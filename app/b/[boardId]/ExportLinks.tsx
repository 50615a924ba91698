// The board's downloads (README, "Moving a board"): its whole history as a Driftless export, which
// imports elsewhere as the same board, and the board as it is now as CSV for spreadsheets.
export function ExportLinks({ boardId }: { boardId: string }) {
  return (
    <div className="board-nav">
      <a href={`/api/boards/${boardId}/export`} download>
        Export
      </a>
      <a href={`/api/boards/${boardId}/export.csv`} download>
        Export as CSV
      </a>
    </div>
  );
}
