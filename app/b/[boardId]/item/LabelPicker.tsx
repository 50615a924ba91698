"use client";
// Labels on the item: a checkbox per board label, named by the label. The board's labels are made,
// renamed, recoloured and removed in the label manager (the board's `Labels` button).
import { LabelChip } from "@/app/_components/ItemBadges";
import { newCommandId } from "@/lib/client/ids";
import { selectLabels } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import type { ItemState } from "@/lib/domain";
import { useLabelManager } from "../labels/label-manager";

export function LabelPicker({ item }: { item: ItemState }) {
  const labels = useAppSelector(selectLabels);
  const dispatch = useAppDispatch();
  const manager = useLabelManager();
  return (
    <fieldset className="item-part">
      <legend>Labels</legend>
      {labels.length === 0 ? <p className="muted">This board has no labels yet.</p> : null}
      <ul className="choices">
        {labels.map((label) => {
          const on = item.labels.includes(label.labelId);
          return (
            <li key={label.labelId}>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  aria-label={label.name}
                  onChange={() =>
                    dispatch(
                      issue({
                        commandId: newCommandId(),
                        type: on ? "unlabelItem" : "labelItem",
                        itemId: item.itemId,
                        labelId: label.labelId,
                      }),
                    )
                  }
                />
                <LabelChip name={label.name} color={label.color} />
              </label>
            </li>
          );
        })}
      </ul>
      <button type="button" className="secondary small" onClick={manager.open}>
        Manage labels
      </button>
    </fieldset>
  );
}
