"use client";
// Ids for moving the focus after a change that re-renders or removes the focused control.
export const NEW_COLUMN_FIELD_ID = "new-column";
export const moveButtonId = (columnId: string, by: -1 | 1) => `move-${by === 1 ? "right" : "left"}-${columnId}`;
export const removeColumnButtonId = (columnId: string) => `remove-column-${columnId}`;
export const newItemFieldId = (columnId: string) => `new-item-${columnId}`;

/** Focuses the first of `ids` that is there and enabled, after React has rendered the change. */
export function focusSoon(...ids: string[]): void {
  requestAnimationFrame(() => {
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
