// Exactly-once, in-order delivery over an at-most-once doorbell. Offered events may arrive late,
// twice, out of order or not at all; what comes out is versions last+1, last+2, … with no gap:
// duplicates and older versions are dropped, and a skip ahead is filled from the store first.
import type { StoredEvent } from "@/lib/domain";

/** Reads events with version in (after, upTo] from the store, in order, a batch at a time. */
export type RangeReader = (after: number, upTo: number) => AsyncIterable<readonly StoredEvent[]>;

export class Sequencer {
  private held: boolean;
  private filling = false;
  private backlog: StoredEvent[] = [];
  private wanted = 0;
  private stopped = false;

  constructor(
    private last: number,
    private readonly read: RangeReader,
    private readonly emit: (events: readonly StoredEvent[]) => void,
    private readonly fail: (error: unknown) => void,
    { held = false }: { held?: boolean } = {},
  ) {
    this.held = held;
  }

  /** Stops for good: nothing more is emitted or read (the stream ended). */
  stop(): void {
    this.stopped = true;
    this.backlog = [];
  }

  /** The last version emitted. */
  get version(): number {
    return this.last;
  }

  /** True while offered events are being held back (held, or a gap being read). */
  get busy(): boolean {
    return this.held || this.filling;
  }

  offer(events: readonly StoredEvent[]): void {
    if (this.stopped) return;
    if (this.busy) {
      for (const event of events) this.backlog.push(event);
      return;
    }
    this.take(events);
  }

  /** Makes sure everything up to `version` is emitted, reading what was missed from the store. */
  catchUpTo(version: number): void {
    this.wanted = Math.max(this.wanted, version);
    if (!this.busy && this.last < this.wanted) void this.fill();
  }

  /**
   * Starts emitting after being constructed held: `last` is where the caller's own catch-up ended
   * (below the start after a reset, when the client was ahead of the board).
   */
  release(last: number): void {
    this.last = last;
    this.held = false;
    const backlog = this.backlog;
    this.backlog = [];
    this.take(backlog);
    if (!this.busy && this.last < this.wanted) void this.fill();
  }

  private take(events: readonly StoredEvent[]): void {
    if (events.length > 0 && events[0].version === this.last + 1 && isRun(events)) {
      // The usual case: exactly the next versions. Emitted as the same array, so that a stream
      // can reuse what another stream of the board already encoded for it.
      this.last = events[events.length - 1].version;
      this.emit(events);
      return;
    }
    let run: StoredEvent[] = [];
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      if (event.version <= this.last) continue;
      if (event.version === this.last + 1) {
        run.push(event);
        this.last = event.version;
        continue;
      }
      // A skip ahead: hold this and everything after it until the gap is read.
      if (run.length > 0) this.emit(run);
      run = [];
      this.backlog = events.slice(index).concat(this.backlog);
      this.wanted = Math.max(this.wanted, event.version - 1);
      void this.fill();
      return;
    }
    if (run.length > 0) this.emit(run);
  }

  private async fill(): Promise<void> {
    this.filling = true;
    try {
      // A skip is read at once: every instance fans out from its one subscriber, so two instances'
      // messages no longer cross, and a skip means a message was lost (README, "Several instances").
      while (this.last < this.wanted && !this.stopped) {
        const target = this.wanted;
        for await (const batch of this.read(this.last, target)) {
          if (this.stopped) return;
          const fresh = batch.filter((event) => event.version > this.last);
          if (fresh.length === 0) continue;
          this.emit(fresh);
          this.last = fresh[fresh.length - 1].version;
        }
        // The store has less than was announced (a message from elsewhere): drop the claim, not spin.
        if (this.last < target) {
          this.wanted = this.last;
          this.backlog = this.backlog.filter((event) => event.version <= this.last + 1);
          break;
        }
      }
    } catch (error) {
      this.filling = false;
      this.fail(error);
      return;
    }
    this.filling = false;
    if (this.held || this.stopped) return;
    const backlog = this.backlog;
    this.backlog = [];
    this.take(backlog);
  }
}

/** True when the events' versions follow each other with no gap or repeat. */
function isRun(events: readonly StoredEvent[]): boolean {
  for (let index = 1; index < events.length; index++) {
    if (events[index].version !== events[index - 1].version + 1) return false;
  }
  return true;
}
