"use client";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { noticeDismissed } from "@/lib/client/board-slice";
import { NAME_MAX, readName, rememberBoard, saveName } from "@/lib/client/device";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { selectNotices, selectStatusText, selectTitle } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import { BoardColumns } from "./BoardColumns";
import { InlineTitle } from "./InlineTitle";
import { ShareControls } from "./ShareControls";

export function BoardScreen({ boardId, viewToken }: { boardId: string; viewToken: string }) {
  const title = useAppSelector(selectTitle);
  const dispatch = useAppDispatch();

  useEffect(() => {
    rememberBoard(boardId, title);
    document.title = `${title} · Driftless`;
  }, [boardId, title]);

  return (
    <main className="board-page">
      <header className="board-header">
        <div className="board-title">
          <InlineTitle
            as="h1"
            title={title}
            renameLabel="Rename board"
            fieldLabel="Board title"
            onRename={(next) => dispatch(issue({ commandId: newCommandId(), type: "renameBoard", title: next }))}
          />
        </div>
        <StatusLine />
        <nav className="board-nav">
          <Link href="/">All boards</Link>
          <Link href={`/b/${boardId}/history`}>History</Link>
        </nav>
        <NameField />
        <ShareControls boardId={boardId} viewToken={viewToken} />
      </header>
      <Notices />
      <AddColumnForm />
      <BoardColumns />
    </main>
  );
}

function StatusLine() {
  const text = useAppSelector(selectStatusText);
  const connection = useAppSelector((state) => state.board.connection);
  return (
    <p role="status" className={`status ${connection}`}>
      {text}
    </p>
  );
}

function Notices() {
  const notices = useAppSelector(selectNotices);
  const dispatch = useAppDispatch();
  // The alert region exists from the start, so that screen readers announce what appears in it.
  return (
    <div role="alert" aria-label="Notices" className="notices">
      {notices.map((notice) => (
        <p key={notice.id} className="notice">
          <span>{notice.message}</span>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss"
            onClick={() => dispatch(noticeDismissed(notice.id))}
          >
            <span aria-hidden="true">×</span>
          </button>
        </p>
      ))}
    </div>
  );
}

function AddColumnForm() {
  const dispatch = useAppDispatch();
  const [draft, setDraft] = useState("");
  return (
    <form
      className="add-column"
      onSubmit={(event) => {
        event.preventDefault();
        const title = draft.trim();
        if (!title) return;
        dispatch(issue({ commandId: newCommandId(), type: "addColumn", columnId: newEntityId(), title }));
        setDraft("");
      }}
    >
      <input
        type="text"
        aria-label="New column"
        placeholder="New column"
        maxLength={200}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit">Add column</button>
    </form>
  );
}

/** The display name others see on this device's changes; kept on the device, sent as a cookie. */
function NameField() {
  const id = useId();
  const [name, setName] = useState("");
  const [saved, setSaved] = useState(false);
  useEffect(() => setName(readName()), []);
  return (
    <form
      className="name-field"
      onSubmit={(event) => {
        event.preventDefault();
        setName(saveName(name));
        setSaved(true);
      }}
    >
      <label htmlFor={id}>Your name</label>
      <input
        id={id}
        type="text"
        maxLength={NAME_MAX}
        placeholder="Anonymous"
        value={name}
        autoComplete="nickname"
        onChange={(event) => {
          setName(event.target.value);
          setSaved(false);
        }}
        onBlur={() => {
          setName(saveName(name));
          setSaved(true);
        }}
      />
      <button type="submit">Save name</button>
      <span className="muted" aria-live="polite">
        {saved ? "Saved" : ""}
      </span>
    </form>
  );
}
