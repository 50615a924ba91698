"use client";
// Setting and clearing a column's work-in-progress limit from its heading (the badge that shows it
// is app/_components/ColumnLimitBadge). A limit never refuses a change; it shows where work piles up.
import { useId, useState } from "react";
import { newCommandId } from "@/lib/client/ids";
import { issue, useAppDispatch } from "@/lib/client/store";
import { useFocusBack } from "./focus";

export function ColumnLimitEditor({
  columnId,
  title,
  limit,
}: {
  columnId: string;
  title: string;
  limit: number | null;
}) {
  const dispatch = useAppDispatch();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState("");
  // Closed from the form (saved, cleared, cancelled): the focus goes back to the button that opened it.
  const { target: button, returnFocus } = useFocusBack<HTMLButtonElement>(open);
  const close = () => {
    returnFocus();
    setOpen(false);
  };
  const send = (next: number | null) => {
    if (next !== limit) dispatch(issue({ commandId: newCommandId(), type: "setColumnLimit", columnId, limit: next }));
    close();
  };
  if (!open) {
    return (
      <button
        ref={button}
        type="button"
        className="icon"
        aria-label={limit === null ? `Set a limit for ${title}` : `Change the limit of ${title}`}
        title={limit === null ? "Set a limit (work in progress)" : "Change the limit"}
        onClick={() => {
          setDraft(limit === null ? "" : String(limit));
          setProblem("");
          setOpen(true);
        }}
      >
        <span aria-hidden="true">#</span>
      </button>
    );
  }
  return (
    // noValidate: the browser's own bubble would refuse 0 or 2.5 with no words in the page; the
    // form says what a limit may be beside the field instead, as every other field does.
    <form
      className="limit-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(draft);
        if (!Number.isInteger(value) || value < 1 || value > 999) {
          setProblem("A limit is a whole number from 1 to 999.");
          return;
        }
        send(value);
      }}
    >
      <label htmlFor={id}>Limit of {title}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={999}
        inputMode="numeric"
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-problem`}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to set this limit
        autoFocus
        onChange={(event) => {
          setDraft(event.target.value);
          setProblem(""); // said again at the next Save if still so
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            close();
          }
        }}
      />
      <button type="submit">Save limit</button>
      {limit !== null ? (
        <button type="button" className="secondary" onClick={() => send(null)}>
          Clear limit
        </button>
      ) : null}
      <button type="button" className="secondary" onClick={close}>
        Cancel
      </button>
      <span id={`${id}-problem`} className="field-message problem" aria-live="polite">
        {problem}
      </span>
    </form>
  );
}
