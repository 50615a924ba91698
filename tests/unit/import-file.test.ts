// What the start page says of a chosen file before sending it (README, "Moving a board").
import { describe, expect, it } from "vitest";
import { decodeFile, notes, recognise, summary } from "@/lib/client/import-file";

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

describe("reading an import file's bytes", () => {
  const json = '{"lists":[],"cards":[{"name":"Café ☕"}]}';
  const utf16 = (text: string, bigEndian: boolean) => {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes[2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
      bytes[2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
    }
    return bytes;
  };

  it("reads UTF-8 and UTF-16 (either byte order, with a byte order mark or without) as the same text", () => {
    const utf8 = new TextEncoder().encode(json);
    for (const bytes of [
      utf8,
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]),
      utf16(json, false),
      utf16(json, true),
      utf16(`\uFEFF${json}`, false),
      utf16(`\uFEFF${json}`, true),
    ]) {
      expect(decodeFile(bytes)).toEqual({ ok: true, text: json });
    }
    expect(recognise(json)).toEqual({ ok: true, what: "a Trello board with 1 card" });
  });

  it("says a file that is neither UTF-8 nor UTF-16 is not text it can read", () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"name":"Caf'), 0xe9, 0x22, 0x7d]);
    expect(decodeFile(latin1)).toEqual({
      ok: false,
      reason: "This file is not text in UTF-8 or UTF-16: choose a Driftless export or a Trello board exported as JSON.",
    });
  });
});

describe("the summary of an import", () => {
  const imported = { columns: 3, items: 7, labels: 2, checklistEntries: 1, comments: 4 };

  it("says how many of the columns and items are under Removed", () => {
    expect(summary({ imported, removed: { columns: 1, items: 2 } })).toBe(
      "3 columns (1 under Removed), 7 items (2 under Removed), 2 labels, 1 checklist entry, 4 comments imported",
    );
    expect(summary({ imported, removed: { columns: 0, items: 0 } })).toBe(
      "3 columns, 7 items, 2 labels, 1 checklist entry, 4 comments imported",
    );
  });
});

describe("what an import left out, in sentences", () => {
  it("names closed lists with their cards, then checklists and comments on cards not imported", () => {
    expect(notes({ shortened: [], leftOut: { lists: 2, cards: 5, checklists: 3, comments: 1 } })).toEqual([
      "2 closed lists were left out, with the 5 cards in them.",
      "3 checklists on cards not imported were left out.",
      "1 comment on cards not imported was left out.",
    ]);
    expect(notes({ shortened: [], leftOut: { lists: 0, cards: 0, checklists: 1, comments: 0 } })).toEqual([
      "1 checklist on cards not imported was left out.",
    ]);
    expect(notes({ shortened: [], leftOut: null })).toEqual([]);
  });
});
