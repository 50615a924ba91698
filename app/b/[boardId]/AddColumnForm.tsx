"use client";
// `New column` / `Add column`: a column at the end of the board, brought into view.
import { AddForm, useLineField } from "@/app/_components/LineField";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { issue, useAppDispatch } from "@/lib/client/store";
import { TITLE_MAX } from "@/lib/domain";
import { NEW_COLUMN_FIELD_ID } from "./focus";

export function AddColumnForm() {
  const dispatch = useAppDispatch();
  const field = useLineField({ max: TITLE_MAX, what: "the title" });
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    const title = field.take();
    if (title === undefined) return;
    const columnId = newEntityId();
    dispatch(issue({ commandId: newCommandId(), type: "addColumn", columnId, title }));
    field.reset();
    revealColumn(columnId);
  };
  return (
    <AddForm
      className="add-column"
      fieldId={NEW_COLUMN_FIELD_ID}
      label="New column"
      button="Add column"
      field={field}
      onSubmit={add}
    />
  );
}

/** A new column is added at the end of the board, maybe off-screen: bring it into view. */
function revealColumn(columnId: string) {
  requestAnimationFrame(() =>
    document
      .getElementById(`column-${columnId}`)
      ?.closest("section")
      ?.scrollIntoView({ behavior: "smooth", inline: "nearest", block: "nearest" }),
  );
}
