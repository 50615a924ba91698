"use client";
// A read-only board that follows the share stream. It folds events with the shared lib/domain
// `fold`, and never holds anything that could write: no boardId, no commands.
import { useEffect, useRef, useState } from "react";
import { ReadOnlyBoard } from "@/app/_components/ReadOnlyBoard";
import { type BoardView, fold, fromView, type StoredEvent, toView } from "@/lib/domain";

type Status = "Connecting" | "Live" | "Offline" | "This link no longer works";

export function SharedBoard({
  viewToken,
  version,
  initial,
}: {
  viewToken: string;
  version: number;
  initial: BoardView;
}) {
  const [view, setView] = useState(initial);
  const [status, setStatus] = useState<Status>("Connecting");
  const board = useRef({ version, state: fromView(initial) });

  useEffect(() => {
    const base = `/api/share/${encodeURIComponent(viewToken)}`;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const apply = (events: StoredEvent[]) => {
      const fresh = events.filter((event) => event.version > board.current.version);
      if (fresh.length === 0) return;
      if (fresh[0].version !== board.current.version + 1) {
        void reload(); // a gap: read the snapshot again
        return;
      }
      board.current = { version: fresh[fresh.length - 1].version, state: fold(board.current.state, fresh) };
      setView(toView(board.current.state));
    };

    async function reload() {
      const response = await fetch(base, { cache: "no-store" }).catch(() => undefined);
      if (!response) return;
      if (response.status === 404) {
        stopped = true;
        source?.close();
        setStatus("This link no longer works");
        return;
      }
      if (!response.ok) return;
      const snapshot = (await response.json()) as { version: number; state: BoardView };
      board.current = { version: snapshot.version, state: fromView(snapshot.state) };
      setView(snapshot.state);
    }

    const open = () => {
      if (stopped) return;
      source = new EventSource(`${base}/events?after=${board.current.version}`);
      source.onmessage = (message) => apply([JSON.parse(message.data) as StoredEvent]);
      source.addEventListener("ready", () => setStatus("Live"));
      source.addEventListener("reset", () => void reload());
      source.onerror = () => {
        setStatus(navigator.onLine ? "Connecting" : "Offline");
        // After an HTTP error (the link was replaced: 404) EventSource stops; find out why.
        if (source?.readyState === EventSource.CLOSED) {
          void reload().then(() => {
            if (!stopped) retry = setTimeout(open, 3000);
          });
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
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
      <ReadOnlyBoard state={view} />
    </main>
  );
}
