import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Offline" };

/** Shown for a page this device has never opened while it is offline. */
export default function OfflinePage() {
  return (
    <main className="landing">
      <h1>You are offline</h1>
      <p>
        This page was not opened on this device before, so it is not available without a connection. Boards you have
        opened here still work offline, and your changes are sent when the connection returns.
      </p>
      <p>
        <Link href="/">Go to your boards</Link>
      </p>
    </main>
  );
}
