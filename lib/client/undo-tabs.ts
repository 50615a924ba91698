// The undo steps are the browser's, not one tab's (README, Undo and redo): each change to them in
// one tab of a board goes to its other tabs (BroadcastChannel, see tabs.ts), which take it as is.
import type { AppStore } from "./store";
import type { TabMessage } from "./tabs";
import { stacksShared } from "./undo-slice";

export function shareUndo(store: AppStore): {
  receive(message: Extract<TabMessage, { type: "undo" }>): void;
  stop(): void;
} {
  let last = store.getState().undo;
  let receiving = false;
  const stop = store.subscribe(() => {
    const now = store.getState().undo;
    if (now.done === last.done && now.undone === last.undone) return;
    last = now;
    // What came from another tab is not sent back to them.
    if (!receiving) store.services.broadcast({ type: "undo", done: now.done, undone: now.undone });
  });
  return {
    receive(message) {
      receiving = true;
      try {
        store.dispatch(stacksShared({ done: message.done, undone: message.undone }));
      } finally {
        receiving = false;
      }
    },
    stop,
  };
}
