// What text a person may put on a board: titles and names on one line, descriptions and comments
// on several, and due dates. Each rule refuses in words, before anything is decided.
import { z } from "zod";

// C0/C1 control characters, line/paragraph separators and lone UTF-16 surrogates cannot be shown, and Postgres refuses
// some of them in jsonb: they are rejected here, never at the database.
const UNPRINTABLE_LINE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// The same, with the line breaks and tabs that several lines of text are made of.
const UNPRINTABLE_TEXT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Text that shows nothing: white space, and the code points Unicode says render as nothing (zero-width spaces and
// joiners, direction marks, variation selectors, the byte order mark…), and the blank braille pattern. A title made
// of these is an empty title that looks like a bug.
const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Characters as a person counts them (code points), not UTF-16 units: 200 emoji fit in 200. */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Whether the text shows anything: a title of zero-width spaces only does not. */
export const visible = (text: string) => !INVISIBLE.test(text);

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter() : undefined;

/**
 * `text` cut to at most `max` characters (code points) without splitting what a person sees as one
 * character: a family emoji is seven code points, and cutting inside it leaves a different emoji
 * or a stray joiner; a cut never leaves half of a surrogate pair.
 */
export function cutToFit(text: string, max: number): string {
  if (codePoints(text) <= max) return text;
  if (!segmenter) return Array.from(text).slice(0, max).join("");
  let kept = "";
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = codePoints(segment);
    if (count + size > max) break;
    kept += segment;
    count += size;
  }
  return kept;
}

/** Whether a text holds something no field may (see UNPRINTABLE_LINE and UNPRINTABLE_TEXT). */
export function unprintable(text: string, { lines }: { lines: boolean }): boolean {
  return (lines ? UNPRINTABLE_TEXT : UNPRINTABLE_LINE).test(text);
}

/** Several lines as textSchema stores them: `\n` line ends, no blank lines first, no white space last. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/^(?:[^\S\n]*\n)+/, "")
    .trimEnd();
}

/** The length rule of every text field, for `.refine(...)`: at most `max` characters (code points). */
export function atMost(what: string, max: number) {
  return [
    (text: string) => codePoints(text) <= max,
    `The ${what} must be at most ${max.toLocaleString("en-US")} characters.`,
  ] as const;
}

/** What a text field may hold, for `.refine(...)`: printable text, on one line or several. */
export function printable(what: string, { lines }: { lines: boolean }) {
  return [
    (text: string) => !unprintable(text, { lines }),
    lines
      ? `The ${what} must be printable text (line breaks and tabs are fine).`
      : `The ${what} must be a single line of printable text.`,
  ] as const;
}

/** One line of text, trimmed: a title, a label's name, a checklist entry. */
export function lineSchema(what: string, max: number) {
  const empty = `The ${what} must not be empty.`;
  return z
    .string({ error: `The ${what} must be text.` })
    .trim()
    .min(1, empty)
    .refine(visible, empty)
    .refine(...atMost(what, max))
    .refine(...printable(what, { lines: false }));
}

/**
 * Several lines, as a person writes them in a text area: line ends made `\n` (a Windows `\r\n` and
 * an old Mac `\r` alike), blank lines at the start and white space at the end dropped (they only
 * push the text around), the indentation of the first line and everything inside kept.
 */
export function textSchema(what: string, { min, max }: { min: 0 | 1; max: number }) {
  const empty = min === 0 ? `The ${what} must be empty ("") or have visible text.` : `The ${what} must not be empty.`;
  return z
    .string({ error: `The ${what} must be text.` })
    .overwrite(normaliseText)
    .min(min, empty)
    .refine((text) => text === "" || visible(text), empty)
    .refine(...atMost(what, max))
    .refine(...printable(what, { lines: true }));
}

/** Whether `year-month-day` is a day of the (proleptic Gregorian) calendar. */
function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** A day, as a date field gives it (`YYYY-MM-DD`, a real date), or null for none. */
export const dueSchema = z
  .string({ error: "The due date must be a date (YYYY-MM-DD) or null." })
  .refine(isCalendarDate, "The due date must be a real date written YYYY-MM-DD (2027-01-31), or null.")
  .nullable();
