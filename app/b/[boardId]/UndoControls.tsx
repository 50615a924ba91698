"use client";
// Undo and Redo (README, Undo and redo): buttons for this person's own steps on this board, and a
// status that says what the last one did, or why it was skipped.
import { useAppDispatch, useAppSelector } from "@/lib/client/store";
import { redo, undo } from "@/lib/client/undo";

export function UndoControls() {
  const dispatch = useAppDispatch();
  const nextUndo = useAppSelector((state) => state.undo.done.at(-1)?.label);
  const nextRedo = useAppSelector((state) => state.undo.undone.at(-1)?.label);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={nextUndo === undefined}
        title={nextUndo === undefined ? "Nothing to undo" : `Undo: ${nextUndo} (Ctrl+Z or ⌘Z)`}
        onClick={() => void dispatch(undo())}
      >
        Undo
      </button>
      <button
        type="button"
        className="secondary"
        disabled={nextRedo === undefined}
        title={nextRedo === undefined ? "Nothing to redo" : `Redo: ${nextRedo} (Ctrl+Shift+Z or ⇧⌘Z)`}
        onClick={() => void dispatch(redo())}
      >
        Redo
      </button>
    </>
  );
}

/**
 * What the last undo or redo did, in words. Shown once there is something to say, as the filter's
 * count is: the connection keeps the one status that is always there.
 */
export function UndoStatus() {
  const said = useAppSelector((state) => state.undo.said);
  if (said === null) return null;
  return (
    <p role="status" className="undo-status">
      {said.text}
    </p>
  );
}
