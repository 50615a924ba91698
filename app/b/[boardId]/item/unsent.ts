"use client";
// A comment or a checklist entry typed and not sent when the item's dialog closes is not thrown
// away: opening the item again in this tab finds it in its field (README, "Using a board"). Kept in
// this tab's memory only, like the field itself: nothing of it is stored on the device.
import { useEffect } from "react";

const unsent = new Map<string, string>();

/** What was left in the field `key` (the part and the item) when its dialog last closed, or "". */
export const unsentText = (key: string): string => unsent.get(key) ?? "";

/** Keeps `text`, the field `key`'s value, as it changes, for the next time the dialog opens (see unsentText). */
export function useKeptUnsent(key: string, text: string): void {
  useEffect(() => {
    if (text.trim() === "") unsent.delete(key);
    else unsent.set(key, text);
  }, [key, text]);
}
