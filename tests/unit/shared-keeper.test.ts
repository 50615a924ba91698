import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isKeptForOffline, markKeptForOffline } from "@/lib/client/offline-ready";
import { AT_MOST_EVERY_MS, keepSharedPage, QUIET_MS } from "@/lib/client/shared-keeper";

function worker(answer = true) {
  const asked: number[] = [];
  let online = true;
  return {
    asked,
    goOffline: () => {
      online = false;
    },
    environment: {
      keepAgain: async () => {
        asked.push(Date.now());
        return answer;
      },
      online: () => online,
      now: () => Date.now(),
    },
  };
}

describe("keeping the read-only page's copy current", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it("fetches the page again once changes settle, not once per change", async () => {
    const { asked, environment } = worker();
    const keeper = keepSharedPage("/r/x", environment);
    keeper.changed();
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    keeper.changed();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([QUIET_MS * 1.5]);
    await vi.advanceTimersByTimeAsync(AT_MOST_EVERY_MS * 3);
    expect(asked).toHaveLength(1); // nothing changed since
    keeper.stop();
  });

  it("a board that never settles is fetched again now and then, never more often", async () => {
    const { asked, environment } = worker();
    const keeper = keepSharedPage("/r/x", environment);
    for (let t = 0; t < AT_MOST_EVERY_MS * 4; t += QUIET_MS / 4) {
      keeper.changed();
      await vi.advanceTimersByTimeAsync(QUIET_MS / 4);
    }
    expect(asked.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < asked.length; i++) expect(asked[i] - asked[i - 1]).toBeGreaterThanOrEqual(AT_MOST_EVERY_MS);
    keeper.stop();
  });

  it("asks nothing offline, where the worker could only keep the old copy", async () => {
    const { asked, environment, goOffline } = worker();
    goOffline();
    const keeper = keepSharedPage("/r/x", environment);
    keeper.changed();
    await vi.advanceTimersByTimeAsync(AT_MOST_EVERY_MS * 2);
    keeper.gone();
    expect(asked).toEqual([]);
    keeper.stop();
  });

  it("a link that stopped working is fetched at once, and the page is no longer said to be kept", async () => {
    const { asked, environment } = worker(false);
    markKeptForOffline("/r/gone");
    const keeper = keepSharedPage("/r/gone", environment);
    keeper.gone();
    expect(asked).toEqual([0]);
    await vi.advanceTimersByTimeAsync(0);
    expect(isKeptForOffline("/r/gone")).toBe(false);
    keeper.stop();
  });

  it("stop cancels a fetch not made yet", async () => {
    const { asked, environment } = worker();
    const keeper = keepSharedPage("/r/x", environment);
    keeper.changed();
    keeper.stop();
    await vi.advanceTimersByTimeAsync(AT_MOST_EVERY_MS * 2);
    expect(asked).toEqual([]);
  });
});
