"use client";
// Who has the board open (README, "Presence"): one entry per person with their colour, this
// device's own marked "(you)", and how many read-only links are open, in words.
import { useEffect, useId, useState } from "react";
import { personColour } from "@/lib/client/person-colour";
import { selectPeopleHere } from "@/lib/client/selectors";
import { useAppSelector } from "@/lib/client/store";

const NUMBERS = ["no one", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "one", "two", … "ten", then digits. */
export function inWords(count: number): string {
  return NUMBERS[count] ?? count.toLocaleString("en-US");
}

/**
 * How long the list stays while the stream is away: a stream ending on purpose is back within a
 * second, and the list should not blink then; a server that stopped answering says nothing more.
 */
export const PRESENCE_STALE_MS = 5000;

/** True once `away` has held for `ms` without a break. */
function useAwayFor(away: boolean, ms: number): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    setLong(false);
    if (!away) return;
    const timer = setTimeout(() => setLong(true), ms);
    return () => clearTimeout(timer);
  }, [away, ms]);
  return long;
}

export function PeopleHere() {
  const id = useId();
  const people = useAppSelector(selectPeopleHere);
  const viewers = useAppSelector((state) => state.presence.viewers);
  const me = useAppSelector((state) => state.board.me);
  const lost = useAwayFor(useAppSelector((state) => state.board.connection) !== "live", PRESENCE_STALE_MS);
  // Not connected (offline, or the stream gone for a while): the page cannot know who is here.
  if (people === null || lost) return null;
  return (
    <div className="people-here">
      <span id={id} className="people-here-label">
        People here
      </span>
      {/* role=list: some browsers drop list semantics from an unstyled list. */}
      {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
      <ul role="list" aria-labelledby={id}>
        {people.map((person) => {
          const colour = personColour(person.id);
          return (
            <li key={person.id}>
              <span
                className="person-swatch"
                aria-hidden="true"
                style={{ "--person-light": colour.light, "--person-dark": colour.dark } as React.CSSProperties}
              />
              {person.name}
              {person.id === me?.id ? " (you)" : ""}
            </li>
          );
        })}
      </ul>
      {viewers > 0 ? (
        <span className="people-here-viewers">
          {people.length > 0 ? "and " : ""}
          {inWords(viewers)} viewing read-only
        </span>
      ) : null}
    </div>
  );
}
