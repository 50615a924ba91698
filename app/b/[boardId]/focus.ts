"use client";
// Moving the focus after a change that re-renders or removes the focused control: ids to aim at,
// and the hook that gives a closing field's button its focus back.
import { useLayoutEffect, useRef } from "react";
export const NEW_COLUMN_FIELD_ID = "new-column";
export const moveButtonId = (columnId: string, by: -1 | 1) => `move-${by === 1 ? "right" : "left"}-${columnId}`;
export const removeColumnButtonId = (columnId: string) => `remove-column-${columnId}`;
export const newItemFieldId = (columnId: string) => `new-item-${columnId}`;
/** The board's Removed button: where an item that went away while open can be found again. */
export const REMOVED_BUTTON_ID = "open-removed";

/**
 * Whether the focus went with a control that left the page or was disabled, so that nothing the
 * person chose holds it. A frame after a change they may already have moved on (a fast Tab, a
 * click, a screen reader's jump): taking the focus back then would send their next key elsewhere.
 */
export function focusWasLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active as HTMLButtonElement).disabled === true;
}

/**
 * Focuses the first of `ids` that is there and enabled, after React has rendered the change, unless
 * the person has put the focus somewhere meanwhile.
 */
export function focusSoon(...ids: string[]): void {
  requestAnimationFrame(() => {
    if (!focusWasLost()) return;
    for (const id of ids) {
      const element = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
      if (element && !element.disabled) {
        element.focus();
        return;
      }
    }
  });
}
export const removeItemButtonId = (itemId: string) => `remove-item-${itemId}`;
export const handleId = (itemId: string) => `handle-${itemId}`;

/**
 * For an item made again elsewhere (moved to another column): after React has rendered it, the
 * focus goes back to the control of it that had it — found by its name, as the item's controls have
 * one each — or to its handle, unless the person has put the focus somewhere meanwhile.
 */
export function focusInItemSoon(itemId: string, control: Element | null): void {
  const name = control?.closest(`[data-item-id="${CSS.escape(itemId)}"]`) ? control.getAttribute("aria-label") : null;
  requestAnimationFrame(() => {
    if (!focusWasLost()) return;
    const item = document.querySelector(`[data-item-id="${CSS.escape(itemId)}"]`);
    const again = name === null ? null : item?.querySelector<HTMLElement>(`[aria-label="${CSS.escape(name)}"]`);
    (again ?? document.getElementById(handleId(itemId)))?.focus();
  });
}

/**
 * For a field that replaces its button while open (a rename, a comment's edit): call `returnFocus()`
 * as it closes, and the button gets the focus back in the same commit that removes the field —
 * before the person's next key, and before a dialog would put it on Close. A frame later it would
 * take the focus back from wherever they had put it meanwhile.
 */
export function useFocusBack<Target extends HTMLElement>(open: boolean) {
  const target = useRef<Target>(null);
  const returning = useRef(false);
  useLayoutEffect(() => {
    if (open || !returning.current) return;
    returning.current = false;
    target.current?.focus();
  }, [open]);
  return {
    target,
    returnFocus: (yes = true) => {
      returning.current = yes;
    },
  };
}
