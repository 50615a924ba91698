"use client";
// The board's label manager is opened from the board header and from an item's labels.
import { createContext, useContext } from "react";

export const LabelManagerContext = createContext<{ open(): void }>({ open: () => {} });

export function useLabelManager() {
  return useContext(LabelManagerContext);
}
