// Counting rate-limit windows shared by every instance without a round trip to Redis per request:
// an instance takes a window's units from the shared count a lease at a time and spends them
// locally. The first request of a window leases exactly what it costs (a visitor who sends a
// few changes a minute is counted as exactly as before); each time a window's lease runs out
// within the window the next one is twice as large, up to 1/20 of the limit (at most 1,024), so
// a busy visitor costs one call per dozens of requests. Units leased and not spent are counted
// all the same: a window with several instances refuses at most 1/20 of its limit per instance
// early, never one request late. README, "Deploy" → rate limits.

/** A window to count in: its key, length and limit. */
export interface Window {
  readonly key: string;
  readonly windowMs: number;
  readonly max: number;
}

/** Where the first window over its limit stopped a request: its index and the ms left in it. */
export interface Over {
  readonly index: number;
  readonly msLeft: number;
}

export interface Counter {
  /**
   * Adds `cost` to each window in order and stops at the first one over its limit: answers its
   * index and the ms left in it, or undefined when every window still has room.
   */
  take(windows: readonly Window[], cost: number): Promise<Over | undefined>;
}

/**
 * The shared count: adds `want[i]` to each window in order and answers, for each window it
 * reached, how many of those units were within the window's limit (`granted`, may be below 0)
 * and the ms left in the window; it stops after the first window that granted less than `cost`.
 */
export type Leaser = (
  windows: readonly Window[],
  want: readonly number[],
  cost: number,
) => Promise<readonly { granted: number; msLeft: number }[]>;

interface Lease {
  /** Units leased and not spent yet. */
  remaining: number;
  /** When the window they were leased in ends (this instance's clock). */
  endsAt: number;
  /** How many units the next lease of this window asks for. */
  next: number;
  /** The shared count reached the limit: nothing more fits until the window ends. */
  full?: boolean;
}

/** The largest lease of a window: 1/20 of its limit, at least 1, at most 1,024 units. */
export function leaseCap(max: number): number {
  return Math.max(1, Math.min(1024, Math.floor(max / 20)));
}

/** Leases that outlive their windows are dropped once this many are held. */
const SWEEP_ABOVE = 50_000;

export class LeasedCounter {
  private readonly leases = new Map<string, Lease>();
  /** The lease of a window being asked for, by the window's key. */
  private readonly leasing = new Map<string, Promise<void>>();

  constructor(
    private readonly leaser: Leaser,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes `cost` from each window, in order; answers the first window over its limit, or
   * undefined when every window had room (and then it is charged in every window).
   */
  async take(windows: readonly Window[], cost: number): Promise<Over | undefined> {
    for (;;) {
      const now = this.now();
      if (this.leases.size > SWEEP_ABOVE) this.sweep(now);
      const short: number[] = [];
      const spent: Lease[] = [];
      for (const [index, window] of windows.entries()) {
        const lease = this.current(window.key, now);
        if (lease && lease.remaining >= cost) {
          // Spent before any await: a request arriving meanwhile cannot spend the same units.
          lease.remaining -= cost;
          spent.push(lease);
        } else if (lease?.full) {
          // Counts only grow within a window: refused here, without asking Redis again.
          for (const spentLease of spent) spentLease.remaining += cost;
          return { index, msLeft: lease.endsAt - now };
        } else short.push(index);
      }
      if (short.length === 0) return undefined;
      // One lease of a window in flight at a time: the requests short of it meanwhile wait for it
      // and look again, rather than each asking Redis for a lease of its own.
      const inFlight = short.map((index) => this.leasing.get(windows[index].key)).find(Boolean);
      if (inFlight) {
        for (const lease of spent) lease.remaining += cost;
        await inFlight;
        continue;
      }
      return this.lease(windows, short, spent, cost);
    }
  }

  /** Leases the `short` windows' units from the shared count, then spends `cost` of each window. */
  private async lease(windows: readonly Window[], short: number[], spent: Lease[], cost: number) {
    const want = short.map((index) => Math.max(cost, this.leases.get(windows[index].key)?.next ?? cost));
    const call = this.leaser(
      short.map((index) => windows[index]),
      want,
      cost,
    );
    const settled = call.then(
      () => {},
      () => {},
    );
    for (const index of short) this.leasing.set(windows[index].key, settled);
    let answers: Awaited<ReturnType<Leaser>>;
    try {
      answers = await call;
    } catch (error) {
      for (const lease of spent) lease.remaining += cost;
      throw error;
    } finally {
      for (const index of short)
        if (this.leasing.get(windows[index].key) === settled) this.leasing.delete(windows[index].key);
    }
    const at = this.now();
    for (const [position, answer] of answers.entries()) {
      const index = short[position];
      const window = windows[index];
      const granted = Math.max(0, answer.granted);
      const lease = this.current(window.key, at);
      if (granted < cost) {
        // Over its limit: the request is refused, so what it spent of the other windows is theirs
        // again, and what the windows before this one were leased stays theirs to spend.
        for (const spentLease of spent) spentLease.remaining += cost;
        const kept = this.keep(window, lease, granted, answer.msLeft, at, want[position]);
        if (granted === 0) kept.full = true;
        return { index, msLeft: answer.msLeft > 0 ? answer.msLeft : window.windowMs };
      }
      const kept = this.keep(window, lease, granted, answer.msLeft, at, want[position]);
      kept.remaining -= cost;
      spent.push(kept);
    }
    return undefined;
  }

  /** Adds leased units to what a window still holds (a batch short of units may leave some). */
  private keep(
    window: Window,
    lease: Lease | undefined,
    granted: number,
    msLeft: number,
    at: number,
    asked: number,
  ): Lease {
    const endsAt = at + (msLeft > 0 ? msLeft : window.windowMs);
    const next = Math.min(leaseCap(window.max), asked * 2);
    if (!lease) {
      const fresh = { remaining: granted, endsAt, next };
      this.leases.set(window.key, fresh);
      return fresh;
    }
    lease.remaining += granted;
    lease.endsAt = endsAt;
    lease.next = Math.max(lease.next, next);
    return lease;
  }

  /** The lease held for a window still running, if any. */
  private current(key: string, now: number): Lease | undefined {
    const lease = this.leases.get(key);
    if (lease && lease.endsAt <= now) {
      this.leases.delete(key);
      return undefined;
    }
    return lease;
  }

  private sweep(now: number): void {
    for (const [key, lease] of this.leases) if (lease.endsAt <= now) this.leases.delete(key);
  }
}
