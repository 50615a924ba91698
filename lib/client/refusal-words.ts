// A refusal's reason as a person reads it. The server names what it never had by its id ("There
// is no item 8B3i… on this board."): a person only ever acts on what their screen showed, so such a
// thing was one this device added and whose adding did not go through (refused, or left unsent).
// The id means nothing to them; the sentence says that instead.
const NEVER_ON_BOARD = /^There is no (item|column|label|comment) \S+ on this board\.$/;
const NO_SUCH_ENTRY = /^(Item “.*”) has no checklist entry \S+\.$/;

export function inWords(reason: string): string {
  const never = NEVER_ON_BOARD.exec(reason);
  if (never) return `that ${never[1]} is not on the board (adding it did not go through).`;
  const entry = NO_SUCH_ENTRY.exec(reason);
  if (entry) return `${entry[1]} does not have that checklist entry (adding it did not go through).`;
  return reason;
}
