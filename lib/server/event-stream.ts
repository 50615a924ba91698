import "server-only";
// Server-Sent Events for one board: catch up from the store, say `ready`, then follow the live hub.
// Each stream knows the last version it sent, so what it writes is versions start+1, start+2, …
// exactly once and in order, whatever the bus does (see live/sequencer.ts).
import { findBoardByViewToken, readEventsAfter } from "@/db/queries";
import { getStore } from "@/db/store";
import type { Rejection, StoredEvent } from "@/lib/domain";
import { BOARD_ID } from "./boards";
import { unknownBoard } from "./errors";
import { intParam, rejection, wholeNumber } from "./http";
import { CatchUp, CatchUpReads, sseFrame } from "./live/catch-up";
import { getHub, type LiveHub, type LiveSink } from "./live/hub";
import { Sequencer } from "./live/sequencer";
import { log, redact } from "./log";
import { clientIp, getLimiter } from "./rate-limit";
import { notShared } from "./share";

const encoder = new TextEncoder();
/** What the browser waits before reconnecting after a failure, and after a stream that ended on purpose. */
const RETRY_MS = 2000;
const PLANNED_END_RETRY_MS = 250;
/** A client this far behind (bytes queued) is cut off; it resumes from its last id when it can keep up. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** How long a stream waits for a skipped version to arrive on its own before reading it. */
const GAP_GRACE_MS = 50;
/** Events per catch-up read: a client further behind gets several. */
const CATCH_UP_LIMIT = 10_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

function maxLifetimeMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SSE_MAX_SECONDS);
  return (env.SSE_MAX_SECONDS && Number.isFinite(value) && value > 0 ? value : 300) * 1000;
}

/** `GET /api/boards/:boardId/events`. */
export async function boardEventStream(request: Request, boardId: string): Promise<Response> {
  if (!BOARD_ID.test(boardId)) return rejection(unknownBoard);
  return eventStream(request, boardId);
}

/** `GET /api/share/:viewToken/events`: the same stream, the board found from its view token. */
export async function sharedEventStream(request: Request, viewToken: string): Promise<Response> {
  if (!BOARD_ID.test(viewToken)) return rejection(notShared);
  const { db } = await getStore();
  const board = await findBoardByViewToken(db, { viewToken });
  if (!board) return rejection(notShared);
  return eventStream(request, board.boardId, viewToken);
}

async function readAfter(boardId: string, after: number): Promise<CatchUp | undefined> {
  const read = await readEventsAfter(await getStore(), { boardId, after, limit: CATCH_UP_LIMIT });
  return read && new CatchUp(read.head, read.events);
}

const shared = globalThis as typeof globalThis & { __driftlessCatchUps?: CatchUpReads };
shared.__driftlessCatchUps ??= new CatchUpReads(readAfter);
const catchUps = shared.__driftlessCatchUps;

/** Where the client resumes: `Last-Event-ID` (set by EventSource on reconnect) wins over `?after`. */
export function startPosition(request: Request): { ok: true; value: number } | { ok: false; rejection: Rejection } {
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null && lastEventId.trim() !== "") {
    const value = wholeNumber(lastEventId.trim());
    if (value === undefined) {
      return { ok: false, rejection: { code: "invalid", reason: "Last-Event-ID must be a version number." } };
    }
    return { ok: true, value };
  }
  const after = intParam(new URL(request.url), "after", { fallback: 0 });
  return after.ok ? { ok: true, value: after.value ?? 0 } : after;
}

