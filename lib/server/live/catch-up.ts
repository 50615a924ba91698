import "server-only";
// The first read of a stream that opens: the board's head and the events after the client's
// position. Streams that open on one board at one position in the same moment (a deploy, a
// reconnect wave, a shared link posted in a chat) share one query, and its frames are encoded once.
import type { EventJson } from "@/db/queries";
import { textFrames } from "./frames";

/** What one catch-up read found: the head, the events after the position, and their SSE frames. */
export class CatchUp {
  private encoded: Uint8Array | undefined;

  constructor(
    readonly head: number,
    readonly events: readonly EventJson[],
  ) {}

  /** The events as SSE frames, encoded on first use and shared by every stream that read them. */
  get frames(): Uint8Array {
    this.encoded ??= textFrames(this.events);
    return this.encoded;
  }
}

export type ReadAfter = (boardId: string, after: number) => Promise<CatchUp | undefined>;

export class CatchUpReads {
  /** Reads not started yet, by board and position: a stream that asks now joins one of these. */
  private readonly queued = new Map<string, Promise<CatchUp | undefined>>();

  constructor(private readonly readAfter: ReadAfter) {}

  /**
   * The head and the events after `after`, from a query that STARTS after this call: a stream asks
   * once it is subscribed, so whatever it does not get live is in the answer. (Joining a query
   * already running could miss an event committed and announced in between.)
   */
  read(boardId: string, after: number): Promise<CatchUp | undefined> {
    const key = `${boardId}:${after}`;
    let read = this.queued.get(key);
    if (!read) {
      read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.queued.delete(key);
        return this.readAfter(boardId, after);
      });
      this.queued.set(key, read);
    }
    return read;
  }
}
