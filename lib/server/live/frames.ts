// The bytes of an event stream (README, "The event stream"): one frame per event, whose data is
// the event's one JSON text (db/event-encoding.ts), and the few control frames. An event going to
// a thousand streams is encoded once.
import { eventJson } from "@/db/event-encoding";
import type { StoredEvent } from "@/lib/domain";

const encoder = new TextEncoder();

/** One event as an SSE frame around its JSON text (live, catch-up and gap fill alike). */
export function eventFrame(version: number, json: string): string {
  return `id: ${version}\ndata: ${json}\n\n`;
}

const frames = new WeakMap<StoredEvent, Uint8Array>();
const runs = new WeakMap<readonly StoredEvent[], Uint8Array>();

/** An event's frame, encoded once however many streams it goes to. */
function frameOf(event: StoredEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(eventFrame(event.version, eventJson(event)));
    frames.set(event, frame);
  }
  return frame;
}

/**
 * The frames of several events in one chunk (one write to the socket), encoded once per array:
 * the live layer hands the same array to every stream of the board.
 */
export function eventFrames(events: readonly StoredEvent[]): Uint8Array {
  if (events.length === 1) return frameOf(events[0]);
  let chunk = runs.get(events);
  if (!chunk) {
    chunk = Buffer.concat(events.map(frameOf));
    runs.set(events, chunk);
  }
  return chunk;
}

/** Several events' JSON texts as frames, in one chunk (a catch-up page). */
export function textFrames(events: readonly { readonly version: number; readonly json: string }[]): Uint8Array {
  return encoder.encode(events.map(({ version, json }) => eventFrame(version, json)).join(""));
}

export const PING_FRAME = encoder.encode(": ping\n\n");

/** How long the browser waits before it reconnects. */
export function retryFrame(ms: number): Uint8Array {
  return encoder.encode(`retry: ${ms}\n\n`);
}

/** The catch-up is written: the client has everything up to `version`. */
export function readyFrame(version: number): Uint8Array {
  return encoder.encode(`event: ready\ndata: ${JSON.stringify({ version })}\n\n`);
}

/** The client is ahead of the board (its store was replaced): it must read the board again. */
export function resetFrame(head: number): Uint8Array {
  return encoder.encode(`event: reset\nid: ${head}\ndata: ${JSON.stringify({ version: head })}\n\n`);
}
