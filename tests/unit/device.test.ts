// The boards this device lists on its start page (README, "Using a board"), kept in localStorage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addRecentBoard,
  forgetRecentBoard,
  noteViewToken,
  RECENT_MAX,
  readRecentBoards,
  watchRecentBoards,
} from "@/lib/client/device";

beforeEach(() => {
  const kept = new Map<string, string>();
  vi.stubGlobal(
    "window",
    Object.assign(new EventTarget(), {
      localStorage: {
        getItem: (key: string) => kept.get(key) ?? null,
        setItem: (key: string, value: string) => void kept.set(key, value),
        removeItem: (key: string) => void kept.delete(key),
      },
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("the boards listed on this device", () => {
  it("tells the start page of each change to the list, in this tab and from another, until it stops watching", () => {
    let told = 0;
    const stop = watchRecentBoards(() => told++);
    addRecentBoard("one", "Imported here"); // the start page's import adds its board so
    noteViewToken("one", "token");
    forgetRecentBoard("one");
    expect(told).toBe(3);
    // Another tab's change arrives as a storage event; other keys are not the list's.
    window.dispatchEvent(Object.assign(new Event("storage"), { key: "driftless:boards" }));
    window.dispatchEvent(Object.assign(new Event("storage"), { key: "driftless:name" }));
    expect(told).toBe(4);
    stop();
    addRecentBoard("two", "Unwatched");
    expect(told).toBe(4);
  });

  it("lists the last 50 opened, most recent first", () => {
    for (let n = 1; n <= RECENT_MAX + 3; n++) addRecentBoard(`board-${n}`, `Board ${n}`);
    const listed = readRecentBoards();
    expect(RECENT_MAX).toBe(50);
    expect(listed).toHaveLength(RECENT_MAX);
    expect(listed[0].boardId).toBe(`board-${RECENT_MAX + 3}`);
  });

  it("remembers every read-only link a board page showed, newest first, across renames", () => {
    addRecentBoard("one", "Plans");
    noteViewToken("one", "token-old");
    noteViewToken("one", "token-new"); // replaced here, or another page showed a newer one
    addRecentBoard("one", "Plans, renamed");
    noteViewToken("one", "token-old"); // a page from a cache showing the old link
    const [board] = readRecentBoards();
    expect(board.title).toBe("Plans, renamed");
    expect(board.viewTokens).toEqual(["token-old", "token-new"]);
  });
});
