"use client";
// Every page a person opens is kept for offline use after one visit (see keepForOffline); once the
// service worker says it has it, the page's "Available offline" shows (AvailableOffline).
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { keepThisPage } from "@/lib/client/offline-ready";

export function KeepForOffline() {
  const pathname = usePathname();
  useEffect(() => {
    if (pathname) void keepThisPage();
  }, [pathname]);
  return null;
}
