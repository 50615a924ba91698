// A board created on this device offline has no stream until the server knows it: its page sends
// the creation first (README, "Offline and installing") and connects once it was answered.
import { connectionChanged } from "./board-slice";
import type { AppStore } from "./store";
import { replayOutbox } from "./store";

/**
 * Sends the board's creation (the outbox tries again by itself while the server cannot be
 * reached, and here when the network comes back); done once the server has answered for it.
 */
export function untilCreationSent(store: AppStore, creationId: string): { done: Promise<void>; stop(): void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    const answered = () => !store.getState().board.pending.entities[creationId];
    const send = () => {
      store.dispatch(connectionChanged(navigator.onLine ? "connecting" : "offline"));
      store.dispatch(replayOutbox());
    };
    const offline = () => store.dispatch(connectionChanged("offline"));
    const unsubscribe = store.subscribe(() => {
      if (answered()) stop();
    });
    window.addEventListener("online", send);
    window.addEventListener("offline", offline);
    stop = () => {
      unsubscribe();
      window.removeEventListener("online", send);
      window.removeEventListener("offline", offline);
      resolve();
    };
    if (answered()) stop();
    else send();
  });
  return { done, stop: () => stop() };
}
