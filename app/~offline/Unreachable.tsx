"use client";
// The same page serves two situations: the device is offline, or it is online but Driftless does
// not answer (the server is down). Saying "offline" in the second would send people to check
// their Wi-Fi.
import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function Unreachable() {
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => false,
  );
  return (
    <>
      <h1>{online ? "Driftless cannot be reached" : "You are offline"}</h1>
      <p>
        {online
          ? "Your device is online, but the Driftless server does not answer right now. "
          : "This device has no connection. "}
        This page was not opened on this device before, so it is not available without the server. Boards you have
        opened here still work, and your changes are sent when the connection returns.
      </p>
      <p>
        {/* A plain link, not a client-side one: the start page is served by the service worker. */}
        <a href="/">Go to your boards</a>
      </p>
    </>
  );
}
