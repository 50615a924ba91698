"use client";
// The columns side by side, and moving items between them by pointer or keyboard (dnd-kit: Space
// picks an item up, arrow keys move it, Space drops it, Escape cancels).
import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDndMonitor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useState } from "react";
import { shallowEqual } from "react-redux";
import { newCommandId } from "@/lib/client/ids";
import { selectColumn, selectColumnIds, selectItem, selectItemIds } from "@/lib/client/selectors";
import { issue, type RootState, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { BoardColumn } from "./BoardColumn";

interface DropTarget {
  readonly id: string | number;
  readonly data: { current?: Record<string, unknown> };
}

/** Where dropping `itemId` on `over` puts it: a column and the item it goes after (null = top). */
export function placement(state: RootState, itemId: string, over: DropTarget) {
  const item = selectItem(state, itemId);
  const columnId = over.data.current?.columnId;
  if (!item || typeof columnId !== "string") return undefined;
  const target = selectItemIds(state, columnId);
  if (over.data.current?.isColumn) {
    const others = target.filter((id) => id !== itemId);
    if (item.columnId === columnId) return undefined; // dropped on its own column's background
    return { columnId, afterItemId: others.at(-1) ?? null };
  }
  const overId = String(over.id);
  if (overId === itemId) return undefined;
  if (item.columnId === columnId) {
    const moved = arrayMove([...target], target.indexOf(itemId), target.indexOf(overId));
    const at = moved.indexOf(itemId);
    return { columnId, afterItemId: moved[at - 1] ?? null };
  }
  const at = target.indexOf(overId);
  return { columnId, afterItemId: target[at - 1] ?? null };
}

export function BoardColumns() {
  const columnIds = useAppSelector(selectColumnIds, shallowEqual);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const [dragging, setDragging] = useState<string | null>(null);
  // dnd-kit's own live region has role="status", and the page has exactly one status (the
  // connection): its region goes into a hidden container and DragAnnouncer speaks instead.
  const [hiddenRegion, setHiddenRegion] = useState<HTMLElement | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const titleOf = (id: string | number) => {
    const state = store.getState();
    const key = String(id);
    const found = selectItem(state, key)?.title ?? selectColumn(state, key.replace(/^column:/, ""))?.title;
    return found ? `“${found}”` : "the list";
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}. Use the arrow keys to move it, Space to drop it.`,
    onDragOver: ({ active, over }) =>
      over && over.id !== active.id ? `${titleOf(active.id)} is over ${titleOf(over.id)}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${titleOf(active.id)} at ${titleOf(over.id)}.` : `Put ${titleOf(active.id)} back.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled; it is back where it was.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    const itemId = String(active.id);
    const where = placement(store.getState(), itemId, over);
    if (where) dispatch(issue({ commandId: newCommandId(), type: "moveItem", itemId, ...where }));
  };

  if (columnIds.length === 0) {
    return <p className="muted empty-board">This board has no columns yet. Add one to start planning.</p>;
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={({ active }: DragStartEvent) => setDragging(String(active.id))}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{
        container: hiddenRegion ?? undefined,
        screenReaderInstructions: {
          draggable:
            "To move this item, press Space, then the arrow keys; press Space again to drop it, or Escape to cancel.",
        },
      }}
    >
      <div className="board">
        {columnIds.map((columnId) => (
          <BoardColumn key={columnId} columnId={columnId} />
        ))}
      </div>
      <DragOverlay>{dragging ? <DraggedItem itemId={dragging} /> : null}</DragOverlay>
      <DragAnnouncer announcements={announcements} />
      <div ref={setHiddenRegion} aria-hidden="true" className="visually-hidden" />
    </DndContext>
  );
}

/** Says what a drag is doing, in an assertive live region that is not a second `status`. */
function DragAnnouncer({ announcements }: { announcements: Announcements }) {
  const [message, setMessage] = useState("");
  const say = (text: string | undefined) => {
    if (text) setMessage(text);
  };
  useDndMonitor({
    onDragStart: (event) => say(announcements.onDragStart(event)),
    onDragOver: (event) => say(announcements.onDragOver(event)),
    onDragEnd: (event) => say(announcements.onDragEnd(event)),
    onDragCancel: (event) => say(announcements.onDragCancel(event)),
  });
  return (
    <div aria-live="assertive" aria-atomic="true" className="visually-hidden">
      {message}
    </div>
  );
}

function DraggedItem({ itemId }: { itemId: string }) {
  const title = useAppSelector((state) => selectItem(state, itemId)?.title);
  return <div className="item overlay">{title}</div>;
}
