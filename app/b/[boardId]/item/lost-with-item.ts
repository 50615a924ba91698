"use client";
// Text typed in the item dialog that the person had not saved when someone else removed the item:
// the part goes away with it, and a notice keeps the text to copy (README, "Using a board"). The
// dialog closing with the item still there is not a loss: each part saves on its own then, and a
// comment or an entry not sent yet stays in its field for the next opening (unsent.ts).
import { useEffect, useRef } from "react";
import { editLost } from "@/lib/client/board-slice";
import { selectItem } from "@/lib/client/selectors";
import { useAppStore } from "@/lib/client/store";

/**
 * `unsaved` answers the part's text not saved yet (undefined when there is none); `message` what
 * the notice says, given the item's title.
 */
export function useKeptIfItemGoes(
  item: { readonly itemId: string; readonly title: string },
  unsaved: () => string | undefined,
  message: (title: string) => string,
): void {
  const store = useAppStore();
  const latest = useRef({ item, unsaved, message });
  latest.current = { item, unsaved, message };
  useEffect(
    () => () => {
      const { item: was, unsaved: draftOf, message: say } = latest.current;
      const draft = draftOf();
      if (draft === undefined || draft.trim() === "") return;
      if (selectItem(store.getState(), was.itemId) !== undefined) return;
      store.dispatch(editLost({ message: say(was.title), draft, itemId: was.itemId }));
    },
    [store],
  );
}
