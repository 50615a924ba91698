// A board as plain server-rendered HTML: no controls, complete without JavaScript (history, shares).
// Every detail of an item is in the HTML: its badges on the card, and its description, checklist
// and comments in a disclosure (a native <details>: it opens without JavaScript). Text is escaped
// by React; only http(s) addresses become links.
import { type BoardView, type ItemView, namedApart } from "@/lib/domain";
import { ColumnLimitBadge } from "./ColumnLimitBadge";
import { FormattedText } from "./FormattedText";
import { ItemBadges } from "./ItemBadges";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function ItemDetails({ item }: { item: ItemView }) {
  const hasDetails = item.description !== "" || item.checklist.length > 0 || item.comments.length > 0;
  if (!hasDetails) return null;
  const done = item.checklist.filter((entry) => entry.done).length;
  return (
    <details className="details">
      <summary>
        Details<span className="visually-hidden"> of {item.title}</span>
      </summary>
      {item.description ? <FormattedText text={item.description} className="description" /> : null}
      {item.checklist.length > 0 ? (
        <div>
          <strong>
            Checklist ({done} of {item.checklist.length} done)
          </strong>
          <ul>
            {item.checklist.map((entry) => (
              <li key={entry.entryId}>
                <span aria-hidden="true">{entry.done ? "☑ " : "☐ "}</span>
                <span className="visually-hidden">{entry.done ? "Done: " : "Not done: "}</span>
                {entry.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {item.comments.length > 0 ? (
        <div>
          <strong>Comments</strong>
          <ol className="comment-list">
            {item.comments.map((comment) => (
              <li key={comment.commentId} className="comment">
                <p className="comment-meta">
                  <strong>{comment.author.name}</strong>{" "}
                  <time dateTime={comment.at} className="muted">
                    {when.format(new Date(comment.at))} UTC
                  </time>
                  {comment.edited ? <span className="muted"> (edited)</span> : null}
                </p>
                <FormattedText text={comment.text} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </details>
  );
}

export function ReadOnlyBoard({
  state,
  headingLevel = 2,
  today,
}: {
  state: BoardView;
  headingLevel?: 2 | 3;
  /** The day due dates are read against (overdue, due soon); none: dates only. */
  today?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (state.columns.length === 0) return <p className="muted empty-board">This board has no columns.</p>;
  const labels = new Map(state.labels.map((label) => [label.labelId, label]));
  const members = new Map(namedApart(state.members).map((member) => [member.memberId, member.name]));
  return (
    <div className="board">
      {state.columns.map((column) => (
        <section key={column.columnId} className="column" aria-labelledby={`ro-${column.columnId}`}>
          <header className="column-header">
            <Heading id={`ro-${column.columnId}`}>{column.title}</Heading>
            <ColumnLimitBadge count={column.items.length} limit={column.limit} />
          </header>
          {column.items.length === 0 ? <p className="muted empty">No items.</p> : null}
          <ul className="items">
            {column.items.map((item) => (
              <li key={item.itemId} className={item.completed ? "item completed" : "item"}>
                <span className="title">{item.title}</span>
                {item.completed ? <span className="badge">done</span> : null}
                <ItemBadges
                  item={item}
                  names={{
                    labels: item.labels.flatMap((labelId) => {
                      const label = labels.get(labelId);
                      return label ? [label] : [];
                    }),
                    assignees: item.assignees.map((memberId) => ({
                      memberId,
                      name: members.get(memberId) ?? "Someone",
                    })),
                    today,
                  }}
                />
                <ItemDetails item={item} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
