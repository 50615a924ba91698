// One store per board page (made once in the provider): the board slice, plus the services its
// thunks use — the durable outbox, and the channel to this board's other tabs.
import { configureStore, type ThunkAction, type UnknownAction } from "@reduxjs/toolkit";
import { useDispatch, useSelector, useStore } from "react-redux";
import { type Actor, type BoardState, type Command, describeCommand } from "@/lib/domain";
import {
  type BoardSliceState,
  boardReducer,
  changeRefused,
  commandAccepted,
  commandIssued,
  commandRejected,
  initialBoardState,
  predict,
  sendingPaused,
} from "./board-slice";
import { type Lock, Outbox, type OutboxStorage, type OutboxTransport } from "./outbox";
import { presenceReducer } from "./presence-slice";
import type { TabMessage } from "./tabs";

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
  const store = configureStore({
    reducer: { board: boardReducer, presence: presenceReducer },
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
        const rejection = { commandId: command.commandId, code: answer.code, reason: answer.reason };
        store.dispatch(commandRejected({ ...rejection, command }));
        services.broadcast({ type: "rejected", ...rejection });
      },
      paused: (until) => store.dispatch(sendingPaused(until)),
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
 * as pending, stored in the outbox, and sent. One that cannot apply is refused here, in words.
 */
export const issue =
  (command: Command): AppThunk<Promise<void>> =>
  async (dispatch, getState, { outbox, broadcast }) => {
    const { view, me } = getState().board;
    const decision = predict(view, command, me);
    if (!decision.ok) {
      dispatch(changeRefused({ label: describeCommand(view, command), reason: decision.rejection.reason }));
      return;
    }
    dispatch(commandIssued(command));
    broadcast({ type: "queued", command });
    try {
      await outbox.enqueue(command);
    } catch {
      dispatch(
        changeRefused({
          label: describeCommand(view, command),
          reason:
            "it could not be saved on this device (storage is full or disabled); it is sent only while this page stays open.",
        }),
      );
    }
  };

/** Sends what is queued (the stream caught up, the network came back, the tab became visible). */
export const replayOutbox =
  (): AppThunk =>
  (_dispatch, _getState, { outbox }) => {
    void outbox.drain();
  };
