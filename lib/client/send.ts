// How a person's commands leave this page: each predicted with the shared `decide` on the board as
// shown, displayed at once as pending, told to the other tabs, stored in the outbox and sent.
// A change (`issue`), an undo and a redo all go this one way, online or offline.
import type { ThunkDispatch, UnknownAction } from "@reduxjs/toolkit";
import { type BoardState, type Command, describeCommand } from "@/lib/domain";
import { changeRefused, commandIssued, predict } from "./board-slice";
import type { RootState, Services } from "./store";

/** A command that applied, with the board (as shown) it applied to: what its inverse is computed from. */
export interface Issued {
  readonly command: Command;
  readonly before: BoardState;
}

type Dispatch = ThunkDispatch<RootState, Services, UnknownAction>;

/**
 * Sends `commands` in order, each predicted on the board the previous one left. One that cannot
 * apply is refused here, in words, and the others still go. Answers those that applied; `saved`
 * settles once each is in the outbox (or could not be stored, which the person is told).
 */
export function sendCommands(
  commands: readonly Command[],
  dispatch: Dispatch,
  getState: () => RootState,
  { outbox, broadcast }: Services,
): { issued: Issued[]; saved: Promise<void> } {
  const issued: Issued[] = [];
  const saving: Promise<void>[] = [];
  for (const command of commands) {
    const { view, me } = getState().board;
    const decision = predict(view, command, me);
    if (!decision.ok) {
      dispatch(changeRefused({ label: describeCommand(view, command), reason: decision.rejection.reason }));
      continue;
    }
    dispatch(commandIssued(command));
    broadcast({ type: "queued", command });
    issued.push({ command, before: view });
    saving.push(
      outbox.enqueue(command).then(
        () => {},
        () => {
          dispatch(
            changeRefused({
              label: describeCommand(view, command),
              reason:
                "it could not be saved on this device (storage is full or disabled); it is sent only while this page stays open.",
            }),
          );
        },
      ),
    );
  }
  return { issued, saved: Promise.all(saving).then(() => {}) };
}
