import { describe, expect, it } from "vitest";
import { LeasedCounter, type Leaser, leaseCap, type Window } from "@/lib/server/rate-limit-leases";

/** The shared count as the Redis script keeps it: fixed windows, units added as leased. */
function sharedCount(clock: { now: number }) {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let calls = 0;
  const leaser: Leaser = async (asked, want, cost) => {
    calls++;
    await new Promise((resolve) => setImmediate(resolve)); // a round trip
    const answers = [];
    for (const [index, window] of asked.entries()) {
      let counted = windows.get(window.key);
      if (!counted || counted.endsAt <= clock.now) {
        counted = { count: 0, endsAt: clock.now + window.windowMs };
        windows.set(window.key, counted);
      }
      counted.count += want[index];
      const granted = Math.min(want[index], window.max - (counted.count - want[index]));
      answers.push({ granted, msLeft: counted.endsAt - clock.now });
      if (granted < cost) break;
    }
    return answers;
  };
  return {
    leaser,
    calls: () => calls,
    counted: (key: string) => windows.get(key)?.count ?? 0,
  };
}

const minute = (key: string, max: number): Window => ({ key, max, windowMs: 60_000 });

/** Takes until refused (or `most` passed): how many passed. */
async function passes(counter: LeasedCounter, windows: Window[], most = 100_000): Promise<number> {
  let passed = 0;
  while (passed < most && (await counter.take(windows, 1)) === undefined) passed++;
  return passed;
}

describe("leased rate-limit windows", () => {
  it("count a small limit exactly, one call per request, and refuse with the time left", async () => {
    const clock = { now: 1_000 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    expect(await passes(counter, [minute("actor:a", 5)])).toBe(5);
    expect(shared.calls()).toBe(6);
    clock.now += 20_000;
    expect(await counter.take([minute("actor:a", 5)], 1)).toEqual({ index: 0, msLeft: 40_000 });
  });

  it("lease exactly the cost for a window's first request, then twice as much each time up to the cap", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    const actor = minute("actor:b", 1200);
    await counter.take([actor], 1);
    expect(shared.counted("actor:b")).toBe(1);
    expect(await passes(counter, [actor], 999)).toBe(999);
    // 1 + 2 + 4 + … up to the cap of 60, then 60 at a time.
    expect(leaseCap(1200)).toBe(60);
    expect(shared.calls()).toBeLessThan(25);
    expect(shared.counted("actor:b")).toBeGreaterThanOrEqual(1000);
    expect(shared.counted("actor:b")).toBeLessThan(1000 + 60);
  });

  it("never let more through than the limit across instances, and refuse at most a cap per instance early", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const instances = [0, 1, 2].map(() => new LeasedCounter(shared.leaser, () => clock.now));
    const window = minute("ip:10.0.0.1", 3000);
    let passed = 0;
    // Round-robin over the instances until every one of them refuses.
    const open = new Set(instances);
    for (let turn = 0; open.size > 0; turn++) {
      const instance = instances[turn % 3];
      if (!open.has(instance)) continue;
      if ((await instance.take([window], 1)) === undefined) passed++;
      else open.delete(instance);
    }
    expect(passed).toBeLessThanOrEqual(3000);
    expect(passed).toBeGreaterThanOrEqual(3000 - 3 * leaseCap(3000));
  });

  it("never spend units twice when requests overlap a lease in flight", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    const window = minute("actor:c", 400);
    const answers = await Promise.all(Array.from({ length: 600 }, () => counter.take([window], 1)));
    const passed = answers.filter((answer) => answer === undefined).length;
    expect(passed).toBeLessThanOrEqual(400);
    expect(passed).toBeGreaterThanOrEqual(400 - leaseCap(400));
    expect(shared.counted("actor:c")).toBeGreaterThanOrEqual(passed);
    // One lease in flight per window: the requests short of units wait for it, not each its own.
    expect(shared.calls()).toBeLessThan(50);
  });

  it("start afresh when the window ends: units leased in the last one are not spent in the next", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    const window = minute("actor:d", 100);
    expect(await passes(counter, [window], 30)).toBe(30);
    clock.now += 60_000;
    const before = shared.calls();
    await counter.take([window], 1);
    expect(shared.calls()).toBe(before + 1);
    expect(shared.counted("actor:d")).toBe(1);
  });

  it("charge no window when a later one refuses, and keep its units for the next request", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    const actor = minute("actor:e", 1000);
    const ip = minute("ip:10.0.0.2", 3);
    expect(await passes(counter, [actor, ip])).toBe(3);
    // The actor's window still has every unit the refused request held: only 3 were spent.
    expect(await passes(counter, [actor], 997)).toBe(997);
    expect(await counter.take([actor], 1)).toMatchObject({ index: 0 });
  });

  it("refuse a batch larger than what is left, and keep what is left for smaller ones", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    const counter = new LeasedCounter(shared.leaser, () => clock.now);
    const actor = minute("actor:f", 5);
    expect(await counter.take([actor], 3)).toBeUndefined();
    expect(await counter.take([actor], 3)).toMatchObject({ index: 0 });
    expect(await counter.take([actor], 1)).toBeUndefined();
    expect(await counter.take([actor], 1)).toBeUndefined();
    expect(await counter.take([actor], 1)).toMatchObject({ index: 0 });
  });

  it("give back what a request spent when the shared count cannot be reached", async () => {
    const clock = { now: 0 };
    const shared = sharedCount(clock);
    let failing = false;
    const counter = new LeasedCounter(
      (windows, want, cost) => (failing ? Promise.reject(new Error("down")) : shared.leaser(windows, want, cost)),
      () => clock.now,
    );
    const actor = minute("actor:g", 1000);
    const ip = minute("ip:10.0.0.3", 1000);
    expect(await passes(counter, [actor], 40)).toBe(40);
    failing = true;
    await expect(counter.take([actor, ip], 1)).rejects.toThrow("down");
    failing = false;
    // The actor's units spent by the failed request came back: 1000 pass in all, not 999.
    expect(await passes(counter, [actor])).toBe(960);
  });
});
