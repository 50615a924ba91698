"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useLineField } from "@/app/_components/LineField";
import { noticeDismissed } from "@/lib/client/board-slice";
import { NAME_MAX, readName, rememberBoard, saveName, watchName } from "@/lib/client/device";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { selectNotices, selectStatusText, selectTitle } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import { TITLE_MAX } from "@/lib/domain";
import { BoardColumns } from "./BoardColumns";
import { ExportLinks } from "./ExportLinks";
import { ForgetBoard } from "./ForgetBoard";
import { NEW_COLUMN_FIELD_ID } from "./focus";
import { InlineTitle } from "./InlineTitle";
import { ShareControls } from "./ShareControls";

export function BoardScreen({ boardId, viewToken, stop }: { boardId: string; viewToken: string; stop(): void }) {
  const title = useAppSelector(selectTitle);
  const dispatch = useAppDispatch();

  useEffect(() => {
    rememberBoard(boardId, title);
    document.title = `${title} · Driftless`;
  }, [boardId, title]);

  return (
    <main className="board-page">
      <a href="#board-content" className="skip-link">
        Skip to the columns
      </a>
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
        <ExportLinks boardId={boardId} />
        <NameField />
        <ShareControls boardId={boardId} viewToken={viewToken} />
        <ForgetBoard boardId={boardId} viewToken={viewToken} stop={stop} />
      </header>
      <Notices />
      <AddColumnForm />
      <div id="board-content" className="board-content" tabIndex={-1}>
        <BoardColumns />
      </div>
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
          {notice.draft !== undefined ? <KeptText text={notice.draft} /> : null}
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

/** Text the person could not save, to copy: selectable, with a button that puts it on the clipboard. */
function KeptText({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="kept-text">
      <q>{text}</q>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "Copied" : "Copy text"}
      </button>
    </span>
  );
}

function AddColumnForm() {
  const dispatch = useAppDispatch();
  const field = useLineField({ max: TITLE_MAX, what: "the title" });
  return (
    <form
      className="add-column"
      onSubmit={(event) => {
        event.preventDefault();
        const title = field.take();
        if (title === undefined) return;
        const columnId = newEntityId();
        dispatch(issue({ commandId: newCommandId(), type: "addColumn", columnId, title }));
        field.reset();
        revealColumn(columnId);
      }}
    >
      <input
        type="text"
        id={NEW_COLUMN_FIELD_ID}
        aria-label="New column"
        placeholder="New column"
        {...field.inputProps}
      />
      <button type="submit">Add column</button>
      {field.message}
    </form>
  );
}

/** A new column is added at the end of the board, maybe off-screen: bring it into view. */
function revealColumn(columnId: string) {
  requestAnimationFrame(() =>
    document
      .getElementById(`column-${columnId}`)
      ?.closest("section")
      ?.scrollIntoView({ behavior: "smooth", inline: "nearest", block: "nearest" }),
  );
}

/**
 * The display name others see on this device's changes; kept on the device, sent as a cookie.
 * Shared with this browser's other tabs: a tab opened earlier shows a name saved later, and
 * leaving the field saves only what the person changed here (never an empty field over a name).
 */
function NameField() {
  const id = useId();
  const field = useLineField({ max: NAME_MAX, what: "your name" });
  const [saved, setSaved] = useState(false);
  const edited = useRef(false);
  const { reset } = field;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount (reset is a new function each render)
  useEffect(() => {
    reset(readName());
    return watchName((next) => {
      if (edited.current) return; // the person is typing here: theirs wins when they save
      reset(next);
    });
  }, []);
  const save = () => {
    if (!edited.current) return;
    const name = field.value.trim() === "" ? "" : field.take();
    if (name === undefined) return; // too long: the field says so
    edited.current = false;
    field.reset(saveName(name));
    setSaved(true);
  };
  return (
    <form
      className="name-field"
      onSubmit={(event) => {
        event.preventDefault();
        edited.current = true;
        save();
      }}
    >
      <label htmlFor={id}>Your name</label>
      <input
        id={id}
        type="text"
        placeholder="Anonymous"
        autoComplete="nickname"
        {...field.inputProps}
        onChange={(event) => {
          edited.current = true;
          setSaved(false);
          field.inputProps.onChange?.(event);
        }}
        onBlur={save}
      />
      <button type="submit">Save name</button>
      <span className="muted" aria-live="polite">
        {saved ? "Saved" : ""}
      </span>
      {field.message}
    </form>
  );
}
