import "server-only";
// Server-Sent Events for one board: catch up from the store a page at a time, say `ready`, then
// follow the live hub. Each stream knows the last version it sent, so what it writes is versions
// start+1, start+2, … exactly once and in order, whatever the bus does (see live/sequencer.ts).
// What waits for a client is bounded: one catch-up page, or 4 MB of live events before it is cut.
import { findBoardByViewToken, readEventsAfter } from "@/db/queries";
import { getStore } from "@/db/store";
import type { Rejection, StoredEvent } from "@/lib/domain";
import { BOARD_ID } from "./boards";
import { clientAddress } from "./client-address";
import { type Connection, connectionOf } from "./connections";
import { unknownBoard } from "./errors";
import { INTEGER_MAX, intParam, rejection, wholeNumber } from "./http";
import { CatchUp, CatchUpReads, sseFrame } from "./live/catch-up";
import { getHub, type LiveHub, type LiveSink } from "./live/hub";
import { Sequencer } from "./live/sequencer";
import { StreamSlots } from "./live/stream-slots";
import { log, redact } from "./log";
import { getLimiter } from "./rate-limit";
import { notShared } from "./share";

const encoder = new TextEncoder();
/** What the browser waits before reconnecting after a failure, and after a stream that ended on purpose. */
const RETRY_MS = 2000;
const PLANNED_END_RETRY_MS = 250;
/** A client this far behind (bytes queued) is cut off; it resumes from its last id when it can keep up. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** How long a stream waits for a skipped version to arrive on its own before reading it. */
const GAP_GRACE_MS = 50;
/** Events per catch-up read, and the bytes of frames they may fill: a client further behind gets several. */
const CATCH_UP_LIMIT = 10_000;
const CATCH_UP_BYTES = 512 * 1024;
/** A stream ended on purpose whose client takes nothing more for this long is cut off. */
const END_GRACE_MS = 10_000;

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
  const read = await readEventsAfter(await getStore(), {
    boardId,
    after,
    limit: CATCH_UP_LIMIT,
    maxBytes: CATCH_UP_BYTES,
  });
  return read && new CatchUp(read.head, read.events);
}

const shared = globalThis as typeof globalThis & { __driftlessCatchUps?: CatchUpReads; __driftlessSlots?: StreamSlots };
shared.__driftlessCatchUps ??= new CatchUpReads(readAfter);
const catchUps = shared.__driftlessCatchUps;

/** The instance's places for streams (limits read when the first stream opens). */
function streamSlots(): StreamSlots {
  const { streamsPerIp, streamsPerInstance } = getLimiter().limits;
  shared.__driftlessSlots ??= new StreamSlots({ perAddress: streamsPerIp, perInstance: streamsPerInstance });
  return shared.__driftlessSlots;
}

/** Where the client resumes: `Last-Event-ID` (set by EventSource on reconnect) wins over `?after`. */
export function startPosition(request: Request): { ok: true; value: number } | { ok: false; rejection: Rejection } {
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null && lastEventId.trim() !== "") {
    const value = wholeNumber(lastEventId.trim());
    if (value === undefined) {
      return {
        ok: false,
        rejection: { code: "invalid", reason: `Last-Event-ID must be a version number from 0 to ${INTEGER_MAX}.` },
      };
    }
    return { ok: true, value };
  }
  const after = intParam(new URL(request.url), "after", { fallback: 0 });
  return after.ok ? { ok: true, value: after.value ?? 0 } : after;
}

/**
 * A place for one more stream from the request's address. It is given back when the response
 * has really ended; where the connection is not known (a handler called directly, in tests), when
 * the stream calls `release`.
 */
function takePlace(
  request: Request,
): { ok: true; connection: Connection | undefined; release: () => void } | { ok: false; rejection: Rejection } {
  const slot = streamSlots().take(clientAddress(request.headers));
  if (!slot.ok) return slot;
  const connection = connectionOf(request.headers);
  if (!connection) return { ok: true, connection, release: slot.release };
  void connection.ended.then(slot.release);
  return { ok: true, connection, release: () => {} };
}

const endedWhileOpening: Rejection = {
  code: "unavailable",
  reason: "The stream ended before it started; connect again.",
};

