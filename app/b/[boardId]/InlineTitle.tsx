"use client";
// A title that becomes a text field: Enter saves, Escape cancels, leaving the field saves.
// Focus goes back to the rename button, so a keyboard user stays where they were.
import { type ElementType, useRef, useState } from "react";

export function InlineTitle({
  title,
  as: Tag = "span",
  id,
  className,
  renameLabel,
  fieldLabel,
  onRename,
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
}) {
  const [editing, setEditing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const finished = useRef(false);

  const start = () => {
    finished.current = false;
    setEditing(true);
  };
  const finish = (value: string | undefined) => {
    if (finished.current) return;
    finished.current = true;
    setEditing(false);
    const next = value?.trim();
    if (next && next !== title) onRename(next);
    requestAnimationFrame(() => button.current?.focus());
  };

  return (
    <>
      {editing ? (
        <input
          type="text"
          className="inline-edit"
          aria-label={fieldLabel}
          defaultValue={title}
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this title
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              finish(event.currentTarget.value);
            } else if (event.key === "Escape") {
              event.preventDefault();
              finish(undefined);
            }
          }}
          onBlur={(event) => finish(event.currentTarget.value)}
        />
      ) : (
        <Tag id={id} className={className} onDoubleClick={start}>
          {title}
        </Tag>
      )}
      <button
        ref={button}
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
