"use client";
// A read-only board that follows the share stream (the same client stream as the board page's,
// lib/client/live-stream.ts). It folds events with the shared lib/domain `fold`, and never holds
// anything that could write: no boardId, no commands.
import { useEffect, useRef, useState } from "react";
import { ReadOnlyBoard } from "@/app/_components/ReadOnlyBoard";
import { useTodayClock } from "@/app/_components/today";
import { openLiveStream } from "@/lib/client/live-stream";
import { type BoardRecord, emptyBoard, fold, fromRecord, toView } from "@/lib/domain";

type Status = "Connecting" | "Live" | "Offline" | "This link no longer works";

export function SharedBoard({
  viewToken,
  version,
  initial,
}: {
  viewToken: string;
  version: number;
  initial: BoardRecord;
}) {
  // Made once: the server's record as a state, to fold live events onto.
  const [first] = useState(() => ({ version, state: fromRecord(initial) }));
  const board = useRef(first);
  const [view, setView] = useState(() => toView(first.state));
  const [status, setStatus] = useState<Status>("Connecting");
  const today = useTodayClock();

  useEffect(() => {
    const base = `/api/share/${encodeURIComponent(viewToken)}`;
    const stream = openLiveStream({
      url: (after) => `${base}/events?after=${after}`,
      handlers: {
        position: () => board.current.version,
        events: (events) => {
          const fresh = events.filter((event) => event.version > board.current.version);
          if (fresh.length === 0) return;
          if (fresh[0].version !== board.current.version + 1) {
            stream.reopen(); // a gap: a new stream's catch-up starts right after what this page has
            return;
          }
          board.current = { version: fresh[fresh.length - 1].version, state: fold(board.current.state, fresh) };
          setView(toView(board.current.state));
        },
        ready: () => {},
        // The page is ahead of the board (its store was replaced): fold the board again from its start.
        reset: () => {
          board.current = { version: 0, state: emptyBoard };
          stream.reopen();
        },
        status: (status) => setStatus(status === "live" ? "Live" : status === "offline" ? "Offline" : "Connecting"),
        // A replaced link answers 404: say so and stop.
        refused: async () => {
          const response = await fetch(base, { cache: "no-store" }).catch(() => undefined);
          if (response?.status !== 404) return true;
          stream.stop();
          setStatus("This link no longer works");
          return false;
        },
      },
    });
    return () => stream.stop();
  }, [viewToken]);

  return (
    <main className="board-page shared">
      <header className="board-header">
        <div className="board-title">
          <h1>{view.title}</h1>
          <span className="read-only-marker">Read-only</span>
        </div>
        <p
          role="status"
          className={`status ${status === "Live" ? "live" : status === "Connecting" ? "connecting" : "offline"}`}
        >
          {status}
        </p>
      </header>
      <p className="muted">You are viewing a read-only copy of this board. It updates by itself.</p>
      <ReadOnlyBoard state={view} today={today} />
    </main>
  );
}
