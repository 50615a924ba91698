"use client";
// The reader's today, for due dates in words ("Overdue", "Due soon"). Unknown on the server and
// while the page hydrates (the server's today may not be the reader's), then kept current.
import { createContext, useContext, useEffect, useState } from "react";
import { localToday } from "./due";

export const TodayContext = createContext<string | undefined>(undefined);

export function useTodayClock(): string | undefined {
  const [today, setToday] = useState<string | undefined>(undefined);
  useEffect(() => {
    setToday(localToday());
    // Checked every minute: a board left open overnight turns "Due soon" into "Due today".
    const timer = setInterval(() => setToday(localToday()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

export function useToday(): string | undefined {
  return useContext(TodayContext);
}
