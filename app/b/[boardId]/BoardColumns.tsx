"use client";
// The columns side by side, and moving items between them by pointer or keyboard (dnd-kit: Space
// picks an item up, arrow keys move it, Space drops it, Escape cancels).
import {
  type Active,
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardCode,
  KeyboardSensor,
  type Over,
  PointerSensor,
  useDndMonitor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { memo, useState } from "react";
import { shallowEqual } from "react-redux";
import { newCommandId } from "@/lib/client/ids";
import { selectColumn, selectColumnIds, selectItem, selectItemIds } from "@/lib/client/selectors";
import { issue, type RootState, useAppDispatch, useAppSelector, useAppStore } from "@/lib/client/store";
import { BoardColumn } from "./BoardColumn";
import { Dragging, DropMarker, type Placement } from "./drag-context";

interface DropTarget {
  readonly id: string | number;
  readonly data: { current?: Record<string, unknown> };
}

/**
 * Where dropping `itemId` on `over` puts it. On an item of another column it goes before that item,
 * or after it when dropped on its lower half (`below`); on a column's end (the space under its
 * last item, its New item field) or its background, last.
 */
export function placement(state: RootState, itemId: string, over: DropTarget, below = false): Placement | undefined {
  const item = selectItem(state, itemId);
  const columnId = over.data.current?.columnId;
  if (!item || typeof columnId !== "string") return undefined;
  const target = selectItemIds(state, columnId);
  const others = target.filter((id) => id !== itemId);
  if (over.data.current?.isColumn || over.data.current?.isEnd) {
    // Its own column's background is no move, nor its own column's end when it is last already.
    if (item.columnId === columnId && (over.data.current?.isColumn || target.at(-1) === itemId)) return undefined;
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
  return { columnId, afterItemId: below ? overId : (target[at - 1] ?? null) };
}

/** Whether the dragged item's middle is past the middle of what it is over. */
function isBelow(active: Active, over: Over): boolean {
  const dragged = active.rect.current.translated;
  if (!dragged) return false;
  return dragged.top + dragged.height / 2 > over.rect.top + over.rect.height / 2;
}

// Memoised: the board screen renders again at every item change (its filter reads them all), and
// a render of DndContext gives every column and item a new drag context: 2,000 items rendered twice
// per tick of a checkbox.
export const BoardColumns = memo(function BoardColumns() {
  const columnIds = useAppSelector(selectColumnIds, shallowEqual);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const [dragging, setDragging] = useState<string | null>(null);
  const [marker, setMarker] = useState<Placement | null>(null);
  // dnd-kit's own live region has role="status", and the page has exactly one status (the
  // connection): its region goes into a hidden container and DragAnnouncer speaks instead.
  const [hiddenRegion, setHiddenRegion] = useState<HTMLElement | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      // Tab leaves the item where it was (and says so) instead of dropping it wherever it is over.
      keyboardCodes: {
        start: [KeyboardCode.Space, KeyboardCode.Enter],
        cancel: [KeyboardCode.Esc, KeyboardCode.Tab],
        end: [KeyboardCode.Space, KeyboardCode.Enter],
      },
    }),
  );

  const titleOf = (id: string | number) => {
    const state = store.getState();
    const key = String(id);
    const found = selectItem(state, key)?.title ?? selectColumn(state, key.replace(/^(column|end):/, ""))?.title;
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
    setMarker(null);
    if (!over) return;
    const itemId = String(active.id);
    const where = placement(store.getState(), itemId, over, isBelow(active, over));
    if (where) dispatch(issue({ commandId: newCommandId(), type: "moveItem", itemId, ...where }));
  };

  // Follows the drag with the insertion mark (a state change only when the mark moves).
  const onDragMove = ({ active, over }: DragMoveEvent) => {
    const itemId = String(active.id);
    const where = over ? placement(store.getState(), itemId, over, isBelow(active, over)) : undefined;
    const next = where && where.columnId !== selectItem(store.getState(), itemId)?.columnId ? where : null;
    setMarker((current) =>
      current?.columnId === next?.columnId && current?.afterItemId === next?.afterItemId ? current : next,
    );
  };

  if (columnIds.length === 0) {
    return <p className="muted empty-board">This board has no columns yet. Add one to start planning.</p>;
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={({ active }: DragStartEvent) => setDragging(String(active.id))}
      onDragMove={onDragMove}
      onDragOver={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragging(null);
        setMarker(null);
      }}
      accessibility={{
        container: hiddenRegion ?? undefined,
        // DragAnnouncer says it in words; dnd-kit's own region would hold its ids.
        announcements: SAID_ELSEWHERE,
        screenReaderInstructions: {
          draggable:
            "To move this item, press Space, then the arrow keys; press Space again to drop it, or Escape to cancel.",
        },
      }}
    >
      <Dragging.Provider value={dragging !== null}>
        <DropMarker.Provider value={marker}>
          <div className="board">
            {columnIds.map((columnId) => (
              <BoardColumn key={columnId} columnId={columnId} />
            ))}
          </div>
        </DropMarker.Provider>
      </Dragging.Provider>
      <DragOverlay>{dragging ? <DraggedItem itemId={dragging} /> : null}</DragOverlay>
      <DragAnnouncer announcements={announcements} />
      <div ref={setHiddenRegion} aria-hidden="true" className="visually-hidden" />
    </DndContext>
  );
});

const SAID_ELSEWHERE: Announcements = {
  onDragStart: () => undefined,
  onDragOver: () => undefined,
  onDragEnd: () => undefined,
  onDragCancel: () => undefined,
};

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
