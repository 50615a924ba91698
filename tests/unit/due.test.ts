// Due dates in words against the reader's today (README, "Using a board": Overdue, Due today, Due soon).
import { describe, expect, it } from "vitest";
import { DUE_SOON_DAYS, dueDate, dueState, dueWords, localToday } from "@/app/_components/due";

describe("due dates in words", () => {
  const today = "2026-12-01";

  it("says overdue, today, soon (within two days) or just the date", () => {
    expect(dueState("2026-11-30", today)).toBe("overdue");
    expect(dueState("2026-12-01", today)).toBe("today");
    expect(dueState("2026-12-02", today)).toBe("soon");
    expect(dueState("2026-12-03", today)).toBe("soon");
    expect(DUE_SOON_DAYS).toBe(2);
    expect(dueState("2026-12-04", today)).toBe("later");
    expect(dueWords("2026-11-30", today)).toBe("Overdue: due 30 Nov 2026");
    expect(dueWords("2026-12-01", today)).toBe("Due today (1 Dec 2026)");
    expect(dueWords("2026-12-03", today)).toBe("Due soon: 3 Dec 2026");
    expect(dueWords("2026-12-04", today)).toBe("Due 4 Dec 2026");
  });

  it("counts whole days across months, years and a change of clocks", () => {
    expect(dueState("2027-01-01", "2026-12-31")).toBe("soon");
    expect(dueState("2026-03-30", "2026-03-29")).toBe("soon"); // the night the clocks go forward in Europe
    expect(dueState("2024-03-01", "2024-02-28")).toBe("soon"); // 29 February between
    expect(dueState("2024-03-02", "2024-02-28")).toBe("later");
  });

  it("writes a year before 1000 with its four digits, and reads it as that year", () => {
    expect(dueDate("0999-01-05")).toBe("5 Jan 0999");
    expect(dueDate("0042-07-01")).toBe("1 Jul 0042");
    expect(dueDate("2026-12-03")).toBe("3 Dec 2026");
    expect(dueState("0042-07-01", "0042-06-30")).toBe("soon"); // not 1942 against 0042
    expect(dueState("0099-12-31", "0100-01-01")).toBe("overdue");
  });

  it("says only the date for a completed item, or before the reader's today is known (the server's HTML)", () => {
    expect(dueWords("2026-11-30", today, true)).toBe("Due 30 Nov 2026");
    expect(dueWords("2026-11-30", undefined)).toBe("Due 30 Nov 2026");
  });

  it("takes today from the reader's own calendar, not UTC's", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
    expect(localToday(new Date(2026, 11, 31, 0, 5))).toBe("2026-12-31");
  });
});
