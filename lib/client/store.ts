// One store per board page (made once in the provider): the board slice, plus the services its
// thunks use. `transport` is the server action online; tests pass their own.
import { configureStore, type ThunkAction, type UnknownAction } from "@reduxjs/toolkit";
import { useDispatch, useSelector, useStore } from "react-redux";
import { type BoardState, type Command, decide, describeCommand } from "@/lib/domain";
import {
  type BoardSliceState,
  boardReducer,
  changeRefused,
  commandIssued,
  commandRejected,
  eventsReceived,
  initialBoardState,
} from "./board-slice";
import { Sender, type Transport } from "./sender";

export interface Services {
  sender: Sender;
}

export function makeStore({
  boardId,
  version,
  state,
  transport,
}: {
  boardId: string;
  version: number;
  state: BoardState;
  transport: Transport;
}) {
  const services = {} as Services;
  const store = configureStore({
    reducer: { board: boardReducer },
    preloadedState: { board: initialBoardState({ boardId, version, state }) as BoardSliceState },
    middleware: (getDefaultMiddleware) =>
      // The board state is frozen and plain by construction; walking 2,000 items per action to
      // prove it again would make a big board slow in development.
      getDefaultMiddleware({ thunk: { extraArgument: services }, immutableCheck: false, serializableCheck: false }),
  });
  services.sender = new Sender(boardId, transport, {
    accepted: (answer) => store.dispatch(eventsReceived(answer.events)),
    rejected: (commandId, answer) =>
      store.dispatch(commandRejected({ commandId, code: answer.code, reason: answer.reason })),
  });
  return store;
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
 * as pending, and sent. One that cannot apply is refused here, in words, and never sent.
 */
export const issue =
  (command: Command): AppThunk =>
  (dispatch, getState, { sender }) => {
    const { view } = getState().board;
    const decision = decide(view, command);
    if (!decision.ok) {
      dispatch(changeRefused({ label: describeCommand(view, command), reason: decision.rejection.reason }));
      return;
    }
    dispatch(commandIssued(command));
    sender.enqueue(command);
  };

/** Sends what is still queued (the connection came back). */
export const resumeSending =
  (): AppThunk =>
  (_dispatch, _getState, { sender }) =>
    sender.resume();
