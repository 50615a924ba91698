// A board as plain server-rendered HTML: no controls, complete without JavaScript (history, shares).
import type { BoardView } from "@/lib/domain";

export function ReadOnlyBoard({ state, headingLevel = 2 }: { state: BoardView; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (state.columns.length === 0) return <p className="muted empty-board">This board has no columns.</p>;
  return (
    <div className="board">
      {state.columns.map((column) => (
        <section key={column.columnId} className="column" aria-labelledby={`ro-${column.columnId}`}>
          <Heading id={`ro-${column.columnId}`}>{column.title}</Heading>
          {column.items.length === 0 ? <p className="muted empty">No items.</p> : null}
          <ul className="items">
            {column.items.map((item) => (
              <li key={item.itemId} className={item.completed ? "item completed" : "item"}>
                <span className="title">{item.title}</span>
                {item.completed ? <span className="badge">done</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
