"use client";
// The due date: a native date field (keyboard and screen readers know it), saved when the person
// is done with it: on leaving the field, on Enter, or when the dialog closes. A date field reports
// a value at every keystroke (the year goes 0002, 0020, 0202, 2027; a new month goes 01, then 12),
// and each of those saved would be a change of its own, an undo step and a flash of "Overdue" for
// everyone on the board. A field left emptied clears the date; one left unfinished (a five-digit
// year, a missing day) is said not to be saved.
import { useEffect, useId, useRef, useState } from "react";
import { dueDate } from "@/app/_components/due";
import { newCommandId } from "@/lib/client/ids";
import { issue, useAppDispatch } from "@/lib/client/store";
import type { ItemState } from "@/lib/domain";

const WHOLE_DATE = /^[1-9]\d{3}-\d{2}-\d{2}$/;

const dueChange = (itemId: string, due: string | null) =>
  issue({ commandId: newCommandId(), type: "setItemDue", itemId, due });

export function DueField({ item }: { item: ItemState }) {
  const dispatch = useAppDispatch();
  const id = useId();
  // What the field holds while it differs from the item's date (null: it shows the item's).
  const [draft, setDraft] = useState<string | null>(null);
  const [unfinished, setUnfinished] = useState(false);
  const set = (due: string | null) => {
    setDraft(null);
    setUnfinished(false);
    if (due !== item.due) dispatch(dueChange(item.itemId, due));
  };
  /** The field is done with: a whole date is saved, an emptied field clears it, anything else is named. */
  const done = (field: HTMLInputElement) => {
    // Partly typed on an item with no date: the value stayed "" all along, so no change came.
    if (draft === null && field.validity.badInput) return setUnfinished(true);
    if (draft === null) return;
    if (WHOLE_DATE.test(draft)) set(draft);
    // Empty, not partly typed (the field's value is "" then too): the date was cleared.
    else if (draft === "" && !field.validity.badInput) set(null);
    else setUnfinished(true);
  };
  // Closing the dialog with the field still focused fires no blur: a whole date is saved then too.
  const latest = useRef({ draft, item });
  latest.current = { draft, item };
  useEffect(
    () => () => {
      const { draft: left, item: on } = latest.current;
      if (left !== null && WHOLE_DATE.test(left) && left !== on.due) dispatch(dueChange(on.itemId, left));
    },
    [dispatch],
  );
  const field = useRef<HTMLInputElement>(null);
  const problemId = `${id}-problem`;
  // What the field shows decides what is beside it, so that saving on leaving moves nothing (a
  // button appearing under the pointer as it leaves the field would take the click it was going to).
  const shown = draft ?? item.due ?? "";
  const whole = WHOLE_DATE.test(shown);
  return (
    <section className="item-part due-part">
      <h3>
        <label htmlFor={id}>Due date</label>
      </h3>
      <input
        ref={field}
        id={id}
        type="date"
        min="1000-01-01"
        max="9999-12-31"
        value={shown}
        aria-invalid={unfinished || undefined}
        aria-describedby={unfinished ? problemId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setUnfinished(false);
        }}
        onBlur={(event) => done(event.currentTarget)}
        onKeyDown={(event) => {
          if (event.key === "Enter") done(event.currentTarget);
        }}
      />
      {item.due || whole ? (
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            set(null);
            // The button goes with the date: the focus stays on the field.
            field.current?.focus();
          }}
        >
          Clear due date
        </button>
      ) : null}
      {unfinished ? (
        <span id={problemId} className="field-message problem">
          Not saved: a due date needs a day, a month and a four-digit year.
        </span>
      ) : whole ? (
        <span className="muted">{dueDate(shown)}</span>
      ) : null}
    </section>
  );
}
