"use client";
// The owner's read-only link: show it, copy it, or replace it (the old one stops working at once).
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { noteViewToken } from "@/lib/client/device";
import { announceShareLink, watchShareLink } from "@/lib/client/share-link";
import { focusWasLost } from "./focus";

export function ShareControls({ boardId, viewToken }: { boardId: string; viewToken: string }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState(viewToken);
  const [origin, setOrigin] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  // Disabled while it works, the button lets the focus go: it takes it back once enabled again.
  const replaceButton = useRef<HTMLButtonElement>(null);
  const wasBusy = useRef(false);
  useLayoutEffect(() => {
    if (busy) wasBusy.current = true;
    else if (wasBusy.current) {
      wasBusy.current = false;
      if (focusWasLost()) replaceButton.current?.focus();
    }
  }, [busy]);
  useEffect(() => setOrigin(window.location.origin), []);
  // This tab hears its own announcement too (another channel object of the same name): only a
  // token it does not know yet comes from another tab.
  const current = useRef(viewToken);
  current.current = token;
  useEffect(
    () =>
      watchShareLink(boardId, (next) => {
        if (next === current.current) return;
        setToken(next);
        setMessage("The link was replaced in another tab. This is the new one.");
      }),
    [boardId],
  );
  const link = `${origin}/r/${token}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setMessage("Link copied.");
    } catch {
      setMessage("Copying is not allowed here; select the link and copy it.");
    }
  };

  const replace = async () => {
    if (!window.confirm("Anyone with the current read-only link will lose access. Make a new link?")) return;
    setBusy(true);
    try {
      const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/share`, { method: "POST" });
      if (!response.ok) throw new Error(String(response.status));
      const next = ((await response.json()) as { viewToken: string }).viewToken;
      current.current = next;
      setToken(next);
      announceShareLink(boardId, next);
      noteViewToken(boardId, next);
      setMessage("The old link no longer works. This is the new one.");
    } catch {
      setMessage("A new link could not be made (are you offline?). The current link still works.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="share">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Share read-only link
      </button>
      {open ? (
        <div id={panelId} className="share-panel">
          <label htmlFor={`${panelId}-link`}>Read-only link</label>
          <input
            id={`${panelId}-link`}
            type="text"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" onClick={copy}>
            Copy link
          </button>
          <button type="button" ref={replaceButton} onClick={replace} disabled={busy}>
            Stop sharing / new link
          </button>
          <span aria-live="polite" className="muted">
            {message}
          </span>
        </div>
      ) : null}
    </div>
  );
}
