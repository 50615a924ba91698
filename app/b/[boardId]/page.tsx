import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getBoard } from "@/lib/server/boards";

type Props = { params: Promise<{ boardId: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const board = await getBoard((await params).boardId);
  return { title: board.ok ? board.value.state.title : "Board not found", robots: { index: false } };
}

export default async function BoardPage({ params }: Props) {
  const board = await getBoard((await params).boardId);
  if (!board.ok) notFound();
  const { state, version } = board.value;
  return (
    <main>
      <h1>{state.title}</h1>
      <p className="muted">Version {version}</p>
      {state.columns.length === 0 ? <p className="muted">This board has no columns yet.</p> : null}
      <div className="board">
        {state.columns.map((column) => (
          <section key={column.columnId} className="column" aria-labelledby={`column-${column.columnId}`}>
            <h2 id={`column-${column.columnId}`}>{column.title}</h2>
            {column.items.length === 0 ? <p className="muted">No items.</p> : null}
            <ul className="items">
              {column.items.map((item) => (
                <li key={item.itemId} className={item.completed ? "item completed" : "item"}>
                  <span className="title">{item.title}</span>
                  {item.completed ? <span className="muted"> (done)</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
