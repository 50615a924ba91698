import "server-only";
// The engine of one board's event stream, knowing nothing of HTTP: catch up from the store a page
// at a time, say `ready`, then follow the live layer. It knows the last version it sent, so what it
// writes is versions start+1, start+2, … exactly once and in order, whatever the bus does (see
// sequencer.ts). What waits for a client is bounded: one catch-up page, or 4 MB of live events
// before it is cut (README, "The event stream").
import type { Connection } from "../connections";
import { log, redact } from "../log";
import type { Person } from "../presence/store";
import type { CatchUp } from "./catch-up";
import { eventFrames, readyFrame, resetFrame, retryFrame } from "./frames";
import { type RangeReader, Sequencer } from "./sequencer";
import type { LiveSink } from "./sink";

/** What the browser waits before reconnecting after a failure. */
export const RETRY_MS = 2000;
/** A client this far behind (bytes queued) is cut off; it resumes from its last id when it can keep up. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** A stream ended on purpose whose client takes nothing more for this long is cut off. */
const END_GRACE_MS = 10_000;

/** What a stream needs of the live layer. */
export interface LiveLayer {
  attach(sink: LiveSink): Promise<void>;
  detach(sink: LiveSink): void;
  sharedReader(boardId: string): RangeReader;
  /** The stream said `ready`: what follows it (presence) may be sent now. */
  ready?(sink: LiveSink): void;
}

/** Where a stream reads its catch-up: the first page (shared with streams opening with it), then the rest. */
export interface CatchUpSource {
  first(boardId: string, after: number): Promise<CatchUp | undefined>;
  next(boardId: string, after: number): Promise<CatchUp | undefined>;
}

export interface StreamClient {
  /** Aborts when the client goes. */
  readonly signal: AbortSignal;
  /**
   * Whatever owns `signal`, held for the stream's life: a Request's signal follows the client only
   * while the Request itself is alive (undici links them through it).
   */
  readonly owner: unknown;
  /** The client's connection, where it is known: how a stuck client is cut. */
  readonly connection?: Connection;
  /** Gives the stream's place back (where the connection is not known). */
  readonly release: () => void;
  /** Set on a read-only stream: the view token it was opened with. */
  readonly viewToken?: string;
  /** Who opened it, on a board page's stream with a signed visitor (README, "Presence"). */
  readonly person?: Person;
}

export interface StreamTiming {
  /** The longest a stream lives (SSE_MAX_SECONDS); it ends at 85–100% of it. */
  readonly lifetimeMs: number;
  /** The `retry:` of a stream that ends on purpose (a lifetime, a shutdown). */
  readonly plannedEndRetryMs: number;
}

export class BoardStream implements LiveSink {
  private readonly sequencer: Sequencer;
  private readonly lifetime: NodeJS.Timeout;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private closed = false;
  private readonly onAbort = () => this.end("client gone");
  private readonly openedAt = Date.now();
  readonly viewToken: string | undefined;
  readonly person: Person | undefined;
  /** The first catch-up page, from `open` until `run` takes it. */
  private firstPage: CatchUp | undefined;

  constructor(
    readonly boardId: string,
    private readonly start: number,
    private readonly live: LiveLayer,
    private readonly catchUp: CatchUpSource,
    private readonly client: StreamClient,
    timing: StreamTiming,
  ) {
    this.viewToken = client.viewToken;
    this.person = client.person;
    // Held until the catch-up below is written: live events arriving meanwhile wait behind it.
    this.sequencer = new Sequencer(
      start,
      live.sharedReader(boardId),
      (events) => this.write(eventFrames(events)),
      (error) => this.fail(error),
      { held: true },
    );
    // 85–100%: streams opened together (a deploy, a reconnect wave) must not all end together,
    // and none may outlive SSE_MAX_SECONDS (a serverless host's duration cap).
    const lifetime = timing.lifetimeMs * (0.85 + Math.random() * 0.15);
    this.lifetime = setTimeout(() => this.end("lifetime", timing.plannedEndRetryMs), lifetime);
    client.signal.addEventListener("abort", this.onAbort);
    if (client.signal.aborted) this.end("client gone");
    void client.connection?.ended.then(this.onAbort);
  }

  /** Subscribes, then reads the head and the first events the client missed (in that order). */
  async open(): Promise<"caught up" | "unknown" | "gone"> {
    if (this.closed) return "gone"; // the client left before the stream started
    try {
      // Subscribed before the store is read: anything committed after that read arrives live.
      await this.live.attach(this);
      if (this.closed) {
        this.live.detach(this); // it left while attaching: end() ran before there was anything to undo
        return "gone";
      }
      const first = await this.catchUp.first(this.boardId, this.start);
      if (this.closed) return "gone";
      if (!first) {
        this.end("board gone");
        return "unknown";
      }
      log.info("stream opened", { board: redact(this.boardId), ...this.share(), after: this.start });
      this.firstPage = first;
      return "caught up";
    } catch (error) {
      this.end("error");
      throw error;
    }
  }

