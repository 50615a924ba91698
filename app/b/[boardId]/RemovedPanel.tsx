"use client";
// What was removed, most recent first, and a way back: restoring an item or a column brings it
// back whole (details, checklist, comments; a column with its items).
import { newCommandId } from "@/lib/client/ids";
import { selectColumnIds, selectRemoved } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { Modal } from "./Modal";

export function RemovedPanel({ onClose }: { onClose(): void }) {
  const removed = useAppSelector(selectRemoved);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  return (
    <Modal title="Removed" onClose={onClose} className="removed-panel">
      {removed.length === 0 ? <p className="muted">Nothing has been removed from this board.</p> : null}
      <ul className="removed-list">
        {removed.map(({ id, removal }) => {
          const title = removal.kind === "item" ? removal.item.title : removal.column.title;
          const restore = () => {
            if (removal.kind === "column") {
              dispatch(issue({ commandId: newCommandId(), type: "restoreColumn", columnId: id }));
              return;
            }
            // Back where it was; if its column is gone too, into the first column (and the item says so).
            const columns = selectColumnIds(store.getState());
            const home = columns.includes(removal.item.columnId) ? undefined : columns[0];
            dispatch(
              issue({
                commandId: newCommandId(),
                type: "restoreItem",
                itemId: id,
                ...(home ? { columnId: home } : {}),
              }),
            );
          };
          return (
            <li key={id}>
              <span className="muted">{removal.kind === "item" ? "Item" : "Column"}</span> <strong>{title}</strong>
              {removal.kind === "column" && removal.items.length > 0 ? (
                <span className="muted">
                  {" "}
                  with {removal.items.length} {removal.items.length === 1 ? "item" : "items"}
                </span>
              ) : null}{" "}
              <button type="button" className="secondary small" onClick={restore}>
                Restore {title}
              </button>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
