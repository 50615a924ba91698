// The names of a comment's Edit and Remove buttons (README, "Items"): every one on a list is its own.
import { describe, expect, it } from "vitest";
import { commentNames, opening } from "@/app/b/[boardId]/item/comment-names";

const sameMinute = () => "Dec 2, 2026, 10:16 AM";

describe("comment button names", () => {
  it("name a comment by its opening words and its time", () => {
    const names = commentNames(
      [{ commentId: "c1", text: "I can go on Friday", at: "2026-12-02T10:16:05Z" }],
      sameMinute,
    );
    expect(names.get("c1")).toBe("your comment “I can go on Friday” of Dec 2, 2026, 10:16 AM");
  });

  it("tell apart two comments written in the same minute", () => {
    const names = commentNames(
      [
        { commentId: "c1", text: "Friday works", at: "2026-12-02T10:16:05Z" },
        { commentId: "c2", text: "Or Saturday", at: "2026-12-02T10:16:40Z" },
      ],
      sameMinute,
    );
    expect(names.get("c1")).not.toBe(names.get("c2"));
    expect(names.get("c2")).toBe("your comment “Or Saturday” of Dec 2, 2026, 10:16 AM");
  });

  it("number comments that open alike in the same minute, in list order", () => {
    const names = commentNames(
      [
        { commentId: "c1", text: "Yes", at: "2026-12-02T10:16:05Z" },
        { commentId: "c2", text: "Other", at: "2026-12-02T10:16:10Z" },
        { commentId: "c3", text: "Yes", at: "2026-12-02T10:16:40Z" },
      ],
      sameMinute,
    );
    expect(names.get("c1")).toBe("your comment “Yes” of Dec 2, 2026, 10:16 AM (1)");
    expect(names.get("c3")).toBe("your comment “Yes” of Dec 2, 2026, 10:16 AM (2)");
    expect(names.get("c2")).toBe("your comment “Other” of Dec 2, 2026, 10:16 AM");
    expect(new Set(names.values()).size).toBe(3);
  });

  it("shorten a long comment to its first words, and a long word to 40 characters", () => {
    expect(opening("one two three four five six seven")).toBe("one two three four five six…");
    expect(opening("  line one\n\nline   two ")).toBe("line one line two");
    expect(opening("x".repeat(60))).toBe(`${"x".repeat(40)}…`);
    expect(opening("👍".repeat(41))).toBe(`${"👍".repeat(40)}…`);
  });
});
