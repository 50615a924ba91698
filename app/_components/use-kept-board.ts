"use client";
// The board of this page's address (/b/<id>) as this device keeps it: its copy and waiting changes
// in IndexedDB. The service worker's /~board opens any kept copy; a board page the server answers
// 404 for opens one only while its creation, made here offline, still waits to be sent.
import { useEffect, useState } from "react";
import { loadSavedBoard, type SavedBoard } from "@/lib/client/local-db";
import { creationWaiting } from "@/lib/client/offline-creation";
import { BOARD_ID_PATTERN } from "@/lib/domain";

export type KeptBoard = { readonly boardId: string; readonly saved: SavedBoard };

/** null while looking; "missing" when there is no such copy (or no storage). */
export function useKeptBoard({ onlyMadeHere }: { onlyMadeHere: boolean }): KeptBoard | "missing" | null {
  const [found, setFound] = useState<KeptBoard | "missing" | null>(null);
  useEffect(() => {
    const boardId = window.location.pathname.split("/")[2] ?? "";
    if (!BOARD_ID_PATTERN.test(boardId)) {
      setFound("missing");
      return;
    }
    let current = true;
    Promise.all([onlyMadeHere ? creationWaiting(boardId) : true, loadSavedBoard(boardId)]).then(
      ([wanted, saved]) => {
        if (current) setFound(wanted && saved ? { boardId, saved } : "missing");
      },
      () => {
        if (current) setFound("missing");
      },
    );
    return () => {
      current = false;
    };
  }, [onlyMadeHere]);
  return found;
}
