import { describe, expect, it } from "vitest";
import { type ConnectionEnvironment, followBoard } from "@/lib/client/follow-board";
import type { EventSourceLike } from "@/lib/client/live-stream";
import { connectSharedBoard } from "@/lib/client/shared-connection";
import { type BoardState, emptyBoard, fold, type StoredEvent } from "@/lib/domain";

function event(version: number): StoredEvent {
  return {
    version,
    type: version === 1 ? "BoardCreated" : "BoardRenamed",
    data: { title: `v${version}` },
    commandId: `c${version}`,
    actor: { id: "a", name: "A" },
    at: "2026-01-01T00:00:00.000Z",
  } as StoredEvent;
}

/** A board of `head` events behind a fake server: its log answers, its streams are driven by the test. */
function server(head: number) {
  const log = Array.from({ length: head }, (_, index) => event(index + 1));
  const requests: string[] = [];
  const sources: Array<FakeSource> = [];
  const environment: ConnectionEnvironment = {
    base: "http://server",
    fetch: async (url) => {
      requests.push(url.replace("http://server", ""));
      const { pathname, searchParams } = new URL(url);
      if (!pathname.endsWith("/log")) return new Response("{}", { status: 404 });
      const after = Number(searchParams.get("after"));
      return Response.json({ events: log.filter((e) => e.version > after), version: log.length });
    },
    eventSource: (url) => {
      const source = new FakeSource(url.replace("http://server", ""));
      sources.push(source);
      return source;
    },
    online: () => true,
    watchNetwork: () => () => {},
    schedule: (task, ms) => setTimeout(task, ms),
    cancel: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  };
  return { log, requests, sources, environment };
}

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
  send(...events: StoredEvent[]) {
    for (const e of events) this.onmessage?.({ data: JSON.stringify(e) });
  }
  say(type: "ready" | "reset", version: number) {
    this.listeners.get(type)?.({ data: JSON.stringify({ version }) });
  }
}

const batched = () => new Promise((resolve) => setTimeout(resolve, 40));

describe("the board's one client connection", () => {
  it("opens the stream after the page's version, and reads a version the page lacks from the log at once", async () => {
    const { sources, requests, environment, log } = server(5);
    let board = { version: 2, state: fold(emptyBoard, log.slice(0, 2)) };
    const connection = followBoard({
      path: "/api/share/token",
      environment,
      follower: {
        position: () => board.version,
        received: (events) => {
          for (const e of events)
            if (e.version === board.version + 1) board = { version: e.version, state: fold(board.state, [e]) };
        },
        reloaded: () => {},
        ready: () => {},
        status: () => {},
      },
    });
    expect(sources[0].url).toBe("/api/share/token/events?after=2");
    sources[0].send(event(4), event(5)); // 3 is missing
    await batched();
    expect(requests).toEqual(["/api/share/token/log?after=2&limit=5000"]);
    expect(board.version).toBe(5);
    connection.stop();
  });

  it("reads the whole board from its log again after a reset", async () => {
    const { sources, requests, environment } = server(3);
    const reloads: Array<[number, BoardState]> = [];
    const connection = followBoard({
      path: "/api/boards/b",
      environment,
      follower: {
        position: () => 9,
        received: () => {},
        reloaded: (version, state) => reloads.push([version, state]),
        ready: () => {},
        status: () => {},
      },
    });
    sources[0].say("reset", 3);
    await batched();
    expect(requests).toEqual(["/api/boards/b/log?after=0&limit=5000"]);
    expect(reloads.map(([version, state]) => [version, state.title])).toEqual([[3, "v3"]]);
    connection.stop();
  });

  it("serves the read-only page the same way: a gap read from the shared log, folded in order", async () => {
    const { sources, requests, environment, log } = server(4);
    const titles: string[] = [];
    const statuses: string[] = [];
    const stop = connectSharedBoard(
      "token",
      { version: 1, state: fold(emptyBoard, log.slice(0, 1)) },
      { changed: (state) => titles.push(state.title), status: (status) => statuses.push(status) },
      environment,
    );
    sources[0].send(event(3), event(4));
    await batched();
    expect(requests).toEqual(["/api/share/token/log?after=1&limit=5000"]);
    expect(titles.at(-1)).toBe("v4");
    sources[0].say("ready", 4);
    expect(statuses.at(-1)).toBe("live");
    stop();
  });

  it("says a replaced link is gone and stops trying", async () => {
    const { sources, environment } = server(1);
    const statuses: string[] = [];
    connectSharedBoard(
      "token",
      { version: 1, state: emptyBoard },
      { changed: () => {}, status: (status) => statuses.push(status) },
      environment,
    );
    sources[0].readyState = 2; // EventSource gave up after an HTTP error
    sources[0].onerror?.(new Error("404"));
    await batched();
    expect(statuses.at(-1)).toBe("gone");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sources).toHaveLength(1);
  });
});
