"use client";
// "Available offline" beside a page's title once the service worker keeps the page: from then on
// it opens on this device without a network (README, "Offline and installing"). Until the worker
// has said so — on a first visit, while it installs — nothing is claimed.
import { usePathname } from "next/navigation";
import { useKeptForOffline } from "@/lib/client/offline-ready";

export function AvailableOffline() {
  return useKeptForOffline(usePathname()) ? <p className="available-offline">Available offline</p> : null;
}
