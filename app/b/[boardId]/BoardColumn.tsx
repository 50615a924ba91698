"use client";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { Fragment, memo, startTransition, useContext, useEffect, useMemo, useState } from "react";
import { shallowEqual } from "react-redux";
import { ColumnLimitBadge } from "@/app/_components/ColumnLimitBadge";
import { AddForm, useLineField } from "@/app/_components/LineField";
import { editLost } from "@/lib/client/board-slice";
import { newCommandId, newEntityId } from "@/lib/client/ids";
import { useRenderProbe } from "@/lib/client/render-probe";
import { selectColumn, selectColumnIds, selectItemIds, selectUnsaved } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { TITLE_MAX } from "@/lib/domain";
import { BoardItem } from "./BoardItem";
import { ColumnLimitEditor } from "./ColumnLimit";
import { Dragging, useDropMarker } from "./drag-context";
import { useVisibleItems } from "./filter-context";
import { focusSoon, moveButtonId, NEW_COLUMN_FIELD_ID, newItemFieldId, removeColumnButtonId } from "./focus";
import { InlineTitle } from "./InlineTitle";

export const columnDropId = (columnId: string) => `column:${columnId}`;
/** The space under a column's last item and its New item field: dropping there puts an item last. */
export const columnEndId = (columnId: string) => `end:${columnId}`;

const NO_ITEMS: string[] = [];
/** Items per column in the server's HTML and the hydration pass: more than a screenful. */
export const FIRST_ITEMS = 60;

/**
 * False on the server and while the page hydrates, true just after (as a transition: typing and
 * clicking go first). Until then a column renders its first items only. The sortable list is
 * given its items only while a drag is under way: every item's useSortable reads the list (and
 * slices it after itself), so with the list always given, one item added to a column rendered
 * every item of it — O(n) per change, O(n²) to render a 2,000-item column. Between drags nothing
 * is sorted, and each item renders only when it changes.
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
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(columnId), data: { columnId, isColumn: true } });
  const end = useDroppable({ id: columnEndId(columnId), data: { columnId, isEnd: true } });
  const whole = useWhole();
  const dragging = useContext(Dragging);
  const visible = useVisibleItems();
  // What the filter keeps of this column (the whole column when nothing is filtered).
  const shownIds = useMemo(
    () => (visible === null ? itemIds : itemIds.filter((itemId) => visible.has(itemId))),
    [itemIds, visible],
  );
  // An item added here that the filter hides is said to be there, not left to look lost: until it
  // is shown (it is forgotten then, and one shown as it was added is forgotten at once).
  const [added, setAdded] = useState<{ itemId: string; title: string } | null>(null);
  const present = added !== null && itemIds.includes(added.itemId);
  const hidden = present && visible !== null && !visible.has(added.itemId);
  if (present && !hidden) setAdded(null);
  const field = useLineField({
    max: TITLE_MAX,
    what: "the title",
    hint: (value) => (hidden && value === "" ? `Added “${added.title}”; the filters hide it.` : undefined),
  });
  const marker = useDropMarker(columnId);
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
    // React moves the column's element, which drops the focus: the same button keeps it (or the
    // other arrow once the column reaches an end and this one is disabled).
    focusSoon(moveButtonId(columnId, by), moveButtonId(columnId, by === 1 ? -1 : 1));
  };

  const remove = () => {
    const count = selectItemIds(store.getState(), columnId).length;
    const question = `Remove column “${title}” and its ${count} ${count === 1 ? "item" : "items"}?`;
    if (count > 0 && !window.confirm(question)) return;
    const ids = selectColumnIds(store.getState());
    const neighbour = ids[ids.indexOf(columnId) + 1] ?? ids[ids.indexOf(columnId) - 1];
    dispatch(issue({ commandId: newCommandId(), type: "removeColumn", columnId }));
    // Focus goes to the next column's remove button (the previous one's at the end), else to New column.
    focusSoon(neighbour ? removeColumnButtonId(neighbour) : NEW_COLUMN_FIELD_ID);
  };

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    const itemTitle = field.take();
    if (itemTitle === undefined) return;
    const itemId = newEntityId();
    dispatch(issue({ commandId: newCommandId(), type: "addItem", itemId, columnId, title: itemTitle }));
    setAdded({ itemId, title: itemTitle });
    field.reset();
  };

  return (
    <section
      className={`column${isOver ? " over" : ""}${unsaved ? " unsaved" : ""}${column.limit !== null && itemIds.length > column.limit ? " over-limit" : ""}`}
      aria-labelledby={headingId}
      data-column-id={columnId}
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
          onEditLost={(draft) =>
            dispatch(
              editLost({
                message: `Column “${title}” was removed by someone else while you were renaming it; your text was not saved.`,
                draft,
              }),
            )
          }
        />
        <ColumnLimitBadge count={itemIds.length} limit={column.limit} />
        <span className="column-tools">
          <ColumnLimitEditor columnId={columnId} title={title} limit={column.limit} />
          <button
            type="button"
            id={moveButtonId(columnId, -1)}
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
            id={moveButtonId(columnId, 1)}
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
            id={removeColumnButtonId(columnId)}
            className="icon danger"
            aria-label={`Remove column ${title}`}
            title="Remove column"
            onClick={remove}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </header>
      <SortableContext
        items={whole && dragging ? (shownIds as string[]) : NO_ITEMS}
        strategy={verticalListSortingStrategy}
      >
        <ul className="items" aria-label={`Items in ${title}`}>
          {marker?.afterItemId === null ? <DropMark /> : null}
          {(whole ? shownIds : shownIds.slice(0, FIRST_ITEMS)).map((itemId) =>
            marker?.afterItemId === itemId ? (
              <Fragment key={itemId}>
                <BoardItem itemId={itemId} />
                <DropMark />
              </Fragment>
            ) : (
              <BoardItem key={itemId} itemId={itemId} />
            ),
          )}
          {!whole && shownIds.length > FIRST_ITEMS ? (
            <li className="muted more">{(shownIds.length - FIRST_ITEMS).toLocaleString("en-US")} more items…</li>
          ) : null}
        </ul>
      </SortableContext>
      <div ref={end.setNodeRef} className={`column-end${end.isOver ? " over" : ""}`}>
        {itemIds.length === 0 ? <p className="muted empty">No items yet.</p> : null}
        {itemIds.length > 0 && shownIds.length === 0 ? <p className="muted empty">No matching items.</p> : null}
        <AddForm
          className="add-item"
          fieldId={newItemFieldId(columnId)}
          label="New item"
          button="Add item"
          field={field}
          onSubmit={add}
        />
      </div>
    </section>
  );
});

/** Where a dragged item would land in this column (another than its own). */
function DropMark() {
  return <li className="drop-mark" aria-hidden="true" />;
}
