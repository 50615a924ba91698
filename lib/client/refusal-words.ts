// A refusal's reason as a person reads it. The server names what it never had by its id ("There
// is no item 8B3i… on this board."): a person only ever acts on what their screen showed, so such a
// thing was one this device added and whose adding did not go through (refused, or left unsent).
// The id means nothing to them; the sentence says that instead.
const NEVER_ON_BOARD = /^There is no (item|column|label|comment) \S+ on this board\.$/;
const NO_SUCH_ENTRY = /^(Item “.*”) has no checklist entry \S+\.$/;

//
// A checklist entry is removed for good, so the server says the same of one removed since: a
// queued change to it is told both ways; an undo, whose step was made on the entry, knows it was
// there (`existed`).
export function inWords(reason: string, { existed = false }: { existed?: boolean } = {}): string {
  const never = NEVER_ON_BOARD.exec(reason);
  if (never)
    return existed
      ? `That ${never[1]} was removed.`
      : `that ${never[1]} is not on the board (adding it did not go through).`;
  const entry = NO_SUCH_ENTRY.exec(reason);
  if (entry) {
    return existed
      ? `${entry[1]} no longer has that checklist entry: it was removed.`
      : `${entry[1]} no longer has that checklist entry (someone removed it, or adding it did not go through).`;
  }
  return reason;
}
