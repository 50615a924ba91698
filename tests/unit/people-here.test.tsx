// @vitest-environment happy-dom
// The board page's side of presence: the one connection hands `event: presence` to the store,
// `People here` shows it, and saving a new name reopens the stream once (README, "Presence").
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { Provider } from "react-redux";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PeopleHere, PRESENCE_STALE_MS } from "@/app/b/[boardId]/PeopleHere";
import { connectionChanged, nameSaved } from "@/lib/client/board-slice";
import { type ConnectionEnvironment, connectBoard } from "@/lib/client/connection";
import type { EventSourceLike } from "@/lib/client/live-stream";
import { memoryOutbox, RetryLater } from "@/lib/client/outbox";
import { makeStore } from "@/lib/client/store";
import { emptyBoard } from "@/lib/domain";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

class FakeSource implements EventSourceLike {
  readyState = 1;
  onmessage: ((message: { data: string }) => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;
  private readonly listeners = new Map<string, (message: { data: string }) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.readyState = 2;
  }
  say(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: typeof data === "string" ? data : JSON.stringify(data) });
  }
}

const me = { id: "ann-pseudonym", name: "Ann" };

function page() {
  const sources: FakeSource[] = [];
  const environment: ConnectionEnvironment = {
    base: "",
    fetch: async () => Response.json({ events: [], version: 1 }),
    eventSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    online: () => true,
    watchNetwork: () => () => {},
    schedule: (task, ms) => setTimeout(task, ms),
    cancel: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  };
  const offline = async () => {
    throw new RetryLater("offline");
  };
  const store = makeStore({
    boardId: "presence-board-0000000",
    version: 1,
    state: emptyBoard,
    me,
    device: { storage: memoryOutbox(), transport: { sendOne: offline, sendBatch: offline } },
  });
  const stop = connectBoard(store, environment);
  return { store, sources, stop };
}

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

function render(store: ReturnType<typeof page>["store"]) {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <Provider store={store}>
        <PeopleHere />
      </Provider>,
    ),
  );
  return container;
}

const items = (container: HTMLElement) =>
  [...container.querySelectorAll('[role="list"] li')].map((item) => item.textContent);

describe("People here", () => {
  it("lists who the stream says is here, marks this device's person, and counts viewers in words", () => {
    const { store, sources, stop } = page();
    const container = render(store);
    expect(container.querySelector('[role="list"]')).toBeNull(); // nothing known before the stream says
    act(() =>
      sources[0].say("presence", {
        people: [me, { id: "bob-pseudonym", name: "Bob" }],
        viewers: 2,
      }),
    );
    const list = container.querySelector('[role="list"]') as HTMLElement;
    const label = document.getElementById(list.getAttribute("aria-labelledby") as string);
    expect(label?.textContent).toBe("People here");
    expect(items(container)).toEqual(["Ann (you)", "Bob"]);
    expect(container.textContent).toContain("and two viewing read-only");
    // Each person's colour comes from their id: two people, two colours.
    const swatches = [...container.querySelectorAll<HTMLElement>(".person-swatch")];
    expect(swatches.map((swatch) => swatch.getAttribute("aria-hidden"))).toEqual(["true", "true"]);
    expect(new Set(swatches.map((swatch) => swatch.style.getPropertyValue("--person-light"))).size).toBe(2);

    act(() => sources[0].say("presence", { people: [me], viewers: 0 }));
    expect(items(container)).toEqual(["Ann (you)"]);
    expect(container.textContent).not.toContain("viewing read-only");
    stop();
  });

  it("numbers people of one name, in the list's order, so that each has a name of their own", () => {
    const { store, sources, stop } = page();
    const container = render(store);
    act(() =>
      sources[0].say("presence", {
        people: [
          { id: "first-pseudonym-01", name: "Anonymous" },
          me,
          { id: "second-pseudonym-1", name: "Anonymous" },
          { id: "third-pseudonym-01", name: "Anonymous 2" },
        ],
        viewers: 0,
      }),
    );
    // "Anonymous 2" is someone's own name: the second nameless person is "Anonymous 3".
    expect(items(container)).toEqual(["Anonymous", "Ann (you)", "Anonymous 3", "Anonymous 2"]);
    stop();
  });

  it("forgets who is here when the page goes offline", () => {
    const { store, sources, stop } = page();
    const container = render(store);
    act(() => sources[0].say("presence", { people: [me], viewers: 0 }));
    expect(items(container)).toEqual(["Ann (you)"]);
    act(() => {
      store.dispatch(connectionChanged("offline"));
    });
    expect(container.querySelector('[role="list"]')).toBeNull();
    stop();
  });

  it("hides the list once the stream has been away a while (a server that stopped), not at a quick reconnect", () => {
    vi.useFakeTimers();
    try {
      const { store, sources, stop } = page();
      const container = render(store);
      act(() => {
        store.dispatch(connectionChanged("live"));
        sources[0].say("presence", { people: [me], viewers: 0 });
      });
      act(() => {
        store.dispatch(connectionChanged("connecting"));
      });
      act(() => vi.advanceTimersByTime(PRESENCE_STALE_MS - 1000));
      expect(items(container)).toEqual(["Ann (you)"]); // a stream ended on purpose is back by now
      act(() => {
        store.dispatch(connectionChanged("live"));
      });
      act(() => vi.advanceTimersByTime(PRESENCE_STALE_MS));
      expect(items(container)).toEqual(["Ann (you)"]);
      act(() => {
        store.dispatch(connectionChanged("connecting"));
      });
      act(() => vi.advanceTimersByTime(PRESENCE_STALE_MS));
      expect(container.querySelector('[role="list"]')).toBeNull();
      act(() => {
        store.dispatch(connectionChanged("live"));
        sources.at(-1)?.say("presence", { people: [me], viewers: 0 });
      });
      expect(items(container)).toEqual(["Ann (you)"]);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores a presence frame it cannot read", () => {
    const { store, sources, stop } = page();
    sources[0].say("presence", "not json");
    sources[0].say("presence", { people: "everyone" });
    expect(store.getState().presence.people).toBeNull();
    stop();
  });

  it("reopens the stream once when the person saves a new name, so that others see it", () => {
    const { store, sources, stop } = page();
    expect(sources).toHaveLength(1);
    store.dispatch(nameSaved("Annie"));
    expect(sources).toHaveLength(2);
    expect(sources[0].readyState).toBe(2);
    store.dispatch(nameSaved("Annie")); // the same name again: nothing to tell
    store.dispatch(connectionChanged("live"));
    expect(sources).toHaveLength(2);
    stop();
  });
});
