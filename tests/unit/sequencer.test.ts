import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/domain";
import { Sequencer } from "@/lib/server/live/sequencer";

// A log of versions 1..n; the "store" serves ranges of it two at a time and counts its reads.
function harness({ logLength, last = 0, held = false }: { logLength: number; last?: number; held?: boolean }) {
  const log: StoredEvent[] = Array.from({ length: logLength }, (_, index) => event(index + 1));
  const emitted: number[] = [];
  const reads: Array<[number, number]> = [];
  const errors: unknown[] = [];
  const sequencer = new Sequencer(
    last,
    async function* (after, upTo) {
      reads.push([after, upTo]);
      const wanted = log.filter((e) => e.version > after && e.version <= upTo);
      for (let index = 0; index < wanted.length; index += 2) {
        await Promise.resolve();
        yield wanted.slice(index, index + 2);
      }
    },
    (events) => emitted.push(...events.map((e) => e.version)),
    (error) => errors.push(error),
    { held },
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return { log, emitted, reads, errors, sequencer, settle };
}

function event(version: number): StoredEvent {
  return {
    version,
    type: "BoardRenamed",
    data: { title: `v${version}` },
    commandId: `c${version}`,
    actor: { id: "a", name: "A" },
    at: "2026-01-01T00:00:00.000Z",
  };
}

const events = (...versions: number[]) => versions.map(event);

describe("Sequencer", () => {
  it("emits contiguous events at once, without reading the store", () => {
    const { emitted, reads, sequencer } = harness({ logLength: 3 });
    sequencer.offer(events(1, 2));
    sequencer.offer(events(3));
    expect(emitted).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
  });

  it("drops duplicates and versions it already sent", () => {
    const { emitted, sequencer } = harness({ logLength: 3, last: 1 });
    sequencer.offer(events(1, 2));
    sequencer.offer(events(2));
    sequencer.offer(events(3, 3));
    expect(emitted).toEqual([2, 3]);
  });

  it("reads a skipped range from the store before sending what comes after it", async () => {
    const { emitted, reads, sequencer, settle } = harness({ logLength: 7 });
    sequencer.offer(events(1));
    sequencer.offer(events(5)); // 2..4 were lost
    sequencer.offer(events(6)); // arrives while the gap is being read
    sequencer.offer(events(3)); // a late duplicate of what the read delivers
    expect(sequencer.busy).toBe(true);
    await settle();
    sequencer.offer(events(7));
    expect(emitted).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reads).toEqual([[1, 4]]);
    expect(sequencer.busy).toBe(false);
  });

  it("holds everything offered until released, then drops what the caller's catch-up already sent", () => {
    const { emitted, sequencer } = harness({ logLength: 5, held: true });
    sequencer.offer(events(3, 4));
    sequencer.offer(events(5));
    expect(emitted).toEqual([]);
    sequencer.release(3);
    expect(emitted).toEqual([4, 5]);
  });

  it("catches up to a head it is told about (a lost publish)", async () => {
    const { emitted, reads, sequencer, settle } = harness({ logLength: 5, last: 2 });
    sequencer.catchUpTo(5);
    await settle();
    expect(emitted).toEqual([3, 4, 5]);
    expect(reads).toEqual([[2, 5]]);
    sequencer.catchUpTo(4);
    await settle();
    expect(reads).toHaveLength(1);
  });

  it("drops an announcement the store cannot back, instead of reading forever", async () => {
    const { emitted, reads, sequencer, settle } = harness({ logLength: 2 });
    sequencer.offer(events(1));
    sequencer.offer(events(9));
    await settle();
    expect(emitted).toEqual([1, 2]);
    expect(reads).toEqual([[1, 8]]);
    expect(sequencer.busy).toBe(false);
    sequencer.offer(events(3));
    expect(emitted).toEqual([1, 2, 3]);
  });

  it("catches up to a head it is told about while held, once released", async () => {
    const { emitted, reads, sequencer, settle } = harness({ logLength: 6, held: true });
    sequencer.catchUpTo(6);
    expect(reads).toEqual([]);
    sequencer.release(4);
    await settle();
    expect(emitted).toEqual([5, 6]);
    expect(reads).toEqual([[4, 6]]);
  });

  it("emits nothing more once stopped, not even what a read in flight brings", async () => {
    const { emitted, sequencer, settle } = harness({ logLength: 5 });
    sequencer.offer(events(1));
    sequencer.offer(events(4));
    sequencer.stop();
    await settle();
    sequencer.offer(events(5));
    expect(emitted).toEqual([1]);
  });

  it("reports a failed read and stops", async () => {
    const errors: unknown[] = [];
    const sequencer = new Sequencer(
      0,
      // biome-ignore lint/correctness/useYield: a store that fails before answering
      async function* () {
        throw new Error("store down");
      },
      () => {},
      (error) => errors.push(error),
    );
    sequencer.offer(events(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(errors).toHaveLength(1);
  });
});
