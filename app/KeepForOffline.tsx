"use client";
// Every page a person opens is kept for offline use after one visit (see keepForOffline).
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { keepForOffline } from "@/lib/client/worker-messages";

export function KeepForOffline() {
  const pathname = usePathname();
  useEffect(() => {
    if (pathname) void keepForOffline().catch(() => {});
  }, [pathname]);
  return null;
}
