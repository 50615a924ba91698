"use client";
// The board page's client root: one store per page, hydrated from the server-rendered state and
// version, then from this device's copy (IndexedDB) when that is newer, with its pending changes.
import { useEffect, useRef } from "react";
import { Provider } from "react-redux";
import { indexedDbOutbox } from "@/lib/client/local-db";
import { startBoard } from "@/lib/client/start-board";
import { type AppStore, makeStore } from "@/lib/client/store";
import { boardChannel, type TabMessage, webLock } from "@/lib/client/tabs";
import { browserTransport } from "@/lib/client/transport";
import { type Actor, type BoardRecord, fromRecord } from "@/lib/domain";
import { runCommandAction } from "./actions";
import { BoardScreen } from "./BoardScreen";

export function BoardApp({
  boardId,
  viewToken,
  version,
  state,
  me,
}: {
  boardId: string;
  viewToken: string;
  version: number;
  /**
   * The board's state as a record, or as its JSON text: the server sends text, so that one string
   * crosses from the server component instead of an object per item, checklist entry and label,
   * which React would serialise one by one and revive one by one (README, "Performance").
   */
  state: BoardRecord | string;
  /** Who this browser is on the board, when the request said (null on a first visit). */
  me: Actor | null;
}) {
  const store = useRef<AppStore | null>(null);
  const postToTabs = useRef<(message: TabMessage) => void>(() => {});
  store.current ??= makeStore({
    boardId,
    version,
    state: fromRecord(typeof state === "string" ? (JSON.parse(state) as BoardRecord) : state),
    me,
    device: {
      storage: indexedDbOutbox,
      transport: browserTransport(runCommandAction),
      lock: webLock,
      isOnline: () => navigator.onLine,
      broadcast: (message) => postToTabs.current(message),
    },
  });
  const stop = useRef<() => void>(() => {});
  useEffect(() => {
    const app = store.current as AppStore;
    const stopBoard = startBoard(app, {
      waiting: () => app.services.outbox.waiting(),
      channel: (onMessage) => {
        const channel = boardChannel(boardId, onMessage);
        postToTabs.current = channel.post;
        return channel;
      },
    });
    let stopped = false;
    const stopOnce = () => {
      if (stopped) return;
      stopped = true;
      stopBoard();
    };
    // Forgetting also stops sending: the changes still waiting are dropped with the board's copy.
    stop.current = () => {
      app.services.outbox.close();
      stopOnce();
    };
    return stopOnce;
  }, [boardId]);
  return (
    <Provider store={store.current}>
      <BoardScreen boardId={boardId} viewToken={viewToken} stop={() => stop.current()} />
    </Provider>
  );
}
