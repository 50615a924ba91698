"use client";
// What the columns need to know of a drag in progress, provided by BoardColumns.
import { createContext, useContext } from "react";

/** Where a drop puts an item: its column and the item it goes after (null = top). */
export interface Placement {
  readonly columnId: string;
  readonly afterItemId: string | null;
}

/**
 * Where the item being dragged would land in ANOTHER column (its own column shows it by moving
 * its items aside): that column draws an insertion mark there.
 */
export const DropMarker = createContext<Placement | null>(null);

export function useDropMarker(columnId: string): Placement | null {
  const marker = useContext(DropMarker);
  return marker?.columnId === columnId ? marker : null;
}

/** Whether a drag is under way: sortable lists take their items only then (see BoardColumn). */
export const Dragging = createContext(false);
