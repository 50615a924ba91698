// Keeps the board's confirmed state on this device (IndexedDB), so that the page reopens offline
// with what it last showed: saved a moment after it changes, and at once when the page is left
// (a reload, a closed tab, another app), not after the delay.
import { toRecord } from "@/lib/domain";
import { saveBoard } from "./local-db";
import type { AppStore } from "./store";

const SAVE_DELAY_MS = 500;

export function keepBoard(store: AppStore): { saveNow(): void; stop(): void } {
  const { boardId } = store.getState().board;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let savedVersion = -1;

  const save = () => {
    clearTimeout(saveTimer);
    const { version, confirmed } = store.getState().board;
    if (version === savedVersion) return;
    savedVersion = version;
    saveBoard({ boardId, version, state: toRecord(confirmed), savedAt: Date.now() }).catch(() => {
      savedVersion = -1; // storage unavailable: try again on the next change
    });
  };
  const unsubscribe = store.subscribe(() => {
    if (store.getState().board.version === savedVersion) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  });
  const hidden = () => {
    if (document.visibilityState !== "visible") save();
  };
  document.addEventListener("visibilitychange", hidden);
  window.addEventListener("pagehide", save);

  return {
    saveNow: save,
    stop() {
      unsubscribe();
      clearTimeout(saveTimer);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("pagehide", save);
    },
  };
}
