// @vitest-environment happy-dom
// A big board stays usable: a burst of remote events renders the items it changes, not the board.
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { Provider } from "react-redux";
import { afterEach, describe, expect, it } from "vitest";
import { FIRST_ITEMS } from "@/app/b/[boardId]/BoardColumn";
import { BoardColumns } from "@/app/b/[boardId]/BoardColumns";
import { eventsReceived } from "@/lib/client/board-slice";
import { memoryOutbox, RetryLater } from "@/lib/client/outbox";
import { RenderProbe } from "@/lib/client/render-probe";
import { makeStore, useAppSelector } from "@/lib/client/store";
import { type DomainEvent, emptyBoard, fold, type StoredEvent } from "@/lib/domain";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const COLUMNS = 4;
const ITEMS = 2000;
const columnId = (c: number) => `column-${String(c).padStart(16, "0")}`;
const itemId = (i: number) => `item-${String(i).padStart(18, "0")}`;

function bigBoard() {
  const events: DomainEvent[] = [{ type: "BoardCreated", data: { title: "Big" } }];
  for (let c = 0; c < COLUMNS; c++) {
    events.push({ type: "ColumnAdded", data: { columnId: columnId(c), title: `Column ${c}`, position: `a${c}` } });
  }
  for (let i = 0; i < ITEMS; i++) {
    const position = `a${String(i).padStart(5, "0")}`;
    events.push({
      type: "ItemAdded",
      data: { itemId: itemId(i), columnId: columnId(i % COLUMNS), title: `Item ${i}`, position },
    });
  }
  return { version: events.length, state: fold(emptyBoard, events) };
}

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

function bigStore() {
  const { version, state } = bigBoard();
  return makeStore({
    boardId: "board-render-000000000",
    version,
    state,
    device: {
      storage: memoryOutbox(),
      transport: {
        sendOne: async () => {
          throw new RetryLater("offline");
        },
        sendBatch: async () => {
          throw new RetryLater("offline");
        },
      },
    },
  });
}

/**
 * The columns inside a parent that, like the board screen (its filter reads every item), renders
 * again at every change: that must not reach the columns (it once rendered all 2,000 items twice
 * per tick of a checkbox, half a second each on a real board).
 */
function LikeTheScreen() {
  useAppSelector((state) => state.board.view.items);
  return <BoardColumns />;
}

function renderBoard() {
  const store = bigStore();
  const version = store.getState().board.version;
  const renders = { item: new Map<string, number>(), column: new Map<string, number>() };
  const probe = (component: "item" | "column", id: string) =>
    renders[component].set(id, (renders[component].get(id) ?? 0) + 1);
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <Provider store={store}>
        <RenderProbe.Provider value={probe}>
          <LikeTheScreen />
        </RenderProbe.Provider>
      </Provider>,
    ),
  );
  const reset = () => {
    renders.item.clear();
    renders.column.clear();
  };
  let next = version;
  const remote = (events: DomainEvent[]): StoredEvent[] =>
    events.map((event) => ({
      version: ++next,
      ...event,
      commandId: crypto.randomUUID(),
      actor: { id: "other", name: "Other" },
      at: "2026-11-22T10:00:00.000Z",
    })) as StoredEvent[];
  return { store, renders, reset, remote, container };
}

describe("a board of 2,000 items", () => {
  it("is rendered on the server with each column's first items, and how many more follow", () => {
    const html = renderToString(
      <Provider store={bigStore()}>
        <BoardColumns />
      </Provider>,
    );
    const page = document.createElement("div");
    page.innerHTML = html;
    expect(page.querySelectorAll("li.item")).toHaveLength(COLUMNS * FIRST_ITEMS);
    const more = [...page.querySelectorAll("li.more")].map((li) => li.textContent);
    expect(more).toEqual(Array(COLUMNS).fill(`${ITEMS / COLUMNS - FIRST_ITEMS} more items…`));
  });

  it("renders every item once at first", () => {
    const { renders, container } = renderBoard();
    expect(renders.item.size).toBe(ITEMS);
    expect(container.querySelectorAll("li")).toHaveLength(ITEMS);
  });

  it("renders only the items a burst of 500 remote events changes", () => {
    const { store, renders, reset, remote, container } = renderBoard();
    reset();
    // 500 events on 100 items: renames and completions, as another person's burst would bring.
    const burst: DomainEvent[] = [];
    for (let n = 0; n < 500; n++) {
      const target = itemId((n % 100) * 7);
      burst.push(
        n % 2 === 0
          ? { type: "ItemTitleUpdated", data: { itemId: target, newTitle: `Renamed ${n}` } }
          : { type: "ItemCompleted", data: { itemId: target } },
      );
    }
    act(() => {
      store.dispatch(eventsReceived(remote(burst)));
    });
    expect(renders.item.size).toBe(100);
    expect(Math.max(...renders.item.values())).toBe(1);
    expect(renders.column.size).toBe(0);
    expect(container.textContent).toContain("Renamed 498");
  });

  it("renders one item, one time, per remote change to it when events come one by one", () => {
    const { store, renders, reset, remote } = renderBoard();
    reset();
    act(() => {
      for (let n = 0; n < 50; n++) {
        store.dispatch(
          eventsReceived(
            remote([{ type: "ItemTitleUpdated", data: { itemId: itemId(n), newTitle: `One by one ${n}` } }]),
          ),
        );
      }
    });
    expect(renders.item.size).toBe(50);
    expect(renders.column.size).toBe(0);
  });

  it("renders a column and the one new item when an item is added, not the column's other items", () => {
    const { store, renders, reset, remote } = renderBoard();
    reset();
    act(() => {
      store.dispatch(
        eventsReceived(
          remote([
            {
              type: "ItemAdded",
              data: { itemId: itemId(ITEMS), columnId: columnId(0), title: "New", position: "a99999" },
            },
          ]),
        ),
      );
    });
    expect([...renders.column.keys()]).toEqual([columnId(0)]);
    // Between drags the sortable list is not given its items, so no other item of the column renders
    // (it did once: every item read the list, and adding one item cost the whole column).
    expect([...renders.item.keys()]).toEqual([itemId(ITEMS)]);
  });
});
