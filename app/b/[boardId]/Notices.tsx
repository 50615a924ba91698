"use client";
// The board's alert region: rejected and lost changes in words, each dismissible; a lost edit's
// text is kept to copy.
import { useState } from "react";
import { type Notice, noticeDismissed } from "@/lib/client/board-slice";
import { selectNotices } from "@/lib/client/selectors";
import { useAppDispatch, useAppSelector } from "@/lib/client/store";

export function Notices() {
  const notices = useAppSelector(selectNotices);
  const dispatch = useAppDispatch();
  // The alert region exists from the start, so that screen readers announce what appears in it.
  return (
    <div role="alert" aria-label="Notices" className="notices">
      {notices.map((notice) => (
        <p key={notice.id} className="notice">
          <NoticeText notice={notice} />
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

/** A notice's words, and the text it keeps to copy when it keeps one. */
export function NoticeText({ notice }: { notice: Notice }) {
  return (
    <>
      <span>{notice.message}</span>
      {notice.draft !== undefined ? <KeptText text={notice.draft} /> : null}
    </>
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
