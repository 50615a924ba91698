"use client";
// The items the board's filter keeps (null: all), for the columns to show.
import { createContext, useContext } from "react";

export const VisibleItems = createContext<ReadonlySet<string> | null>(null);

export function useVisibleItems(): ReadonlySet<string> | null {
  return useContext(VisibleItems);
}
