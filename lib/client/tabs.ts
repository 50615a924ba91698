// Tabs of one board share their pending changes and their undo steps (BroadcastChannel) and take
// turns replaying the outbox (Web Locks). Browsers without them get one-tab behaviour, which is
// still correct.
import type { BoardChange, Command } from "@/lib/domain";
import type { Lock } from "./outbox";
import type { UndoStep } from "./undo-slice";

export type TabMessage =
  | { type: "queued"; command: Command }
  /** With the command: a tab that did not have it waiting can still tell whether the board holds it already. */
  | { type: "rejected"; commandId: string; code: string; reason: string; command?: BoardChange }
  | { type: "undo"; done: readonly UndoStep[]; undone: readonly UndoStep[] };

export function boardChannel(boardId: string, onMessage: (message: TabMessage) => void) {
  if (typeof BroadcastChannel === "undefined") return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(`driftless:board:${boardId}`);
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  return { post: (message: TabMessage) => channel.postMessage(message), close: () => channel.close() };
}

/** Runs `task` while holding the named lock across tabs (waiting for it if another tab has it). */
export const webLock: Lock = (name, task) =>
  typeof navigator !== "undefined" && navigator.locks
    ? (navigator.locks.request(name, task) as ReturnType<typeof task>)
    : task();