async function eventStream(request: Request, boardId: string, viewToken?: string): Promise<Response> {
  const start = startPosition(request);
  if (!start.ok) return rejection(start.rejection);
  const hub = getHub();
  const ip = clientIp(request.headers);
  const cap = getLimiter().limits.streamsPerIp;
  if (hub.streamsFrom(ip) >= cap) {
    return rejection(
      { code: "rate_limited", reason: `Too many open streams from one address (at most ${cap}); close some tabs.` },
      undefined,
      { "Retry-After": "10" },
    );
  }
  // Subscribed and caught up before answering: an unknown board is a 404 in JSON, not a stream.
  const stream = new BoardStream(boardId, start.value, hub, request.signal, viewToken, ip);
  const first = await stream.open();
  if (first === "unknown") return rejection(viewToken ? notShared : unknownBoard);
  if (first === "gone") {
    // The client left (nobody reads this), or the server ended the stream while it opened (a
    // shutdown, a replaced link): then the client should come back, to find out which.
    if (request.signal.aborted) return new Response(null, { status: 204 });
    return rejection({ code: "unavailable", reason: "The stream ended before it started; connect again." }, undefined, {
      "Retry-After": "1",
    });
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream.connect(controller, first);
      },
      pull() {
        stream.drained();
      },
      cancel() {
        stream.end("cancelled");
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(body, { headers: SSE_HEADERS });
}

const frames = new WeakMap<StoredEvent, Uint8Array>();
const runs = new WeakMap<readonly StoredEvent[], Uint8Array>();

/** An event's SSE frame, encoded once however many streams it goes to. */
function frameOf(event: StoredEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(sseFrame(event.version, JSON.stringify(event)));
    frames.set(event, frame);
  }
  return frame;
}

/**
 * The frames of several events in one chunk (one write to the socket), encoded once per array:
 * the hub hands the same array to every stream of the board.
 */
function framesOf(events: readonly StoredEvent[]): Uint8Array {
  if (events.length === 1) return frameOf(events[0]);
  let chunk = runs.get(events);
  if (!chunk) {
    chunk = Buffer.concat(events.map(frameOf));
    runs.set(events, chunk);
  }
  return chunk;
}

const PING = encoder.encode(": ping\n\n");

class BoardStream implements LiveSink {
  private readonly sequencer: Sequencer;
  private readonly lifetime: NodeJS.Timeout;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private closed = false;
  private readonly onAbort = () => this.end("client gone");

  constructor(
    readonly boardId: string,
    private readonly start: number,
    private readonly hub: LiveHub,
    private readonly signal: AbortSignal,
    readonly viewToken?: string,
    readonly ip?: string,
  ) {
    // Held until the catch-up below is written: live events arriving meanwhile wait behind it.
    this.sequencer = new Sequencer(
      start,
      hub.sharedReader(boardId),
      (events) => this.write(framesOf(events)),
      (error) => this.fail(error),
      { held: true, graceMs: GAP_GRACE_MS },
    );
    // 85–100%: streams opened together (a deploy, a reconnect wave) must not all end together,
    // and none may outlive SSE_MAX_SECONDS (a serverless host's duration cap).
    const lifetime = maxLifetimeMs() * (0.85 + Math.random() * 0.15);
    this.lifetime = setTimeout(() => this.end("lifetime", PLANNED_END_RETRY_MS), lifetime);
    signal.addEventListener("abort", this.onAbort);
    if (signal.aborted) this.end("client gone");
  }

  private readonly openedAt = Date.now();

  /** Subscribes, then reads the head and the first events the client missed (in that order). */
  async open(): Promise<CatchUp | "unknown" | "gone"> {
    if (this.closed) return "gone"; // the client left before the stream started
    try {
      // Subscribed before the store is read: anything committed after that read arrives live.
      await this.hub.attach(this);
      if (this.closed) {
        this.hub.detach(this); // it left while attaching: end() ran before there was anything to undo
        return "gone";
      }
      const first = await catchUps.read(this.boardId, this.start);
      if (this.closed) return "gone";
      if (!first) {
        this.end("board gone");
        return "unknown";
      }
      log.info("stream opened", {
        board: redact(this.boardId),
        ...(this.viewToken ? { share: redact(this.viewToken) } : {}),
        after: this.start,
      });
      return first;
    } catch (error) {
      this.end("error");
      throw error;
    }
  }

