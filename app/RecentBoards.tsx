"use client";
// The boards opened on this device, most recent first (kept in this browser only).
import Link from "next/link";
import { useEffect, useState } from "react";
import { type RecentBoard, readRecentBoards } from "@/lib/client/device";
import { keepListedBoards } from "@/lib/client/worker-messages";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function RecentBoards() {
  const [boards, setBoards] = useState<RecentBoard[] | null>(null);
  useEffect(() => {
    const listed = readRecentBoards();
    setBoards(listed);
    void keepListedBoards(listed.map((board) => `/b/${board.boardId}`)).catch(() => {});
  }, []);
  if (boards === null) return null; // server render: the list lives in this browser only
  return (
    <section aria-labelledby="recent-heading" className="recent">
      <h2 id="recent-heading">Boards on this device</h2>
      {boards.length === 0 ? (
        <p className="muted">Boards you open here will be listed here.</p>
      ) : (
        <ul>
          {boards.map((board) => (
            <li key={board.boardId}>
              <Link href={`/b/${board.boardId}`}>{board.title || "Untitled board"}</Link>{" "}
              <span className="muted">opened {when.format(board.openedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
