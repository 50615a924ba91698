"use client";
// A one-line text field with the server's limit (in characters, not UTF-16 units), that says in
// words what it will not take instead of cutting it: over the limit it keeps the text and tells
// how long it is; a paste with line breaks is made one line and says so.
import { type InputHTMLAttributes, useId, useState } from "react";
import { asOneLine, characters, isBlank, lineProblem } from "@/lib/client/text-limits";

export interface LineFieldOptions {
  readonly initial?: string;
  readonly max: number;
  /** How the message names the value: "the title", "your name". */
  readonly what: string;
  /**
   * What the message says, given the field's text, when it has nothing more pressing to say (the
   * text is fine): what the last value became, what changed under the person.
   */
  readonly hint?: (value: string) => string | undefined;
}

export function useLineField({ initial = "", max, what, hint }: LineFieldOptions) {
  const [value, setValue] = useState(initial);
  const [note, setNote] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const messageId = useId();
  const count = characters(value.trim());
  const over = count > max;
  // Over the limit shows while typing; an empty-looking value only once the person tries to save it.
  const problem = over || (tried && value !== "" && isBlank(value)) ? lineProblem(value, { max, what }) : undefined;
  const message = problem ?? note ?? hint?.(value) ?? (count >= max * 0.9 ? `${count} / ${max} characters` : undefined);

  const inputProps: InputHTMLAttributes<HTMLInputElement> & { value: string } = {
    value,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": messageId,
    onChange: (event) => {
      setValue(event.target.value);
      setTried(false);
      setNote(undefined);
    },
    onPaste: (event) => {
      const pasted = event.clipboardData.getData("text/plain");
      const line = asOneLine(pasted);
      if (!line.changed) return;
      event.preventDefault();
      const input = event.currentTarget;
      const start = input.selectionStart ?? value.length;
      const end = input.selectionEnd ?? value.length;
      setValue(value.slice(0, start) + line.text + value.slice(end));
      setNote(`Line breaks were turned into spaces: ${what} is one line.`);
    },
  };

  return {
    value,
    inputProps,
    /**
     * The message under the field (the input's aria-describedby). Always rendered, so that a screen
     * reader announces what appears in it; not a `status` (the page has one: the connection).
     */
    message: (
      <span id={messageId} className={problem ? "field-message problem" : "field-message"} aria-live="polite">
        {message}
      </span>
    ),
    /** The trimmed value when it can be saved; otherwise undefined, and the field says why. */
    take(): string | undefined {
      setTried(true);
      const trimmed = value.trim();
      if (trimmed === "" || lineProblem(value, { max, what })) return undefined;
      return trimmed;
    },
    reset(next = "") {
      setValue(next);
      setTried(false);
      setNote(undefined);
    },
  };
}

/**
 * A form that adds one thing by its name (`New item` / `Add item`): the field, labelled and with
 * the label as its placeholder, its button, and the field's message.
 */
export function AddForm({
  className,
  fieldId,
  label,
  button,
  field,
  onSubmit,
}: {
  readonly className: string;
  readonly fieldId: string;
  readonly label: string;
  readonly button: string;
  readonly field: ReturnType<typeof useLineField>;
  readonly onSubmit: (event: React.FormEvent) => void;
}) {
  return (
    <form className={className} onSubmit={onSubmit}>
      <input type="text" id={fieldId} aria-label={label} placeholder={label} {...field.inputProps} />
      <button type="submit">{button}</button>
      {field.message}
    </form>
  );
}
