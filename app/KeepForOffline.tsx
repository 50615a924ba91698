"use client";
// Every page a person opens is kept for offline use after one visit (see keepForOffline); once the
// service worker says it has it, the page's "Available offline" shows (AvailableOffline).
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { markKeptForOffline } from "@/lib/client/offline-ready";
import { keepForOffline } from "@/lib/client/worker-messages";

export function KeepForOffline() {
  const pathname = usePathname();
  useEffect(() => {
    if (!pathname) return;
    keepForOffline().then(
      (kept) => kept && markKeptForOffline(pathname),
      () => {},
    );
  }, [pathname]);
  return null;
}
