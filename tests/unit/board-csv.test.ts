// The board as CSV (README, "Moving a board"): one row per item, names instead of ids, RFC 4180
// quoting, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from "vitest";
import { emptyBoard, fold } from "@/lib/domain";
import { boardCsv, csvField } from "@/lib/domain/board-csv";
import { ANA, by, DOING, detailedBoard, itemAdded, itemRemoved, TEA, TODO } from "./given";

/** Rows as a CSV reader gives them back (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\ufeff")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(row).toEqual([]);
  return rows;
}

describe("the board as CSV", () => {
  it("has a header and one row per item on the board, in display order, with label and member names", () => {
    const state = fold(emptyBoard, [...detailedBoard, ...by(ANA, itemRemoved(TEA))]);
    const rows = parseCsv(boardCsv(state));
    expect(rows[0]).toEqual(["Column", "Title", "Completed", "Due", "Labels", "Assignees", "Checklist", "Description"]);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ["To do", "Milk"],
      ["To do", "Eggs"],
      ["To do", "Bread"],
    ]);
    expect(rows[1]).toEqual([
      "To do",
      "Milk",
      "no",
      "2027-01-31",
      "Urgent",
      "Ana",
      "1/2",
      "Oat, not cow.\nTwo litres.",
    ]);
    expect(rows[2]).toEqual(["To do", "Eggs", "no", "", "", "", "", ""]);
  });

  it("quotes what needs quoting: commas, quotes and line breaks come back as written", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('Say "hi", then go')).toBe('"Say ""hi"", then go"');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
    const state = fold(emptyBoard, [
      ...by(
        ANA,
        { type: "BoardCreated", data: { title: "B" } },
        { type: "ColumnAdded", data: { columnId: DOING, title: 'A "quoted", column', position: "a0" } },
      ),
      ...by(ANA, itemAdded(TEA, DOING, "Tea, hot", "a0")),
    ]);
    expect(parseCsv(boardCsv(state))[1].slice(0, 2)).toEqual(['A "quoted", column', "Tea, hot"]);
  });

  it("neutralises cells a spreadsheet would run as a formula with a leading apostrophe", () => {
    for (const formula of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]) {
      expect(csvField(formula).replace(/^"|"$/g, "").replaceAll('""', '"')).toBe(`'${formula}`);
    }
    const state = fold(emptyBoard, [
      ...by(
        ANA,
        { type: "BoardCreated", data: { title: "B" } },
        { type: "ColumnAdded", data: { columnId: TODO, title: "=cmd|' /C calc'!A0", position: "a0" } },
      ),
      ...by(ANA, itemAdded(TEA, TODO, "@SUM(1+1)", "a0")),
    ]);
    expect(parseCsv(boardCsv(state))[1].slice(0, 2)).toEqual(["'=cmd|' /C calc'!A0", "'@SUM(1+1)"]);
  });
});
