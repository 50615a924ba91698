"use client";
// The board page's client root: one store per page, hydrated from the server-rendered state and
// version; the stream starts right after that version, so nothing is missed or applied twice.
import { useEffect, useRef } from "react";
import { Provider } from "react-redux";
import { connectBoard } from "@/lib/client/connection";
import { type AppStore, makeStore } from "@/lib/client/store";
import type { BoardState } from "@/lib/domain";
import { runCommandAction } from "./actions";
import { BoardScreen } from "./BoardScreen";

export function BoardApp({ boardId, version, state }: { boardId: string; version: number; state: BoardState }) {
  const store = useRef<AppStore | null>(null);
  store.current ??= makeStore({ boardId, version, state, transport: runCommandAction });
  useEffect(() => connectBoard(store.current as AppStore), []);
  return (
    <Provider store={store.current}>
      <BoardScreen boardId={boardId} />
    </Provider>
  );
}
