// The board as it is now, as a spreadsheet (README, "Moving a board"): one row per item on the
// board, in display order, with names where the state has ids. RFC 4180: CRLF between records,
// every field that holds a comma, a quote or a line break quoted, quotes doubled.
import { type BoardState, columnsInOrder, itemsInOrder } from "./state";

export const CSV_HEADER = [
  "Column",
  "Title",
  "Completed",
  "Due",
  "Labels",
  "Assignees",
  "Checklist",
  "Description",
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `@SUM`,
// `+1+cmd|…`): such a cell gets a leading apostrophe, which shows it as the text it is (OWASP,
// "CSV Injection"; tab and carriage return are on its list too).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, neutralised and quoted as RFC 4180 asks. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function record(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * The CSV text of a board: a header, then a row per item. A byte order mark leads, so that Excel
 * reads the file as UTF-8 (without it, names and emoji come out garbled there).
 */
export function boardCsv(state: BoardState): string {
  const rows = [record(CSV_HEADER)];
  const labelName = (labelId: string) => state.labels.get(labelId)?.name ?? "";
  const memberName = (memberId: string) => state.members.get(memberId)?.name ?? memberId;
  for (const column of columnsInOrder(state)) {
    for (const item of itemsInOrder(state, column.columnId)) {
      const done = item.checklist.filter((entry) => entry.done).length;
      rows.push(
        record([
          column.title,
          item.title,
          item.completed ? "yes" : "no",
          item.due ?? "",
          item.labels.map(labelName).filter(Boolean).join(", "),
          item.assignees.map(memberName).join(", "),
          item.checklist.length === 0 ? "" : `${done}/${item.checklist.length}`,
          item.description,
        ]),
      );
    }
  }
  return `\ufeff${rows.join("\r\n")}\r\n`;
}
