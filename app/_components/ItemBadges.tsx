// What a card tells at a glance: its labels, due date, checklist progress, comments, description
// and the people on it — each in words for assistive tools, not only as colour or initials.
// Used by the board (client) and by the read-only and history pages (server).
import type { LabelColor } from "@/lib/domain";
import { dueState, dueWords } from "./due";

export interface BadgeItem {
  readonly completed: boolean;
  readonly description: string;
  readonly due: string | null;
  readonly checklist: readonly { readonly done: boolean }[];
  readonly comments: readonly unknown[];
}

/** What the card's ids name: its labels and its people, found by the caller (a store or a view). */
export interface BadgeNames {
  readonly labels: readonly { readonly labelId: string; readonly name: string; readonly color: LabelColor }[];
  readonly assignees: readonly { readonly memberId: string; readonly name: string }[];
  /** The reader's today (YYYY-MM-DD); unknown while the page hydrates, then it is filled in. */
  readonly today?: string;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => Array.from(word)[0]?.toUpperCase() ?? "").join("") || "?";
}

export function LabelChip({ name, color }: { name: string; color: LabelColor }) {
  return (
    <span className={`label-chip label-${color}`}>
      <span className="visually-hidden">Label: </span>
      {name}
    </span>
  );
}

export function ItemBadges({ item, names }: { item: BadgeItem; names: BadgeNames }) {
  const { labels: shown, assignees, today } = names;
  const done = item.checklist.filter((entry) => entry.done).length;
  const total = item.checklist.length;
  const comments = item.comments.length;
  const state = item.due && today && !item.completed ? dueState(item.due, today) : undefined;
  if (shown.length + total + comments + assignees.length === 0 && !item.due && !item.description) return null;
  return (
    <span className="badges">
      {shown.map((label) => (
        <LabelChip key={label.labelId} name={label.name} color={label.color} />
      ))}
      {item.due ? (
        <span className={`badge due${state ? ` ${state}` : ""}`}>{dueWords(item.due, today, item.completed)}</span>
      ) : null}
      {total > 0 ? (
        <span className={`badge checklist${done === total ? " complete" : ""}`}>
          <span aria-hidden="true">
            ☑ {done}/{total}
          </span>
          <span className="visually-hidden">
            Checklist: {done} of {total} done
          </span>
        </span>
      ) : null}
      {comments > 0 ? (
        <span className="badge comments">
          <span aria-hidden="true">✉ {comments}</span>
          <span className="visually-hidden">
            {comments} {comments === 1 ? "comment" : "comments"}
          </span>
        </span>
      ) : null}
      {item.description ? (
        <span className="badge described">
          <span aria-hidden="true">≡</span>
          <span className="visually-hidden">Has a description</span>
        </span>
      ) : null}
      {assignees.length > 0 ? (
        <span className="assignees">
          {assignees.map(({ memberId, name }) => (
            <span key={memberId} className="initials" title={name}>
              <span aria-hidden="true">{initials(name)}</span>
              <span className="visually-hidden">Assigned to {name}</span>
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}
