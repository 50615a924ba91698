"use client";
// A board page without the server: the board's id is the address the person opened (the service
// worker answers /b/<id> with this page), its state and waiting changes this device's copy.
import { useKeptBoard } from "@/app/_components/use-kept-board";
import { Unreachable } from "../~offline/Unreachable";
import { BoardApp } from "../b/[boardId]/BoardApp";

export function OfflineBoard() {
  const found = useKeptBoard({ onlyMadeHere: false });
  if (found === null) {
    return (
      <main className="landing">
        <p role="status">Opening the board kept on this device…</p>
      </main>
    );
  }
  if (found === "missing") {
    return (
      <main className="landing">
        <Unreachable />
      </main>
    );
  }
  const { boardId, saved } = found;
  return <BoardApp boardId={boardId} viewToken="" version={saved.version} state={saved.state} me={null} />;
}