  /** The response is under way: write the catch-up, say `ready`, then follow the live events. */
  connect(controller: ReadableStreamDefaultController<Uint8Array>, first: CatchUp): void {
    this.controller = controller;
    if (this.closed) {
      this.closeController();
      return;
    }
    void this.run(first);
  }

  private async run(first: CatchUp): Promise<void> {
    try {
      this.write(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      let last = this.start;
      let read: CatchUp | undefined = first;
      if (last > first.head) {
        // The client is ahead of the board (its store was reset): it must reload the snapshot.
        this.write(
          encoder.encode(`event: reset\nid: ${first.head}\ndata: ${JSON.stringify({ version: first.head })}\n\n`),
        );
        last = first.head;
        read = undefined;
      }
      while (read && read.events.length > 0) {
        if (this.closed) return;
        // A page of catch-up is one chunk, however big (10,000 events can pass the slow-client
        // limit on their own): the next page is read only once the client has taken this one.
        this.write(read.frames, { catchUp: true });
        last = read.events[read.events.length - 1].version;
        // The head comes from the same snapshot: reaching it (or fewer than asked for) is the end.
        if (last >= read.head || read.events.length < CATCH_UP_LIMIT) break;
        await this.untilDrained();
        if (this.closed) return;
        read = await readAfter(this.boardId, last);
      }
      if (this.closed) return;
      this.write(encoder.encode(`event: ready\ndata: ${JSON.stringify({ version: last })}\n\n`));
      this.sequencer.release(last);
    } catch (error) {
      this.fail(error);
    }
  }

  offer(events: readonly StoredEvent[]): void {
    if (!this.closed) this.sequencer.offer(events);
  }

  catchUpTo(version: number): void {
    if (!this.closed) this.sequencer.catchUpTo(version);
  }

  settledVersion(): number | undefined {
    return this.sequencer.busy ? undefined : this.sequencer.version;
  }

  ping(): void {
    this.write(PING);
  }

  /** Releases everything the stream holds: hub registration, timer, abort listener. Idempotent. */
  end(reason: string, retryMs?: number): void {
    if (this.closed) return;
    this.closed = true;
    this.sequencer.stop();
    this.drained(); // a catch-up waiting for the client to take its page stops waiting
    try {
      if (retryMs !== undefined) this.controller?.enqueue(encoder.encode(`retry: ${retryMs}\n\n`));
    } catch {}
    this.hub.detach(this);
    clearTimeout(this.lifetime);
    this.signal.removeEventListener("abort", this.onAbort);
    this.closeController();
    log.info("stream closed", {
      board: redact(this.boardId),
      ...(this.viewToken ? { share: redact(this.viewToken) } : {}),
      reason,
      sent: this.sequencer.version,
      seconds: Math.round((Date.now() - this.openedAt) / 100) / 10,
    });
  }

  private fail(error: unknown): void {
    log.warn("event stream failed; the client will resume", { board: redact(this.boardId), error });
    this.end("error", RETRY_MS);
  }

  private closeController(): void {
    try {
      this.controller?.close();
    } catch {
      // Already closed or errored by the runtime: nothing left to release.
    }
  }

  private onDrained: (() => void) | undefined;

  /** The response's reader wants more (its queue is below the high-water mark). */
  drained(): void {
    const resolve = this.onDrained;
    this.onDrained = undefined;
    resolve?.();
  }

  private untilDrained(): Promise<void> {
    if ((this.controller?.desiredSize ?? 0) > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = resolve;
    });
  }

  private write(chunk: Uint8Array, { catchUp = false } = {}): void {
    if (this.closed || !this.controller) return;
    try {
      this.controller.enqueue(chunk);
    } catch {
      this.end("write failed");
      return;
    }
    if (!catchUp && (this.controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) this.end("client too slow", RETRY_MS);
  }
}
