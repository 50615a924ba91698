"use client";
// The due date: a native date field (keyboard and screen readers know it), saved on change.
import { useId } from "react";
import { dueDate } from "@/app/_components/due";
import { newCommandId } from "@/lib/client/ids";
import { issue, useAppDispatch } from "@/lib/client/store";
import type { ItemState } from "@/lib/domain";

export function DueField({ item }: { item: ItemState }) {
  const dispatch = useAppDispatch();
  const id = useId();
  const set = (due: string | null) => {
    if (due === item.due) return;
    dispatch(issue({ commandId: newCommandId(), type: "setItemDue", itemId: item.itemId, due }));
  };
  return (
    <section className="item-part due-part">
      <h3>
        <label htmlFor={id}>Due date</label>
      </h3>
      <input
        id={id}
        type="date"
        value={item.due ?? ""}
        onChange={(event) => set(event.target.value === "" ? null : event.target.value)}
      />
      {item.due ? (
        <button type="button" className="secondary small" onClick={() => set(null)}>
          Clear due date
        </button>
      ) : null}
      {item.due ? <span className="muted">{dueDate(item.due)}</span> : null}
    </section>
  );
}
