"use client";
// The board's labels: make one (name and colour), rename it, recolour it, remove it (it leaves
// every item it was on). Each change is a command like any other: optimistic, queued offline.
import { useId, useState } from "react";
import { LabelChip } from "@/app/_components/ItemBadges";
import { useLineField } from "@/app/_components/LineField";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { selectLabels } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import { LABEL_COLORS, type LabelColor, type LabelState, TEXT_MAX } from "@/lib/domain";
import { focusSoon } from "../focus";
import { Modal } from "../Modal";

const COLOR_NAMES: Record<LabelColor, string> = {
  green: "Green",
  yellow: "Yellow",
  orange: "Orange",
  red: "Red",
  purple: "Purple",
  blue: "Blue",
  sky: "Sky",
  lime: "Lime",
  pink: "Pink",
  black: "Black",
};

function ColorSelect({
  value,
  onChange,
  label,
}: {
  value: LabelColor;
  onChange(color: LabelColor): void;
  label: string;
}) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value as LabelColor)}>
      {LABEL_COLORS.map((color) => (
        <option key={color} value={color}>
          {COLOR_NAMES[color]}
        </option>
      ))}
    </select>
  );
}

const removeButtonId = (labelId: string) => `remove-label-${labelId}`;

/** `focusAfterRemoval`: where the focus goes once the label is removed (the first of them there). */
function LabelRow({ label, focusAfterRemoval }: { label: LabelState; focusAfterRemoval: readonly string[] }) {
  const dispatch = useAppDispatch();
  const field = useLineField({ initial: label.name, max: TEXT_MAX.labelName, what: "the label's name" });
  const rename = () => {
    const name = field.take();
    if (name === undefined || name === label.name) return;
    dispatch(issue({ commandId: newCommandId(), type: "editLabel", labelId: label.labelId, name }));
  };
  return (
    <li className="label-row">
      <LabelChip name={label.name} color={label.color} />
      <input
        type="text"
        aria-label={`Name of label ${label.name}`}
        {...field.inputProps}
        onBlur={rename}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            rename();
          }
        }}
      />
      <ColorSelect
        label={`Colour of label ${label.name}`}
        value={label.color}
        onChange={(color) =>
          color !== label.color &&
          dispatch(issue({ commandId: newCommandId(), type: "editLabel", labelId: label.labelId, color }))
        }
      />
      <button
        type="button"
        id={removeButtonId(label.labelId)}
        className="icon danger"
        aria-label={`Remove label ${label.name}`}
        title="Remove label"
        onClick={() => {
          if (!window.confirm(`Remove label “${label.name}”? It leaves every item it is on.`)) return;
          dispatch(issue({ commandId: newCommandId(), type: "removeLabel", labelId: label.labelId }));
          focusSoon(...focusAfterRemoval);
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
      {field.message}
    </li>
  );
}

export function LabelManager({ onClose }: { onClose(): void }) {
  const labels = useAppSelector(selectLabels);
  const dispatch = useAppDispatch();
  const id = useId();
  const field = useLineField({ max: TEXT_MAX.labelName, what: "the label's name" });
  const [color, setColor] = useState<LabelColor>("green");
  return (
    <Modal title="Labels" onClose={onClose} className="label-manager">
      {labels.length === 0 ? <p className="muted">No labels yet: make the first below.</p> : null}
      <ul className="label-rows">
        {labels.map((label, index) => (
          <LabelRow
            key={label.labelId}
            label={label}
            // The next label's remove button (the one before, at the end), else New label.
            focusAfterRemoval={[
              ...[labels[index + 1], labels[index - 1]]
                .filter((other) => other !== undefined)
                .map((other) => removeButtonId(other.labelId)),
              `${id}-name`,
            ]}
          />
        ))}
      </ul>
      <form
        className="add-label"
        onSubmit={(event) => {
          event.preventDefault();
          const name = field.take();
          if (name === undefined) return;
          dispatch(issue({ commandId: newCommandId(), type: "addLabel", labelId: newEntityId(), name, color }));
          field.reset();
        }}
      >
        <label htmlFor={`${id}-name`}>New label</label>
        <input id={`${id}-name`} type="text" placeholder="e.g. Urgent" {...field.inputProps} />
        <ColorSelect label="Colour of the new label" value={color} onChange={setColor} />
        <button type="submit">Add label</button>
        {field.message}
      </form>
    </Modal>
  );
}
