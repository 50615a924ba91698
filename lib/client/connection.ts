// The board page's connection: the board's one client connection (follow-board.ts) feeding the
// store, a version skipped by a command's answer read like any other gap, and the outbox told to
// send once the stream has caught up, who is here handed to the presence slice, and the stream
// opened again when the person's name changes (the server names them by the stream's cookie).
import { boardReloaded, connectionChanged, eventsReceived } from "./board-slice";
import { browserConnectionEnvironment, type ConnectionEnvironment, followBoard } from "./follow-board";
import { presenceAnnounced } from "./presence-slice";
import { type AppStore, replayOutbox } from "./store";

export { browserConnectionEnvironment, type ConnectionEnvironment } from "./follow-board";

export function connectBoard(
  store: AppStore,
  environment: ConnectionEnvironment = browserConnectionEnvironment,
): () => void {
  const { boardId } = store.getState().board;
  const connection = followBoard({
    path: `/api/boards/${encodeURIComponent(boardId)}`,
    environment,
    follower: {
      position: () => store.getState().board.version,
      received: (events) => store.dispatch(eventsReceived(events)),
      reloaded: (version, state) => store.dispatch(boardReloaded({ version, state })),
      ready: () => store.dispatch(replayOutbox()),
      status: (status) => store.dispatch(connectionChanged(status)),
      presence: (news) => store.dispatch(presenceAnnounced(news)),
    },
  });
  let name = store.getState().board.me?.name;

  // The store marks a skipped version wherever events came from (a command's answer too).
  const unsubscribe = store.subscribe(() => {
    const { gapAfter, me } = store.getState().board;
    if (gapAfter !== null) connection.repair(gapAfter);
    const renamed = me !== null && name !== undefined && me.name !== name;
    name = me?.name; // before reconnecting: reconnecting dispatches, which calls this again
    if (renamed) connection.reconnect();
  });

  return () => {
    unsubscribe();
    connection.stop();
  };
}
