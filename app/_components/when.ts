// A moment as a person reads it, in their own locale and time zone. A time that cannot be read
// (a change not stamped yet) reads "just now" rather than breaking the page.
const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function moment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "just now" : format.format(date);
}