  /**
   * The response is under way: write the catch-up, say `ready`, then follow the live events. Where
   * the connection is known, every byte goes straight to it, and the body stays empty until it is
   * closed: a chunk through the framework's body stream costs a few promises on every stream for
   * every event (README, "Performance"). That starts at the body's first `pull`, when the
   * framework has set the response's headers and begun to send it.
   */
  connect(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
    if (this.closed) {
      this.closeController();
      return;
    }
    if (this.client.connection) this.awaitingFirstPull = true;
    else void this.run();
  }

  /** Set from `connect` until the body's first `pull`, on a stream that writes to its connection. */
  private awaitingFirstPull = false;
  /** True once the stream writes straight to its connection. */
  private direct = false;
  /** Whether the connection took the last write without queueing it in memory. */
  private lastWriteTaken = true;

  private async run(): Promise<void> {
    try {
      this.write(retryFrame(RETRY_MS));
      let last = this.start;
      let page = this.firstPage;
      this.firstPage = undefined;
      if (page && last > page.head) {
        // The client is ahead of the board (its store was reset): it must reload the snapshot.
        this.write(resetFrame(page.head));
        last = page.head;
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
        page = await this.catchUp.next(this.boardId, last);
      }
      if (this.closed) return;
      this.write(readyFrame(last));
      this.live.ready?.(this);
      this.sequencer.release(last);
    } catch (error) {
      this.fail(error);
    }
  }

  offer(events: Parameters<LiveSink["offer"]>[0]): void {
    if (!this.closed) this.sequencer.offer(events);
  }

  catchUpTo(version: number): void {
    if (!this.closed) this.sequencer.catchUpTo(version);
  }

  settledVersion(): number | undefined {
    return this.sequencer.busy ? undefined : this.sequencer.version;
  }

  send(frame: Uint8Array): void {
    this.write(frame);
  }

  /**
   * Releases everything the stream holds: its place in the live layer, timer, abort listener.
   * Idempotent. A client too slow to read is cut at once: what is queued for it is dropped and its
   * connection closed (closing the body would leave the queued bytes, and the socket, waiting for
   * it). Any other end says goodbye (`retry:`, then the end of the body), and cuts the connection
   * only if the client takes nothing more for END_GRACE_MS.
   */
  end(reason: string, retryMs?: number): void {
    if (this.closed) return;
    this.closed = true;
    this.sequencer.stop();
    this.wanted(); // a catch-up waiting for the client to take its page stops waiting
    this.live.detach(this);
    clearTimeout(this.lifetime);
    this.client.signal.removeEventListener("abort", this.onAbort);
    const { connection } = this.client;
    if (reason === "client too slow") {
      this.controller?.error(new DOMException("The client was too slow to read its stream.", "AbortError"));
      connection?.destroy();
    } else {
      try {
        if (retryMs !== undefined && this.direct) connection?.write(retryFrame(retryMs));
        else if (retryMs !== undefined) this.controller?.enqueue(retryFrame(retryMs));
      } catch {}
      this.closeController();
      if (connection && reason !== "client gone" && reason !== "cancelled") cutIfStuck(connection);
    }
    this.client.release();
    log.info("stream closed", {
      board: redact(this.boardId),
      ...this.share(),
      reason,
      sent: this.sequencer.version,
      seconds: Math.round((Date.now() - this.openedAt) / 100) / 10,
    });
  }

  private share(): { share?: string } {
    return this.viewToken ? { share: redact(this.viewToken) } : {};
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
    if (this.awaitingFirstPull) {
      this.awaitingFirstPull = false;
      this.direct = true;
      if (!this.closed) void this.run();
      return;
    }
    this.readPending = true;
    const resolve = this.onWanted;
    this.onWanted = undefined;
    resolve?.();
  }

  private untilWanted(): Promise<void> {
    if (this.direct && this.client.connection)
      return this.lastWriteTaken || this.closed ? Promise.resolve() : this.client.connection.drained();
    if (this.readPending || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.onWanted = resolve;
    });
  }

  private write(chunk: Uint8Array): void {
    if (this.closed || !this.controller) return;
    const { connection } = this.client;
    if (this.direct && connection) {
      try {
        this.lastWriteTaken = connection.write(chunk);
      } catch {
        this.end("write failed");
        return;
      }
      if (connection.queued() > MAX_QUEUED_BYTES) this.end("client too slow", RETRY_MS);
      return;
    }
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

/**
 * The stream as a response body. No queue of its own beyond what is written (high-water mark 0):
 * `pull` then means the response has taken the last chunk whole, which is when the next catch-up
 * page is read.
 */
export function streamBody(stream: BoardStream): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
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
}
