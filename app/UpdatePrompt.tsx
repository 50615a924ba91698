"use client";
// When a new version of Driftless has been downloaded (a service worker is waiting), offer to
// switch to it. Nothing is lost by reloading: pending changes live in the outbox (IndexedDB).
import { useEffect, useState } from "react";

export function UpdatePrompt() {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const serwist = window.serwist;
    if (!serwist) return;
    const onWaiting = () => setWaiting(true);
    serwist.addEventListener("waiting", onWaiting);
    navigator.serviceWorker?.getRegistration().then((registration) => {
      if (registration?.waiting && navigator.serviceWorker.controller) setWaiting(true);
    });
    return () => serwist.removeEventListener("waiting", onWaiting);
  }, []);
  if (!waiting) return null;
  return (
    <aside className="update-prompt" aria-label="Update">
      <span>A new version of Driftless is available.</span>
      <button
        type="button"
        onClick={() => {
          window.serwist?.addEventListener("controlling", () => window.location.reload());
          window.serwist?.messageSkipWaiting();
        }}
      >
        Reload to update
      </button>
    </aside>
  );
}
