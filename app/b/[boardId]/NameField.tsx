"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useLineField } from "@/app/_components/LineField";
import { nameSaved } from "@/lib/client/board-slice";
import { NAME_MAX, readName, saveName, watchName } from "@/lib/client/device";
import { useAppDispatch } from "@/lib/client/store";

/**
 * The display name others see on this device's changes; kept on the device, sent as a cookie.
 * Shared with this browser's other tabs: a tab opened earlier shows a name saved later, and
 * leaving the field saves only what the person changed here (never an empty field over a name).
 */
export function NameField() {
  const id = useId();
  const field = useLineField({ max: NAME_MAX, what: "your name" });
  const [saved, setSaved] = useState(false);
  const dispatch = useAppDispatch();
  const edited = useRef(false);
  const { reset } = field;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount (reset is a new function each render)
  useEffect(() => {
    reset(readName());
    return watchName((next) => {
      if (edited.current) return; // the person is typing here: theirs wins when they save
      reset(next);
      dispatch(nameSaved(next));
    });
  }, []);
  const save = () => {
    if (!edited.current) return;
    const name = field.value.trim() === "" ? "" : field.take();
    if (name === undefined) return; // too long: the field says so
    edited.current = false;
    const saved = saveName(name);
    field.reset(saved);
    dispatch(nameSaved(saved));
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
