"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo } from "react";
import { shallowEqual } from "react-redux";
import { ItemBadges } from "@/app/_components/ItemBadges";
import { useToday } from "@/app/_components/today";
import { editLost } from "@/lib/client/board-slice";
import { newCommandId } from "@/lib/client/ids";
import { useRenderProbe } from "@/lib/client/render-probe";
import {
  selectItem,
  selectItemAssigneeNames,
  selectItemIds,
  selectItemLabels,
  selectUnsaved,
} from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { focusSoon, handleId, newItemFieldId, removeItemButtonId } from "./focus";
import { InlineTitle } from "./InlineTitle";
import { useOpenItem } from "./item/open-item";

const NONE: readonly string[] = [];

/** One item: reads only its own record, so a change elsewhere does not render it again. */
export const BoardItem = memo(function BoardItem({ itemId }: { itemId: string }) {
  const item = useAppSelector((state) => selectItem(state, itemId));
  const unsaved = useAppSelector((state) => selectUnsaved(state, itemId));
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const labels = useAppSelector((state) => selectItemLabels(state, item?.labels ?? NONE), shallowEqual);
  const assigneeNames = useAppSelector(
    (state) => selectItemAssigneeNames(state, item?.assignees ?? NONE),
    shallowEqual,
  );
  const today = useToday();
  const items = useOpenItem();
  useRenderProbe("item", itemId);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: itemId,
    data: { columnId: item?.columnId },
  });
  if (!item) return null;
  const { title, completed } = item;

  return (
    <li
      ref={setNodeRef}
      data-item-id={itemId}
      className={`item${completed ? " completed" : ""}${unsaved ? " unsaved" : ""}${isDragging ? " dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <div className="item-row">
        <button
          ref={setActivatorNodeRef}
          type="button"
          id={handleId(itemId)}
          className="handle icon"
          {...attributes}
          {...listeners}
          aria-label={`Move ${title}`}
          title="Drag, or press Space then the arrow keys"
        >
          <span aria-hidden="true">⠿</span>
        </button>
        {/* The label is the checkbox's touch target: 44 px on a touch screen, around a box of normal size. */}
        <label className="check-target">
          <input
            type="checkbox"
            checked={completed}
            aria-label={`Complete ${title}`}
            onChange={(event) =>
              dispatch(
                issue({
                  commandId: newCommandId(),
                  type: event.target.checked ? "completeItem" : "reopenItem",
                  itemId,
                }),
              )
            }
          />
        </label>
        <InlineTitle
          title={title}
          className="title"
          renameLabel={`Rename ${title}`}
          fieldLabel={`Title of ${title}`}
          onRename={(next) => dispatch(issue({ commandId: newCommandId(), type: "renameItem", itemId, title: next }))}
          onEditLost={(draft) => {
            // Still on the board: it moved to another column under the person (the field re-mounts there).
            const moved = selectItem(store.getState(), itemId) !== undefined;
            const message = moved
              ? `Item “${title}” was moved by someone else while you were renaming it; your text was not saved.`
              : `Item “${title}” was removed by someone else while you were renaming it; your text was not saved.`;
            dispatch(editLost({ message, draft }));
          }}
        />
        {unsaved ? <span className="badge">saving</span> : null}
        <button
          type="button"
          className="icon"
          aria-label={`Open ${title}`}
          title="Open: description, due date, labels, people, checklist, comments"
          onClick={() => items.open(itemId)}
        >
          <span aria-hidden="true">⤢</span>
        </button>
        <button
          type="button"
          className="icon danger"
          aria-label={`Remove ${title}`}
          title={`Remove ${title}`}
          id={removeItemButtonId(itemId)}
          onClick={() => {
            const ids = selectItemIds(store.getState(), item.columnId);
            const neighbour = ids[ids.indexOf(itemId) + 1] ?? ids[ids.indexOf(itemId) - 1];
            dispatch(issue({ commandId: newCommandId(), type: "removeItem", itemId }));
            // The next item's remove button (the previous one's at the end), else the column's New item.
            focusSoon(neighbour ? removeItemButtonId(neighbour) : newItemFieldId(item.columnId));
          }}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <ItemBadges
        item={item}
        names={{
          labels,
          assignees: item.assignees.map((memberId, index) => ({ memberId, name: assigneeNames[index] ?? "Someone" })),
          today,
        }}
      />
    </li>
  );
});
