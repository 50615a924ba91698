// One store per board page (made once in the provider): the board slice, plus the services its
// thunks use — the durable outbox, and the channel to this board's other tabs.
import { configureStore, type ThunkAction, type UnknownAction } from "@reduxjs/toolkit";
import { useDispatch, useSelector, useStore } from "react-redux";
import type { Actor, BoardState, Command } from "@/lib/domain";
import {
  type BoardSliceState,
  boardReducer,
  commandAccepted,
  commandRejected,
  initialBoardState,
  sendingPaused,
  viewWithout,
} from "./board-slice";
import { type Lock, Outbox, type OutboxStorage, type OutboxTransport } from "./outbox";
import { placedAnew } from "./placed-anew";
import { presenceReducer } from "./presence-slice";
import { sendCommands } from "./send";
import type { TabMessage } from "./tabs";
import { stepOf } from "./undo";
import { changeMade, undoReducer } from "./undo-slice";

export interface Services {
  outbox: Outbox;
  /** Tells this board's other tabs (BroadcastChannel in the browser). */
  broadcast(message: TabMessage): void;
}

export interface Device {
  storage: OutboxStorage;
  transport: OutboxTransport;
  lock?: Lock;
  isOnline?: () => boolean;
  broadcast?: (message: TabMessage) => void;
}

export function makeStore({
  boardId,
  version,
  state,
  me = null,
  device,
}: {
  boardId: string;
  version: number;
  state: BoardState;
  /** This device's actor on the board, when the page knows it (see BoardSliceState.me). */
  me?: Actor | null;
  device: Device;
}) {
  const services = { broadcast: device.broadcast ?? (() => {}) } as Services;
  const placedOnce = new Set<string>();
  const store = configureStore({
    reducer: { board: boardReducer, undo: undoReducer, presence: presenceReducer },
    preloadedState: { board: initialBoardState({ boardId, version, state, me }) as BoardSliceState },
    middleware: (getDefaultMiddleware) =>
      // The board state is frozen and plain by construction; walking 2,000 items per action to
      // prove it again would make a big board slow in development.
      getDefaultMiddleware({ thunk: { extraArgument: services }, immutableCheck: false, serializableCheck: false }),
  });
  services.outbox = new Outbox(
    boardId,
    device.storage,
    device.transport,
    {
      accepted: (answer) => store.dispatch(commandAccepted(answer)),
      rejected: (command, answer) => {
        const { board } = store.getState();
        // Made again once at most: a command placed anew that is refused too is told.
        const again = placedOnce.has(command.commandId)
          ? undefined
          : placedAnew(viewWithout(board, command.commandId), board.me, command);
        const rejection = {
          commandId: command.commandId,
          code: answer.code,
          reason: answer.reason,
          ...(again && { replacedBy: again.commandId }),
        };
        store.dispatch(commandRejected({ ...rejection, command }));
        services.broadcast({ type: "rejected", ...rejection, command });
        if (!again) return;
        placedOnce.add(again.commandId);
        sendCommands([again], store.dispatch, store.getState, services);
      },
      paused: (until) => store.dispatch(sendingPaused(until)),
      pending: () => {
        const { pending } = store.getState().board;
        return pending.ids.map((id) => pending.entities[id].command);
      },
    },
    device.lock,
    device.isOnline,
  );
  return Object.assign(store, { services });
}

export type AppStore = ReturnType<typeof makeStore>;
export type RootState = ReturnType<AppStore["getState"]>;
export type AppDispatch = AppStore["dispatch"];
export type AppThunk<R = void> = ThunkAction<R, RootState, Services, UnknownAction>;

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppStore = useStore.withTypes<AppStore>();

/**
 * A person's change: predicted with the shared `decide` on the board as shown, displayed at once
 * as pending, stored in the outbox, and sent (see send.ts). One that cannot apply is refused here,
 * in words. Several commands of one gesture are one step to undo (README, Undo and redo).
 */
export const issue =
  (change: Command | readonly Command[]): AppThunk<Promise<void>> =>
  async (dispatch, getState, services) => {
    const commands: readonly Command[] = Array.isArray(change) ? change : [change as Command];
    const { issued, saved } = sendCommands(commands, dispatch, getState, services);
    if (issued.length > 0) dispatch(changeMade(stepOf(issued)));
    await saved;
  };

/** Sends what is queued (the stream caught up, the network came back, the tab became visible). */
export const replayOutbox =
  (): AppThunk =>
  (_dispatch, _getState, { outbox }) => {
    void outbox.drain();
  };
