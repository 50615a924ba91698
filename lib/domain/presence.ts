// Who has a board open, in the one shape the server keeps it in its presence store and sends it
// in `event: presence` frames (README, "Presence"), read back the same way on both sides. Presence
// is not history: nothing of it enters the log or the fold.

/** A person present on a board: their pseudonym there and their display name. */
export interface Person {
  readonly id: string;
  readonly name: string;
}

/** The people with a board open (one entry each, however many tabs) and the read-only viewers. */
export interface Presence {
  readonly people: readonly Person[];
  readonly viewers: number;
}

/** A presence read back from its JSON, or undefined when it is not one (foreign, damaged, another version's). */
export function parsePresence(text: string): Presence | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { people, viewers } = value as { people?: unknown; viewers?: unknown };
  if (!Array.isArray(people) || typeof viewers !== "number" || !Number.isInteger(viewers) || viewers < 0)
    return undefined;
  const valid = people.filter(
    (person): person is Person =>
      typeof person === "object" && person !== null && typeof person.id === "string" && typeof person.name === "string",
  );
  return { people: valid.map(({ id, name }) => ({ id, name })), viewers };
}
