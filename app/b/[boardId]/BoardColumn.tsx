"use client";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { memo, startTransition, useEffect, useState } from "react";
import { shallowEqual } from "react-redux";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { useRenderProbe } from "@/lib/client/render-probe";
import { selectColumn, selectColumnIds, selectItemIds, selectUnsaved } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { BoardItem } from "./BoardItem";
import { InlineTitle } from "./InlineTitle";

export const columnDropId = (columnId: string) => `column:${columnId}`;

const NO_ITEMS: string[] = [];
/** Items per column in the server's HTML and the hydration pass: more than a screenful. */
export const FIRST_ITEMS = 60;

/**
 * False on the server and while the page hydrates, true just after (as a transition: typing and
 * clicking go first). Until then a column renders its first items only, with an empty sortable
 * list: dnd-kit's useSortable costs O(items in the column) per item (it slices the list after
 * itself), so a 2,000-item column would cost O(n²) to render on the server and to hydrate. Nothing
 * can be dragged before hydration anyway.
 */
function useWhole(): boolean {
  const [whole, setWhole] = useState(false);
  useEffect(() => startTransition(() => setWhole(true)), []);
  return whole;
}

export const BoardColumn = memo(function BoardColumn({ columnId }: { columnId: string }) {
  const column = useAppSelector((state) => selectColumn(state, columnId));
  const itemIds = useAppSelector((state) => selectItemIds(state, columnId), shallowEqual);
  const columnIds = useAppSelector(selectColumnIds, shallowEqual);
  const unsaved = useAppSelector((state) => selectUnsaved(state, columnId));
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const [draft, setDraft] = useState("");
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(columnId), data: { columnId, isColumn: true } });
  const whole = useWhole();
  useRenderProbe("column", columnId);
  if (!column) return null;
  const { title } = column;
  const index = columnIds.indexOf(columnId);
  const headingId = `column-${columnId}`;

  const move = (by: -1 | 1) => {
    const ids = selectColumnIds(store.getState());
    const at = ids.indexOf(columnId);
    const others = ids.filter((id) => id !== columnId);
    const target = at + by; // the index among the others where this column lands
    dispatch(
      issue({ commandId: newCommandId(), type: "moveColumn", columnId, afterColumnId: others[target - 1] ?? null }),
    );
  };

  const remove = () => {
    const count = selectItemIds(store.getState(), columnId).length;
    const question = `Remove column “${title}” and its ${count} ${count === 1 ? "item" : "items"}?`;
    if (count > 0 && !window.confirm(question)) return;
    dispatch(issue({ commandId: newCommandId(), type: "removeColumn", columnId }));
  };

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    const itemTitle = draft.trim();
    if (!itemTitle) return;
    dispatch(issue({ commandId: newCommandId(), type: "addItem", itemId: newEntityId(), columnId, title: itemTitle }));
    setDraft("");
  };

  return (
    <section
      className={`column${isOver ? " over" : ""}${unsaved ? " unsaved" : ""}`}
      aria-labelledby={headingId}
      ref={setNodeRef}
    >
      <header className="column-header">
        <InlineTitle
          as="h2"
          id={headingId}
          title={title}
          renameLabel={`Rename column ${title}`}
          fieldLabel={`Title of column ${title}`}
          onRename={(next) =>
            dispatch(issue({ commandId: newCommandId(), type: "renameColumn", columnId, title: next }))
          }
        />
        <span className="column-tools">
          <button
            type="button"
            className="icon"
            aria-label={`Move column ${title} left`}
            title="Move left"
            disabled={index <= 0}
            onClick={() => move(-1)}
          >
            <span aria-hidden="true">←</span>
          </button>
          <button
            type="button"
            className="icon"
            aria-label={`Move column ${title} right`}
            title="Move right"
            disabled={index === columnIds.length - 1}
            onClick={() => move(1)}
          >
            <span aria-hidden="true">→</span>
          </button>
          <button
            type="button"
            className="icon danger"
            aria-label={`Remove column ${title}`}
            title="Remove column"
            onClick={remove}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </header>
      <SortableContext items={whole ? (itemIds as string[]) : NO_ITEMS} strategy={verticalListSortingStrategy}>
        <ul className="items" aria-label={`Items in ${title}`}>
          {(whole ? itemIds : itemIds.slice(0, FIRST_ITEMS)).map((itemId) => (
            <BoardItem key={itemId} itemId={itemId} />
          ))}
          {!whole && itemIds.length > FIRST_ITEMS ? (
            <li className="muted more">{(itemIds.length - FIRST_ITEMS).toLocaleString("en-US")} more items…</li>
          ) : null}
        </ul>
      </SortableContext>
      {itemIds.length === 0 ? <p className="muted empty">No items yet.</p> : null}
      <form className="add-item" onSubmit={add}>
        <input
          type="text"
          aria-label="New item"
          placeholder="New item"
          maxLength={200}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Add item</button>
      </form>
    </section>
  );
});
