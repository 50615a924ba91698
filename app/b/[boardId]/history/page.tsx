import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadOnlyBoard } from "@/app/_components/ReadOnlyBoard";
import { getBoard } from "@/lib/server/boards";
import { HISTORY_PAGE, readHistory } from "@/lib/server/history";
import { VersionPicker } from "./VersionPicker";

type Props = {
  params: Promise<{ boardId: string }>;
  searchParams: Promise<{ at?: string; upTo?: string }>;
};

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "History",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function version(raw: string | undefined): number | undefined {
  return raw && /^\d{1,10}$/.test(raw) ? Number(raw) : undefined;
}

/** The log in words, and the board as it was at any version (the fold of 1..N). Works without JavaScript. */
export default async function HistoryPage({ params, searchParams }: Props) {
  const { boardId } = await params;
  const query = await searchParams;
  const history = await readHistory(boardId, version(query.upTo));
  if (!history.ok) notFound();
  const { head, entries } = history.value;
  const at = Math.min(Math.max(version(query.at) ?? head, 1), head);
  const board = await getBoard(boardId, at);
  if (!board.ok) notFound();
  // The heading names the board as it is now, whichever version the slider shows.
  const now = at === head ? board : await getBoard(boardId);
  const title = now.ok ? now.value.state.title : board.value.state.title;
  const oldest = entries.at(-1)?.version ?? 1;
  const newest = entries[0]?.version ?? head;

  return (
    <main className="history-page">
      <header className="board-header">
        <h1>History of “{title}”</h1>
        <nav className="board-nav">
          <Link href={`/b/${boardId}`}>Back to the board</Link>
        </nav>
      </header>

      <section aria-labelledby="at-heading" className="history-board">
        <h2 id="at-heading">
          The board at version {at} of {head}
        </h2>
        <VersionPicker at={at} head={head} />
        <ReadOnlyBoard state={board.value.state} headingLevel={3} />
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">What happened</h2>
        <ol className="history" reversed start={newest}>
          {entries.map((entry) => (
            <li key={entry.version} value={entry.version} aria-current={entry.version === at ? "step" : undefined}>
              <span>
                <strong>{entry.who}</strong> {entry.what}
              </span>{" "}
              <time dateTime={entry.at} className="muted">
                {when.format(new Date(entry.at))} UTC
              </time>{" "}
              <Link href={`?at=${entry.version}&upTo=${newest}`}>
                {/* The name contains the visible text (v3), as speech input users say what they see. */}
                <span className="visually-hidden">Show the board at </span>v{entry.version}
              </Link>
            </li>
          ))}
        </ol>
        <nav className="pager" aria-label="History pages">
          {newest < head ? (
            <Link href={`?at=${at}&upTo=${Math.min(head, newest + HISTORY_PAGE)}`}>Newer changes</Link>
          ) : null}
          {oldest > 1 ? <Link href={`?at=${at}&upTo=${oldest - 1}`}>Older changes</Link> : null}
        </nav>
      </section>
    </main>
  );
}
