"use client";
// Keyboard shortcuts for the common moves. Never while typing in a field (there Ctrl/⌘+Z is the
// field's own undo) or during a keyboard drag; the letters never under an open dialog, never with
// Ctrl/⌘/Alt (those keys are the browser's and the screen reader's), except undo and redo, whose
// keys are everyone's. Each has a visible control too (see the Keyboard shortcuts dialog).
import { useEffect, useRef } from "react";
import { newCommandId } from "@/lib/client/ids";
import { selectColumnIds, selectItem, selectItemIds } from "@/lib/client/selectors";
import { type AppStore, issue, useAppStore } from "@/lib/client/store";
import { redo, undo } from "@/lib/client/undo";
import { SEARCH_FIELD_ID } from "./FilterBar";
import { focusInItemSoon, newItemFieldId } from "./focus";

export interface ShortcutActions {
  openItem(itemId: string): void;
  showShortcuts(): void;
}

/** The shortcuts, as the dialog lists them: the key, what it does, and the control that does it too. */
export const SHORTCUTS: readonly { keys: string; does: string; control: string }[] = [
  { keys: "n", does: "New item in the focused column", control: "the column's New item field" },
  { keys: "o", does: "Open the focused item", control: "the item's ⤢ (Open) button" },
  { keys: "c", does: "Complete or reopen the focused item", control: "the item's checkbox" },
  { keys: "]", does: "Move the focused item to the next column", control: "drag the item by its ⠿ handle" },
  { keys: "[", does: "Move the focused item to the previous column", control: "drag the item by its ⠿ handle" },
  { keys: "/", does: "Search items", control: "the Search items field" },
  { keys: "?", does: "Show these shortcuts", control: "the Keyboard shortcuts button" },
  { keys: "Ctrl+Z (⌘Z)", does: "Undo your last change on this board", control: "the Undo button" },
  { keys: "Ctrl+Shift+Z (⇧⌘Z)", does: "Redo the change you last undid", control: "the Redo button" },
];

/** Ctrl/⌘+Z and Ctrl/⌘+Shift+Z: which one, or none. */
function undoKey(event: KeyboardEvent): "undo" | "redo" | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "z") return undefined;
  return event.shiftKey ? "redo" : "undo";
}

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // A checkbox or a button-like input takes no text: keys there are still shortcuts.
  const type = (element as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes(type);
}

/** The item and the column the focus is in (an item's control, a column's heading or field). */
function focused(): { itemId?: string; columnId?: string } {
  const active = document.activeElement as HTMLElement | null;
  const item = active?.closest<HTMLElement>("[data-item-id]");
  const column = active?.closest<HTMLElement>("[data-column-id]");
  return { itemId: item?.dataset.itemId, columnId: column?.dataset.columnId };
}

function moveToNeighbour(store: AppStore, itemId: string, by: -1 | 1) {
  const state = store.getState();
  const item = selectItem(state, itemId);
  if (!item) return;
  const columns = selectColumnIds(state);
  const target = columns[columns.indexOf(item.columnId) + by];
  if (!target) return;
  const afterItemId = selectItemIds(state, target).at(-1) ?? null;
  // The item's element is made again in its new column: the control the person used (named now,
  // before the move re-renders it) takes the focus there.
  focusInItemSoon(itemId, document.activeElement);
  void store.dispatch(issue({ commandId: newCommandId(), type: "moveItem", itemId, columnId: target, afterItemId }));
}

export function useShortcuts(actions: ShortcutActions): void {
  const store = useAppStore();
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target)) return;
      const history = undoKey(event);
      if (history) {
        if (document.querySelector('[aria-pressed="true"]')) return; // a keyboard drag is under way
        event.preventDefault();
        void store.dispatch(history === "undo" ? undo() : redo());
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      if (document.querySelector('[aria-pressed="true"]')) return; // a keyboard drag is under way
      const { itemId, columnId } = focused();
      const state = store.getState();
      switch (event.key) {
        case "/":
          event.preventDefault();
          document.getElementById(SEARCH_FIELD_ID)?.focus();
          return;
        case "?":
          event.preventDefault();
          latest.current.showShortcuts();
          return;
        case "n": {
          const column =
            columnId ?? (itemId ? selectItem(state, itemId)?.columnId : undefined) ?? selectColumnIds(state)[0];
          if (!column) return;
          event.preventDefault();
          document.getElementById(newItemFieldId(column))?.focus();
          return;
        }
        case "o":
          if (!itemId) return;
          event.preventDefault();
          latest.current.openItem(itemId);
          return;
        case "c": {
          const item = itemId ? selectItem(state, itemId) : undefined;
          if (!item) return;
          event.preventDefault();
          void store.dispatch(
            issue({
              commandId: newCommandId(),
              type: item.completed ? "reopenItem" : "completeItem",
              itemId: item.itemId,
            }),
          );
          return;
        }
        case "]":
        case "[":
          if (!itemId) return;
          event.preventDefault();
          moveToNeighbour(store, itemId, event.key === "]" ? 1 : -1);
          return;
        default:
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [store]);
}
