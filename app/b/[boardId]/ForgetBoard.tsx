"use client";
// "Forget this board on this device" (a shared computer): no edit link on the start page, no copy
// of the board, nothing waiting to be sent. The board itself stays on the server.
import { useState } from "react";
import { forgetBoardOnDevice, forgetBoardQuestion } from "@/lib/client/forget";
import { selectWaitingCount } from "@/lib/client/selectors";
import { useAppSelector } from "@/lib/client/store";

export function ForgetBoard({
  boardId,
  viewToken,
  stop,
}: {
  boardId: string;
  viewToken: string;
  /** Stops this page's work on the board (stream, saving its copy), so nothing writes it back. */
  stop(): void;
}) {
  const waiting = useAppSelector(selectWaitingCount);
  const [busy, setBusy] = useState(false);
  const forget = async () => {
    if (!window.confirm(forgetBoardQuestion(waiting))) return;
    setBusy(true);
    stop();
    await forgetBoardOnDevice(boardId, viewToken || undefined);
    window.location.replace("/?forgotten=board");
  };
  return (
    <button type="button" className="secondary" onClick={forget} disabled={busy}>
      {busy ? "Forgetting…" : "Forget this board on this device"}
    </button>
  );
}
