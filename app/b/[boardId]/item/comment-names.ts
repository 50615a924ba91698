// What a comment's Edit and Remove buttons say to a screen reader after their visible word: the
// comment's opening words and when it was written. Two comments written in the same minute that
// open alike get "(1)", "(2)"… in list order, so every button on the list has a name of its own.
import type { CommentState } from "@/lib/domain";

const OPENING_WORDS = 6;
const OPENING_CHARACTERS = 40;

export function opening(text: string): string {
  const words = text.trim().split(/\s+/);
  let shown = words.slice(0, OPENING_WORDS).join(" ");
  let cut = words.length > OPENING_WORDS;
  const chars = Array.from(shown);
  if (chars.length > OPENING_CHARACTERS) {
    shown = chars.slice(0, OPENING_CHARACTERS).join("").trimEnd();
    cut = true;
  }
  return cut ? `${shown}…` : shown;
}

export function commentNames(
  comments: readonly Pick<CommentState, "commentId" | "text" | "at">[],
  moment: (iso: string) => string,
): Map<string, string> {
  const named = comments.map((comment) => ({
    commentId: comment.commentId,
    name: `your comment “${opening(comment.text)}” of ${moment(comment.at)}`,
  }));
  const uses = new Map<string, number>();
  for (const { name } of named) uses.set(name, (uses.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const { commentId, name } of named) {
    if (uses.get(name) === 1) {
      names.set(commentId, name);
      continue;
    }
    const nth = (seen.get(name) ?? 0) + 1;
    seen.set(name, nth);
    names.set(commentId, `${name} (${nth})`);
  }
  return names;
}
