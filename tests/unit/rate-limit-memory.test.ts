import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryCounter } from "@/lib/server/rate-limit-memory";

const minute = (key: string, max: number) => ({ key, max, windowMs: 60_000 });

describe("rate-limit windows in memory", () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("lets a window's limit through and refuses the next, with the time left in the window", async () => {
    const counter = new MemoryCounter();
    for (let i = 0; i < 3; i++) expect(await counter.take([minute("a", 3)], 1)).toBeUndefined();
    vi.advanceTimersByTime(20_000);
    expect(await counter.take([minute("a", 3)], 1)).toEqual({ index: 0, msLeft: 40_000 });
  });

  it("counts a request's cost in every window and names the first one over", async () => {
    const counter = new MemoryCounter();
    expect(await counter.take([minute("person", 10), minute("address", 4)], 3)).toBeUndefined();
    expect(await counter.take([minute("person", 10), minute("address", 4)], 3)).toEqual({ index: 1, msLeft: 60_000 });
    // The person's window counted both requests: 6 of 10.
    expect(await counter.take([minute("person", 10)], 5)).toEqual({ index: 0, msLeft: 60_000 });
  });

  it("starts a window afresh once it has ended, and keeps windows apart by key", async () => {
    const counter = new MemoryCounter();
    expect(await counter.take([minute("a", 1)], 1)).toBeUndefined();
    expect(await counter.take([minute("b", 1)], 1)).toBeUndefined();
    expect(await counter.take([minute("a", 1)], 1)).toBeDefined();
    vi.advanceTimersByTime(60_000);
    expect(await counter.take([minute("a", 1)], 1)).toBeUndefined();
  });
});
