"use client";
// A read-only board that follows the share stream through the board's one client connection
// (lib/client/shared-connection.ts); it only renders what that connection folds, and keeps the
// device's offline copy of the page as current as what it shows (lib/client/shared-keeper.ts).
import { useEffect, useState } from "react";
import { AvailableOffline } from "@/app/_components/AvailableOffline";
import { ReadOnlyBoard } from "@/app/_components/ReadOnlyBoard";
import { useTodayClock } from "@/app/_components/today";
import { connectSharedBoard, type SharedStatus } from "@/lib/client/shared-connection";
import { keepSharedPage } from "@/lib/client/shared-keeper";
import { type BoardRecord, fromRecord, toView } from "@/lib/domain";

const STATUS = {
  connecting: "Connecting",
  live: "Live",
  offline: "Offline",
  gone: "This link no longer works",
} as const satisfies Record<SharedStatus, string>;
type Status = (typeof STATUS)[SharedStatus];

export function SharedBoard({
  viewToken,
  version,
  initial,
}: {
  viewToken: string;
  version: number;
  /** The board's state as the JSON text of its record (one string crosses, not thousands of objects). */
  initial: string;
}) {
  // Made once: the server's record as a state, to fold live events onto.
  const [first] = useState(() => ({ version, state: fromRecord(JSON.parse(initial) as BoardRecord) }));
  const [view, setView] = useState(() => toView(first.state));
  const [status, setStatus] = useState<Status>("Connecting");
  const today = useTodayClock();

  useEffect(() => {
    const keeper = keepSharedPage(location.pathname);
    const disconnect = connectSharedBoard(viewToken, first, {
      changed: (state) => {
        setView(toView(state));
        keeper.changed();
      },
      status: (status) => {
        setStatus(STATUS[status]);
        if (status === "gone") keeper.gone();
      },
    });
    return () => {
      disconnect();
      keeper.stop();
    };
  }, [viewToken, first]);

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
        <AvailableOffline />
      </header>
      <p className="muted">
        {status === STATUS.gone
          ? "This is the board as it was when its link stopped working; it no longer updates. Ask for the new link."
          : "You are viewing a read-only copy of this board. It updates by itself."}
      </p>
      <ReadOnlyBoard state={view} today={today} />
    </main>
  );
}
