import type { Metadata } from "next";
import { Unreachable } from "./Unreachable";

export const metadata: Metadata = { title: "Not available offline" };

/** Shown for a page this device has never opened when the network or the server cannot be reached. */
export default function OfflinePage() {
  return (
    <main className="landing">
      <Unreachable />
    </main>
  );
}
