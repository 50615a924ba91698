"use client";
// The description: several lines, saved when the field is left (or with Save), shown below with
// its line breaks and links. Someone else's change while you type does not overwrite your text,
// and the field says so: saving then puts yours in place of theirs.
import { useEffect, useId, useRef, useState } from "react";
import { FormattedText } from "@/app/_components/FormattedText";
import { newCommandId } from "@/lib/client/ids";
import { issue, useAppDispatch } from "@/lib/client/store";
import { characters } from "@/lib/client/text-limits";
import { type ItemState, TEXT_MAX } from "@/lib/domain";
import { useKeptIfItemGoes } from "./lost-with-item";

export function DescriptionField({ item }: { item: ItemState }) {
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState(item.description);
  const editing = useRef(false);
  const [changedByOthers, setChangedByOthers] = useState(false);
  // Follows the board while the person is not typing in it.
  useEffect(() => {
    if (!editing.current) setDraft(item.description);
    else setChangedByOthers(true);
  }, [item.description]);
  const count = characters(draft);
  const over = count > TEXT_MAX.description;
  const changed = draft.replace(/\r\n?/g, "\n").trimEnd() !== item.description;
  useKeptIfItemGoes(
    item,
    () => (changed ? draft : undefined),
    (title) =>
      `Item “${title}” was removed by someone else while you were writing its description; your text was not saved.`,
  );
  const save = () => {
    editing.current = false;
    setChangedByOthers(false);
    if (!changed || over) return;
    dispatch(issue({ commandId: newCommandId(), type: "describeItem", itemId: item.itemId, description: draft }));
  };
  return (
    <section className="item-part" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`}>
        <label htmlFor={id}>Description</label>
      </h3>
      <textarea
        id={id}
        rows={5}
        value={draft}
        aria-invalid={over || undefined}
        aria-describedby={`${id}-count`}
        placeholder="Add a description: notes, links, what done means…"
        onChange={(event) => {
          editing.current = true;
          setDraft(event.target.value);
        }}
        onBlur={save}
      />
      <p id={`${id}-count`} className={over ? "field-message problem" : "field-message"} aria-live="polite">
        {over
          ? `The description is ${count.toLocaleString("en-US")} characters; the most is ${TEXT_MAX.description.toLocaleString("en-US")}. Shorten it to save.`
          : changed && changedByOthers
            ? "Someone else changed this description while you typed: leaving the field saves yours in its place (theirs stays in the history)."
            : changed
              ? "Not saved yet: it is saved when you leave the field."
              : ""}
      </p>
      {item.description && !changed ? <FormattedText text={item.description} className="description" /> : null}
    </section>
  );
}
