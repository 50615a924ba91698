"use client";
// A title that becomes a text field: Enter saves, Escape cancels, leaving the field saves.
// After Enter or Escape focus goes back to the rename button, so a keyboard user stays where they
// were; after leaving the field (a click elsewhere, Tab) focus stays where the person put it —
// pulling it back would send their next keys to the rename button. A title the server would not
// take (too long) keeps the field open with the reason, rather than being cut or dropped.
import { type ElementType, useEffect, useRef, useState } from "react";
import { useLineField } from "@/app/_components/LineField";
import { TITLE_MAX } from "@/lib/domain";
import { useFocusBack } from "./focus";

export function InlineTitle({
  title,
  as: Tag = "span",
  id,
  className,
  renameLabel,
  fieldLabel,
  onRename,
  onEditLost,
  max = TITLE_MAX,
  what = "the title",
}: {
  title: string;
  as?: ElementType;
  id?: string;
  className?: string;
  /** The rename button's accessible name, e.g. `Rename Milk`. */
  renameLabel: string;
  /** The text field's accessible name, e.g. `Title of Milk`. */
  fieldLabel: string;
  onRename(title: string): void;
  /** Called with the person's unsaved text when the field goes away under them (the thing was removed). */
  onEditLost?(draft: string): void;
  /** The most characters the server takes. */
  max?: number;
  /** How a message names the text: "the title", "the entry". */
  what?: string;
}) {
  const [editing, setEditing] = useState(false);
  // The title as it was when the field opened: changed meanwhile (another person, another tab, an
  // undo), the field says so, and only text the person changed replaces the new one.
  const [from, setFrom] = useState(title);
  const field = useLineField({
    initial: title,
    max,
    what,
    hint: (value) =>
      !editing || title === from
        ? undefined
        : value.trim() === from
          ? `Changed meanwhile to “${title}”.`
          : `Changed meanwhile to “${title}”: saving replaces it, Escape keeps it.`,
  });
  // Enter closes the field, and the field's removal may blur it once more: finish only once.
  const finished = useRef(false);
  const back = useFocusBack<HTMLButtonElement>(editing);

  const start = () => {
    field.reset(title);
    setFrom(title);
    finished.current = false;
    setEditing(true);
  };
  const finish = ({ save, refocus }: { save: boolean; refocus: boolean }) => {
    if (finished.current) return;
    if (save) {
      const next = field.take();
      if (next === undefined && field.value.trim() !== "") return; // the field says why; it stays open
      if (next && next !== title && next !== from) onRename(next);
    }
    finished.current = true;
    setEditing(false);
    back.returnFocus(refocus);
  };

  // Unmounted while editing: this item or column left the board (someone removed it). The text the
  // person typed must not vanish with it.
  const draft = useRef<string | undefined>(undefined);
  draft.current = editing && field.value.trim() !== title ? field.value : undefined;
  const lost = useRef(onEditLost);
  lost.current = onEditLost;
  useEffect(
    () => () => {
      if (draft.current !== undefined && draft.current.trim() !== "") lost.current?.(draft.current);
    },
    [],
  );

  return (
    <>
      {editing ? (
        <span className="inline-edit-wrap">
          <input
            type="text"
            className="inline-edit"
            aria-label={fieldLabel}
            {...field.inputProps}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this title
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                finish({ save: true, refocus: true });
              } else if (event.key === "Escape") {
                event.preventDefault();
                finish({ save: false, refocus: true });
              }
            }}
            onBlur={() => finish({ save: true, refocus: false })}
          />
          {field.message}
        </span>
      ) : (
        <Tag id={id} className={className} onDoubleClick={start}>
          {title}
        </Tag>
      )}
      <button
        ref={back.target}
        type="button"
        className="icon"
        aria-label={renameLabel}
        title={renameLabel}
        onClick={start}
        hidden={editing}
      >
        <span aria-hidden="true">✎</span>
      </button>
    </>
  );
}
