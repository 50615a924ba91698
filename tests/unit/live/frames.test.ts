import { describe, expect, it } from "vitest";
import { eventJson } from "@/db/event-encoding";
import { eventFrames, PING_FRAME, readyFrame, resetFrame, retryFrame, textFrames } from "@/lib/server/live/frames";
import { events } from "./fakes";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("stream frames", () => {
  it("carry each event as its id and its one JSON text, the same live and in a catch-up", () => {
    const batch = events(1, 2);
    const live = text(eventFrames(batch));
    expect(live).toBe(`id: 1\ndata: ${eventJson(batch[0])}\n\nid: 2\ndata: ${eventJson(batch[1])}\n\n`);
    expect(text(textFrames(batch.map((event) => ({ version: event.version, json: eventJson(event) }))))).toBe(live);
  });

  it("encode an event, and a batch, once however many streams write it", () => {
    const batch = events(1, 2);
    expect(eventFrames(batch)).toBe(eventFrames(batch));
    const [one] = events(3);
    expect(eventFrames([one])).toBe(eventFrames([one]));
  });

  it("say ready, reset, retry and ping as the README's event stream section describes", () => {
    expect(text(readyFrame(4))).toBe('event: ready\ndata: {"version":4}\n\n');
    expect(text(resetFrame(2))).toBe('event: reset\nid: 2\ndata: {"version":2}\n\n');
    expect(text(retryFrame(250))).toBe("retry: 250\n\n");
    expect(text(PING_FRAME)).toBe(": ping\n\n");
  });
});
