import { describe, expect, it, vi } from "vitest";
import { eventJson } from "@/db/event-encoding";
import type { StoredEvent } from "@/lib/domain";
import { BoardStream, type CatchUpSource, type LiveLayer, streamBody } from "@/lib/server/live/board-stream";
import { CatchUp } from "@/lib/server/live/catch-up";
import type { LiveSink } from "@/lib/server/live/sink";
import { events, settle } from "./fakes";

/** A board of `head` events, served a page of `pageSize` at a time; the live layer is a set of sinks. */
function world(head: number, pageSize = 2) {
  const log = events(...Array.from({ length: head }, (_, index) => index + 1));
  const page = (after: number) =>
    new CatchUp(
      head,
      log
        .filter((e) => e.version > after)
        .slice(0, pageSize)
        .map((e) => ({ version: e.version, json: eventJson(e) })),
    );
  const attached = new Set<LiveSink>();
  const live: LiveLayer = {
    attach: async (sink) => void attached.add(sink),
    detach: (sink) => void attached.delete(sink),
    sharedReader: () =>
      async function* (after, upTo) {
        yield log.filter((e) => e.version > after && e.version <= upTo);
      },
  };
  const catchUp: CatchUpSource = { first: async (_, after) => page(after), next: async (_, after) => page(after) };
  return { log, live, catchUp, attached };
}

function client() {
  const controller = new AbortController();
  const released: number[] = [];
  return {
    controller,
    released,
    value: { signal: controller.signal, owner: controller, release: () => released.push(1) },
  };
}

const timing = { lifetimeMs: 60_000, plannedEndRetryMs: 250 };

async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

const ids = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));

