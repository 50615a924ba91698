import type { Metadata } from "next";
import { OfflineBoard } from "./OfflineBoard";

export const metadata: Metadata = {
  title: "Board on this device",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * The service worker answers with this page a board address it has no copy of the page for while
 * the server cannot be reached: a board created on this device offline, or one whose page was
 * not kept. The board comes from this device's copy (README, "Offline and installing").
 */
export default function OfflineBoardPage() {
  return <OfflineBoard />;
}
