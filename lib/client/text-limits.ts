// Text limits as the server counts them: in characters a person sees (code points), never in
// UTF-16 units (an emoji is two of those) — so a field takes exactly what the server will, and
// says so in words instead of cutting silently.
import { codePoints, visible } from "@/lib/domain";

/** Characters as the server counts them (code points). */
export const characters = codePoints;

// The cut is the domain's: an import cuts Trello's longer texts the same way (README, Importing from Trello).
export { cutToFit } from "@/lib/domain";

/** Nothing a person would see (white space, zero-width characters): the server refuses it as empty. */
export function isBlank(text: string): boolean {
  return !visible(text);
}

/** What is wrong with a one-line text field's value, in words, or undefined when it can be saved. */
export function lineProblem(text: string, { max, what }: { max: number; what: string }): string | undefined {
  if (isBlank(text)) return `${capitalise(what)} must not be empty.`;
  const count = characters(text.trim());
  if (count > max) {
    return `${capitalise(what)} is ${count.toLocaleString("en-US")} characters; the most is ${max}. Shorten it to save.`;
  }
  return undefined;
}

/** A pasted text with line breaks, as one line (a title has one), and whether anything changed. */
export function asOneLine(text: string): { text: string; changed: boolean } {
  const line = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ");
  return { text: line, changed: line !== text };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