async function eventStream(request: Request, boardId: string, viewToken?: string): Promise<Response> {
  const start = startPosition(request);
  if (!start.ok) return rejection(start.rejection);
  const place = takePlace(request);
  if (!place.ok) return rejection(place.rejection, undefined, { "Retry-After": "10" });
  const { connection, release } = place;
  let streaming = false;
  try {
    // Subscribed and caught up before answering: an unknown board is a 404 in JSON, not a stream.
    const stream = new BoardStream(boardId, start.value, getHub(), request, { viewToken, connection, release });
    const opened = await stream.open();
    if (opened === "unknown") return rejection(viewToken ? notShared : unknownBoard);
    if (opened === "gone") {
      // The client left (nobody reads this), or the server ended the stream while it opened (a
      // shutdown, a replaced link): then the client should come back, to find out which.
      if (request.signal.aborted) return new Response(null, { status: 204 });
      return rejection(endedWhileOpening, undefined, { "Retry-After": "1" });
    }
    // No queue of its own beyond what is written (high-water mark 0): `pull` then means the
    // response has taken the last chunk whole, which is when the next catch-up page is read.
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          stream.connect(controller);
        },
        pull() {
          stream.wanted();
        },
        cancel() {
          stream.end("cancelled");
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
    streaming = true;
    return new Response(body, { headers: SSE_HEADERS });
  } finally {
    if (!streaming) release();
  }
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
  readonly viewToken: string | undefined;
  private readonly connection: Connection | undefined;
  /** Gives the stream's place back (only where the connection is not known: see eventStream). */
  private readonly release: () => void;

  constructor(
    readonly boardId: string,
    private readonly start: number,
    private readonly hub: LiveHub,
    // Held, not only its signal: a Request's signal follows the client only while the Request
    // itself is alive (undici links them through it), so a collected Request would never abort.
    private readonly request: Request,
    options: { viewToken?: string; connection?: Connection; release: () => void },
  ) {
    this.viewToken = options.viewToken;
    this.connection = options.connection;
    this.release = options.release;
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
    this.signal.addEventListener("abort", this.onAbort);
    if (this.signal.aborted) this.end("client gone");
    void this.connection?.ended.then(this.onAbort);
  }

  private readonly openedAt = Date.now();

  private get signal(): AbortSignal {
    return this.request.signal;
  }

  /** The first catch-up page, from `open` until `run` takes it. */
  private firstPage: CatchUp | undefined;

  /** Subscribes, then reads the head and the first events the client missed (in that order). */
  async open(): Promise<"caught up" | "unknown" | "gone"> {
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
      this.firstPage = first;
      return "caught up";
    } catch (error) {
      this.end("error");
      throw error;
    }
  }

  /** The response is under way: write the catch-up, say `ready`, then follow the live events. */
  connect(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
    if (this.closed) {
      this.closeController();
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      this.write(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      let last = this.start;
      let page = this.firstPage;
      this.firstPage = undefined;
      if (page && last > page.head) {
        // The client is ahead of the board (its store was reset): it must reload the snapshot.
        const { head } = page;
        this.write(encoder.encode(`event: reset\nid: ${head}\ndata: ${JSON.stringify({ version: head })}\n\n`));
        last = head;
        page = undefined;
      }
      while (page && page.events.length > 0) {
        // One page at a time: the next is read only once the response has taken this one whole,
        // and a written page is let go of at once (the response holds its bytes until they
        // leave), so a client that stops reading holds one page of bytes, not the log it missed.
        const { head } = page;
        last = page.events[page.events.length - 1].version;
        this.write(page.frames);
        page = undefined;
        // The head comes from the same snapshot: reaching it is the end.
        if (last >= head) break;
        await this.untilWanted();
        if (this.closed) return;
        page = await readAfter(this.boardId, last);
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

  /**
   * Releases everything the stream holds: hub registration, timer, abort listener. Idempotent.
   * A client too slow to read is cut at once: what is queued for it is dropped and its connection
   * closed (closing the body would leave the queued bytes, and the socket, waiting for it). Any
   * other end says goodbye (`retry:`, then the end of the body), and cuts the connection only if
   * the client takes nothing more for END_GRACE_MS.
   */
  end(reason: string, retryMs?: number): void {
    if (this.closed) return;
    this.closed = true;
    this.sequencer.stop();
    this.wanted(); // a catch-up waiting for the client to take its page stops waiting
    this.hub.detach(this);
    clearTimeout(this.lifetime);
    this.signal.removeEventListener("abort", this.onAbort);
    if (reason === "client too slow") {
      this.controller?.error(new DOMException("The client was too slow to read its stream.", "AbortError"));
      this.connection?.destroy();
    } else {
      try {
        if (retryMs !== undefined) this.controller?.enqueue(encoder.encode(`retry: ${retryMs}\n\n`));
      } catch {}
      this.closeController();
      if (this.connection && reason !== "client gone" && reason !== "cancelled") cutIfStuck(this.connection);
    }
    this.release();
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

  /** True while the response's reader waits for a chunk: everything written before has left. */
  private readPending = false;
  private onWanted: (() => void) | undefined;

  /** The response's reader asks for a chunk (see the body's `pull`). */
  wanted(): void {
    this.readPending = true;
    const resolve = this.onWanted;
    this.onWanted = undefined;
    resolve?.();
  }

  private untilWanted(): Promise<void> {
    if (this.readPending || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.onWanted = resolve;
    });
  }

  private write(chunk: Uint8Array): void {
    if (this.closed || !this.controller) return;
    try {
      this.controller.enqueue(chunk);
    } catch {
      this.end("write failed");
      return;
    }
    this.readPending = false;
    if ((this.controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) this.end("client too slow", RETRY_MS);
  }
}

/** Cuts a connection whose response has not ended within END_GRACE_MS (its client stopped reading). */
function cutIfStuck(connection: Connection): void {
  const timer = setTimeout(() => connection.destroy(), END_GRACE_MS);
  timer.unref(); // never what keeps a shutting-down process alive
  void connection.ended.then(() => clearTimeout(timer));
}
