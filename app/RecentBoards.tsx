"use client";
// The boards opened on this device, most recent first (kept in this browser only), and the way to
// make this device forget them — one board, or everything (a shared computer).
import Link from "next/link";
import { useEffect, useState } from "react";
import { type RecentBoard, readRecentBoards, watchRecentBoards } from "@/lib/client/device";
import { forgetBoardOnDevice, forgetBoardQuestion, forgetEverythingOnDevice } from "@/lib/client/forget";
import { indexedDbOutbox } from "@/lib/client/local-db";
import { keepListedBoards } from "@/lib/client/worker-messages";

const forgetButtonId = (boardId: string) => `forget-${boardId}`;
const FORGET_ALL_ID = "forget-everything";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function RecentBoards() {
  const [boards, setBoards] = useState<RecentBoard[] | null>(null);
  const [message, setMessage] = useState("");
  // A forgotten board's button goes with it: the focus goes on to the next board's (the one
  // before, at the end), else to Forget everything, once the list shows it gone.
  const [refocus, setRefocus] = useState<{ boardId: string; to: string } | null>(null);
  useEffect(() => {
    if (refocus === null || boards === null || boards.some((board) => board.boardId === refocus.boardId)) return;
    document.getElementById(refocus.to)?.focus();
    setRefocus(null);
  }, [refocus, boards]);
  useEffect(() => {
    const listed = readRecentBoards();
    setBoards(listed);
    const forgotten = new URLSearchParams(window.location.search).get("forgotten");
    if (forgotten === "board") setMessage("The board was forgotten on this device.");
    void keepListedBoards(listed.map((board) => `/b/${board.boardId}`)).catch(() => {});
    // A board imported here, or opened or forgotten in another tab, shows at once.
    return watchRecentBoards(() => setBoards(readRecentBoards()));
  }, []);
  if (boards === null) return null; // server render: the list lives in this browser only

  const forgetOne = async (board: RecentBoard) => {
    // As the board page asks: how many of its changes are still waiting on this device.
    const waiting = await indexedDbOutbox.list(board.boardId).then(
      (queued) => queued.length,
      () => 0,
    );
    if (!window.confirm(forgetBoardQuestion(waiting))) return;
    const listed = boards ?? [];
    const at = listed.findIndex((other) => other.boardId === board.boardId);
    const neighbour = listed[at + 1] ?? listed[at - 1];
    setRefocus({ boardId: board.boardId, to: neighbour ? forgetButtonId(neighbour.boardId) : FORGET_ALL_ID });
    await forgetBoardOnDevice(board.boardId);
    setMessage(`“${board.title || "Untitled board"}” was forgotten on this device.`);
  };
  const forgetAll = async () => {
    const question =
      "Forget everything Driftless keeps on this device? The list of boards, their copies for offline use, changes not sent yet and your name are removed; the boards stay on the server.";
    if (!window.confirm(question)) return;
    await forgetEverythingOnDevice();
    setMessage("Everything Driftless kept on this device is forgotten.");
  };

  return (
    <section aria-labelledby="recent-heading" className="recent">
      <h2 id="recent-heading">Boards on this device</h2>
      {boards.length === 0 ? (
        <p className="muted">Boards you open here will be listed here.</p>
      ) : (
        <ul>
          {boards.map((board) => {
            const title = board.title || "Untitled board";
            return (
              <li key={board.boardId}>
                <Link href={`/b/${board.boardId}`}>{title}</Link>{" "}
                <span className="muted">opened {when.format(board.openedAt)}</span>{" "}
                <button
                  type="button"
                  id={forgetButtonId(board.boardId)}
                  className="secondary small"
                  aria-label={`Forget ${title} on this device`}
                  onClick={() => void forgetOne(board)}
                >
                  Forget
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <button type="button" id={FORGET_ALL_ID} className="secondary" onClick={() => void forgetAll()}>
          Forget everything on this device
        </button>
      </p>
      <p aria-live="polite" className="muted">
        {message}
      </p>
    </section>
  );
}
