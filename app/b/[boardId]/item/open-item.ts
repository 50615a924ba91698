"use client";
// Which item's dialog is open: one dialog for the board, opened from any card.
import { createContext, useContext } from "react";

export interface OpenItem {
  open(itemId: string): void;
}

export const OpenItemContext = createContext<OpenItem>({ open: () => {} });

export function useOpenItem(): OpenItem {
  return useContext(OpenItemContext);
}
