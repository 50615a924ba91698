// What the start page says of a chosen file before sending it (README, "Moving a board").
import { describe, expect, it } from "vitest";
import { recognise } from "@/lib/client/import-file";

describe("recognising an import file", () => {
  it("says an empty file is empty, not that it is not JSON", () => {
    for (const text of ["", "  \n\t", "\uFEFF"]) {
      expect(recognise(text)).toEqual({
        ok: false,
        reason: "This file is empty: choose a Driftless export or a Trello board exported as JSON.",
      });
    }
  });

  it("tells text that is not JSON, and names the two kinds it takes", () => {
    expect(recognise("just some notes")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^This file is not JSON/),
    });
    expect(recognise('{"format":"driftless-board","events":[{},{}]}')).toEqual({
      ok: true,
      what: "a Driftless export of 2 events",
    });
    expect(recognise('{"lists":[],"cards":[{}]}')).toEqual({ ok: true, what: "a Trello board with 1 card" });
    expect(recognise("[]")).toMatchObject({ ok: false, reason: expect.stringMatching(/^This file is neither/) });
  });
});
