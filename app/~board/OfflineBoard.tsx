"use client";
// A board page without the server: the board's id is the address the person opened (the service
// worker answers /b/<id> with this page), its state and waiting changes this device's copy.
import { useEffect, useState } from "react";
import { loadSavedBoard, type SavedBoard } from "@/lib/client/local-db";
import { BOARD_ID_PATTERN } from "@/lib/domain";
import { Unreachable } from "../~offline/Unreachable";
import { BoardApp } from "../b/[boardId]/BoardApp";

type Found = { readonly boardId: string; readonly saved: SavedBoard } | "missing" | null;

export function OfflineBoard() {
  const [found, setFound] = useState<Found>(null);
  useEffect(() => {
    const boardId = window.location.pathname.split("/")[2] ?? "";
    if (!BOARD_ID_PATTERN.test(boardId)) {
      setFound("missing");
      return;
    }
    loadSavedBoard(boardId).then(
      (saved) => setFound(saved ? { boardId, saved } : "missing"),
      () => setFound("missing"),
    );
  }, []);
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
