// Gap reads shared by the streams of an instance: streams of one board usually miss the same
// range at the same moment (a lost or crossed bus message, a reconnect), and read it from the
// store once between them.
import type { StoredEvent } from "@/lib/domain";
import type { RangeReader } from "./sequencer";

/** How long a finished read stays good for streams that reach the same gap a moment later. */
const KEEP_MS = 2000;

export class SharedGapReads {
  private readonly reads = new Map<string, Promise<StoredEvent[]>>();
  private made = 0;

  constructor(
    /** Reads one board's events from the store, in batches. */
    private readonly readRange: (boardId: string) => RangeReader,
    private readonly keepMs = KEEP_MS,
  ) {}

  /** Store reads made so far (a shared read counts once). */
  get count(): number {
    return this.made;
  }

  /** A reader of the board's gaps for one stream's Sequencer. */
  reader(boardId: string): RangeReader {
    return (after, upTo) => this.read(boardId, after, upTo);
  }

  private async *read(boardId: string, after: number, upTo: number): AsyncIterable<readonly StoredEvent[]> {
    const key = `${boardId}:${after}:${upTo}`;
    let read = this.reads.get(key);
    if (!read) {
      this.made++;
      read = (async () => {
        const events: StoredEvent[] = [];
        for await (const batch of this.readRange(boardId)(after, upTo)) events.push(...batch);
        return events;
      })();
      // Committed events never change: the answer stays good for the streams that arrive later.
      read.then(
        () => setTimeout(() => this.reads.delete(key), this.keepMs).unref(),
        () => this.reads.delete(key),
      );
      this.reads.set(key, read);
    }
    yield await read;
  }
}
