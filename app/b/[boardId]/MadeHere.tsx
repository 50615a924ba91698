"use client";
// The board of this address, when this device made it offline and still holds its creation
// (README, "Offline and installing"): opened from the device's copy, as the service worker's
// /~board does offline, so that its page sends the creation and then the board's own changes.
import type { ReactNode } from "react";
import { useKeptBoard } from "@/app/_components/use-kept-board";
import { BoardApp } from "./BoardApp";

export function MadeHere({ children }: { children: ReactNode }) {
  const found = useKeptBoard({ onlyMadeHere: true });
  if (found === null || found === "missing") return children;
  return (
    <BoardApp boardId={found.boardId} viewToken="" version={found.saved.version} state={found.saved.state} me={null} />
  );
}
