// Stand-ins for the live layer's unit tests: a stream that records what it is given, and events.
import type { StoredEvent } from "@/lib/domain";
import type { LiveSink } from "@/lib/server/live/sink";

export function event(version: number, title = `v${version}`): StoredEvent {
  return {
    version,
    type: "BoardRenamed",
    data: { title },
    commandId: `c${version}`,
    actor: { id: "a", name: "A" },
    at: "2026-01-01T00:00:00.000Z",
  };
}

export const events = (...versions: number[]) => versions.map((version) => event(version));

export interface RecordingSink extends LiveSink {
  readonly offered: number[][];
  readonly caughtUpTo: number[];
  readonly sent: string[];
  readonly ended: string[];
  settled: number | undefined;
}

/** A stream that records what it is given; it leaves `feeds` when it ends, as a real one does. */
export function recordingSink(
  boardId: string,
  { viewToken, feeds }: { viewToken?: string; feeds?: { detach(sink: LiveSink): void } } = {},
): RecordingSink {
  const decoder = new TextDecoder();
  const sink: RecordingSink = {
    boardId,
    viewToken,
    offered: [],
    caughtUpTo: [],
    sent: [],
    ended: [],
    settled: 0,
    offer: (batch) => void sink.offered.push(batch.map((e) => e.version)),
    catchUpTo: (version) => void sink.caughtUpTo.push(version),
    settledVersion: () => sink.settled,
    send: (frame) => void sink.sent.push(decoder.decode(frame)),
    end: (reason) => {
      sink.ended.push(reason);
      feeds?.detach(sink);
    },
  };
  return sink;
}

/** Lets queued microtasks and one macrotask run (the memory bus and turn batches deliver so). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
