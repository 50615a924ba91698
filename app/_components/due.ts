// Due dates in words, against a person's today: "Overdue", "Due today", "Due soon" (within two
// days) or the date. The board's fold keeps only the day (YYYY-MM-DD); today is the reader's.

export type DueState = "overdue" | "today" | "soon" | "later";

export const DUE_SOON_DAYS = 2;

/** Today in the reader's own calendar, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

// Parsed as an ISO day, not through Date.UTC, which reads the years 0–99 as 1900–1999.
const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export function dueState(due: string, today: string): DueState {
  const days = dayNumber(due) - dayNumber(today);
  if (days < 0) return "overdue";
  if (days === 0) return "today";
  if (days <= DUE_SOON_DAYS) return "soon";
  return "later";
}

const format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/**
 * "3 Dec 2026" for YYYY-MM-DD (the day itself, whatever the reader's time zone); a value that is no
 * such day (which the server never stores) is shown as it is rather than stopping the page.
 */
export function dueDate(due: string): string {
  const day = new Date(`${due}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return due;
  // The year as it was typed, four digits: "5 Jan 0999", not "5 Jan 999".
  return format
    .formatToParts(day)
    .map((part) => (part.type === "year" ? part.value.padStart(4, "0") : part.value))
    .join("");
}

/** The due date as a person reads it at a glance, with the words that make its state clear. */
export function dueWords(due: string, today: string | undefined, completed = false): string {
  const date = dueDate(due);
  if (completed || today === undefined) return `Due ${date}`;
  switch (dueState(due, today)) {
    case "overdue":
      return `Overdue: due ${date}`;
    case "today":
      return `Due today (${date})`;
    case "soon":
      return `Due soon: ${date}`;
    default:
      return `Due ${date}`;
  }
}