describe("BoardStream", () => {
  it("writes the catch-up page by page, then ready, then live events, each version once", async () => {
    const { live, catchUp, attached, log } = world(5);
    const { value } = client();
    const stream = new BoardStream("one", 1, live, catchUp, value, timing);
    expect(await stream.open()).toBe("caught up");
    const body = streamBody(stream);
    const text = await readUntil(body, (t) => t.includes("event: ready"));
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    expect(ids(text)).toEqual([2, 3, 4, 5]);
    expect(text).toContain('event: ready\ndata: {"version":5}');
    const more: StoredEvent[] = [...log.slice(3), ...events(6, 7)]; // 4 and 5 again: dropped
    for (const sink of attached) sink.offer(more);
    expect(ids(await readUntil(body, (t) => t.includes("id: 7")))).toEqual([6, 7]);
    stream.end("done");
  });

  it("tells a client ahead of the board to reset", async () => {
    const { live, catchUp } = world(2);
    const stream = new BoardStream("one", 9, live, catchUp, client().value, timing);
    await stream.open();
    const text = await readUntil(streamBody(stream), (t) => t.includes("event: ready"));
    expect(text).toContain('event: reset\nid: 2\ndata: {"version":2}');
    expect(text).toContain('event: ready\ndata: {"version":2}');
    stream.end("done");
  });

  it("answers unknown for a board the store does not have, and holds nothing", async () => {
    const { live, attached } = world(0);
    const { value, released } = client();
    const stream = new BoardStream(
      "gone",
      0,
      live,
      { first: async () => undefined, next: async () => undefined },
      value,
      timing,
    );
    expect(await stream.open()).toBe("unknown");
    expect(attached.size).toBe(0);
    expect(released).toEqual([1]);
  });

  it("lets go of everything when its client goes, once", async () => {
    const { live, catchUp, attached } = world(1);
    const { value, released, controller } = client();
    const stream = new BoardStream("one", 0, live, catchUp, value, timing);
    await stream.open();
    expect(attached.size).toBe(1);
    controller.abort();
    stream.end("again"); // idempotent
    expect(attached.size).toBe(0);
    expect(released).toEqual([1]);
  });

  it("ends on its own within its lifetime, telling the client to come back soon", async () => {
    const { live, catchUp } = world(0);
    const stream = new BoardStream("one", 0, live, catchUp, client().value, { lifetimeMs: 20, plannedEndRetryMs: 250 });
    await stream.open();
    const text = await readUntil(streamBody(stream), () => false);
    expect(text.endsWith("retry: 250\n\n")).toBe(true);
    await settle();
  });

  it("reads a skipped range from the live layer's shared reader at once", async () => {
    const { live, catchUp, attached, log } = world(3);
    const stream = new BoardStream("one", 3, live, catchUp, client().value, timing);
    await stream.open();
    const body = streamBody(stream);
    await readUntil(body, (t) => t.includes("event: ready"));
    log.push(...events(4, 5));
    for (const sink of attached) sink.offer(events(5)); // 4 was lost on the bus
    expect(ids(await readUntil(body, (t) => t.includes("id: 5")))).toEqual([4, 5]);
    stream.end("done");
  });

  describe("on a known connection", () => {
    function connection() {
      const written: string[] = [];
      const decoder = new TextDecoder();
      const state = { queued: 0, taken: true, destroyed: false, drain: () => {} };
      const ended = new Promise<void>(() => {});
      return {
        written,
        state,
        value: {
          address: "127.0.0.1",
          encrypted: false,
          ended,
          destroy: () => {
            state.destroyed = true;
          },
          write: (chunk: Uint8Array) => {
            written.push(decoder.decode(chunk));
            return state.taken;
          },
          queued: () => state.queued,
          drained: () =>
            new Promise<void>((resolve) => {
              state.drain = resolve;
            }),
        },
      };
    }

    it("writes every byte straight to it from the body's first pull, and leaves the body empty", async () => {
      const { live, catchUp, attached } = world(3);
      const socket = connection();
      const stream = new BoardStream("one", 0, live, catchUp, { ...client().value, connection: socket.value }, timing);
      await stream.open();
      const body = streamBody(stream);
      const reader = body.getReader();
      const read = reader.read(); // the framework starts sending: the first pull
      await settle();
      expect(socket.written.join("")).toContain('event: ready\ndata: {"version":3}');
      expect(ids(socket.written.join(""))).toEqual([1, 2, 3]);
      for (const sink of attached) sink.offer(events(4));
      expect(ids(socket.written.join(""))).toEqual([1, 2, 3, 4]);
      stream.end("lifetime", 250);
      expect(socket.written.at(-1)).toBe("retry: 250\n\n");
      expect(await read).toEqual({ done: true, value: undefined }); // closed, never a chunk
    });

    it("reads the next catch-up page only once the connection has taken the last", async () => {
      const { live, catchUp } = world(5);
      const socket = connection();
      socket.state.taken = false; // every write waits in memory
      const stream = new BoardStream("one", 0, live, catchUp, { ...client().value, connection: socket.value }, timing);
      await stream.open();
      void streamBody(stream).getReader().read();
      await settle();
      expect(ids(socket.written.join(""))).toEqual([1, 2]);
      socket.state.drain();
      await settle();
      expect(ids(socket.written.join(""))).toEqual([1, 2, 3, 4]);
      stream.end("done");
    });

    it("cuts a client that takes nothing more for 10 s after a planned end, and not one that did", async () => {
      for (const takesIt of [false, true]) {
        const { live, catchUp } = world(1);
        const socket = connection();
        let responseEnded = () => {};
        socket.value.ended = new Promise<void>((resolve) => {
          responseEnded = resolve;
        });
        const stream = new BoardStream(
          "one",
          0,
          live,
          catchUp,
          { ...client().value, connection: socket.value },
          timing,
        );
        await stream.open();
        void streamBody(stream).getReader().read();
        await settle();
        vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
        try {
          stream.end("lifetime", 250);
          if (takesIt) responseEnded();
          await Promise.resolve();
          await Promise.resolve();
          vi.advanceTimersByTime(9_999);
          expect(socket.state.destroyed).toBe(false);
          vi.advanceTimersByTime(1);
          expect(socket.state.destroyed, takesIt ? "it took the end" : "it stopped reading").toBe(!takesIt);
        } finally {
          vi.useRealTimers();
        }
      }
    });

    it("cuts a client that lets 4 MB wait for it", async () => {
      const { live, catchUp, attached } = world(1);
      const socket = connection();
      const { value, released } = client();
      const stream = new BoardStream("one", 0, live, catchUp, { ...value, connection: socket.value }, timing);
      await stream.open();
      void streamBody(stream)
        .getReader()
        .read()
        .catch(() => {});
      await settle();
      socket.state.queued = 5 * 1024 * 1024;
      for (const sink of attached) sink.offer(events(2));
      expect(socket.state.destroyed).toBe(true);
      expect(attached.size).toBe(0);
      expect(released).toEqual([1]);
    });
  });
});
