// The places for event streams on this instance: at most so many per client address, and so many
// in all. A place is given back when the stream's response has really ended (its bytes sent, or
// its connection gone), not when the stream stops writing: a client that stopped reading keeps
// its place while its connection is open, so it cannot open one more in its stead.
import type { Rejection } from "@/lib/domain";

export interface SlotLimits {
  readonly perAddress: number;
  readonly perInstance: number;
}

export type Slot = { readonly ok: true; release(): void } | { readonly ok: false; readonly rejection: Rejection };

export class StreamSlots {
  private readonly perAddress = new Map<string, number>();
  private taken = 0;

  constructor(private readonly limits: SlotLimits) {}

  /** A place for one more stream from `address`, or the rejection that says why not. */
  take(address: string): Slot {
    const fromAddress = this.perAddress.get(address) ?? 0;
    if (fromAddress >= this.limits.perAddress) {
      return refused(`Too many open streams from one address (at most ${this.limits.perAddress}); close some tabs.`);
    }
    if (this.taken >= this.limits.perInstance) {
      return refused("This server holds as many streams as it may; try again in a moment.");
    }
    this.perAddress.set(address, fromAddress + 1);
    this.taken++;
    let held = true;
    return {
      ok: true,
      release: () => {
        if (!held) return;
        held = false;
        this.taken--;
        const left = (this.perAddress.get(address) ?? 1) - 1;
        if (left > 0) this.perAddress.set(address, left);
        else this.perAddress.delete(address);
      },
    };
  }

  /** Places taken, in all and by how many addresses. */
  counts(): { taken: number; addresses: number } {
    return { taken: this.taken, addresses: this.perAddress.size };
  }
}

function refused(reason: string): Slot {
  return { ok: false, rejection: { code: "rate_limited", reason } };
}
