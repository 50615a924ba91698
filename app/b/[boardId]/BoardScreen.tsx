"use client";
// The board page: its header (title, status, navigation, tools), the notices, and the columns;
// the item dialog, the label manager and the removed panel open over it.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { AvailableOffline } from "@/app/_components/AvailableOffline";
import { TodayContext, useTodayClock } from "@/app/_components/today";
import { addRecentBoard, noteViewToken } from "@/lib/client/device";
import { type BoardFilter, filterFromQuery, filterOnBoard, filterToQuery, matchingItems } from "@/lib/client/filter";
import { newCommandId } from "@/lib/client/ids";
import { selectMe, selectStatusText, selectTitle } from "@/lib/client/selectors";
import { issue, useAppDispatch, useAppSelector } from "@/lib/client/store";
import { AddColumnForm } from "./AddColumnForm";
import { BoardColumns } from "./BoardColumns";
import { ExportLinks } from "./ExportLinks";
import { FilterBar } from "./FilterBar";
import { ForgetBoard } from "./ForgetBoard";
import { VisibleItems } from "./filter-context";
import { REMOVED_BUTTON_ID } from "./focus";
import { InlineTitle } from "./InlineTitle";
import { ItemDialog } from "./item/ItemDialog";
import { OpenItemContext } from "./item/open-item";
import { LabelManager } from "./labels/LabelManager";
import { LabelManagerContext } from "./labels/label-manager";
import { NameField } from "./NameField";
import { Notices } from "./Notices";
import { PeopleHere } from "./PeopleHere";
import { RemovedPanel } from "./RemovedPanel";
import { ShareControls } from "./ShareControls";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { useShortcuts } from "./shortcuts";
import { UndoControls, UndoStatus } from "./UndoControls";

export function BoardScreen({ boardId, viewToken, stop }: { boardId: string; viewToken: string; stop(): void }) {
  const title = useAppSelector(selectTitle);
  const dispatch = useAppDispatch();
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [labelsOpen, setLabelsOpen] = useState(false);
  const [removedOpen, setRemovedOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // Stable for the cards (memoised components must not render again for a new context value).
  const [items] = useState(() => ({ open: (itemId: string) => setOpenItem(itemId) }));
  const [labelManager] = useState(() => ({ open: () => setLabelsOpen(true) }));
  const today = useTodayClock();
  const { filter, setFilter, visible, shown, total } = useBoardFilter(today);
  useShortcuts({ openItem: (itemId) => setOpenItem(itemId), showShortcuts: () => setShortcutsOpen(true) });

  useEffect(() => {
    recordOpenedBoard(boardId, title);
  }, [boardId, title]);
  // The read-only link as the server rendered it (after the entry above exists); one replaced
  // here later is noted by ShareControls.
  useEffect(() => {
    if (viewToken) noteViewToken(boardId, viewToken);
  }, [boardId, viewToken]);

  return (
    <OpenItemContext.Provider value={items}>
      <LabelManagerContext.Provider value={labelManager}>
        <TodayContext.Provider value={today}>
          <VisibleItems.Provider value={visible}>
            <main className="board-page">
              <a href="#board-content" className="skip-link">
                Skip to the columns
              </a>
              <header className="board-header">
                <div className="board-title">
                  <InlineTitle
                    as="h1"
                    title={title}
                    renameLabel="Rename board"
                    fieldLabel="Board title"
                    onRename={(next) =>
                      dispatch(issue({ commandId: newCommandId(), type: "renameBoard", title: next }))
                    }
                  />
                </div>
                <StatusLine />
                <AvailableOffline />
                <nav className="board-nav">
                  <Link href="/">All boards</Link>
                  <Link href={`/b/${boardId}/history`}>History</Link>
                </nav>
                <ExportLinks boardId={boardId} />
                <PeopleHere />
                <NameField />
                <div className="board-tools">
                  <UndoControls />
                  <button type="button" className="secondary" onClick={() => setLabelsOpen(true)}>
                    Labels
                  </button>
                  <button
                    type="button"
                    id={REMOVED_BUTTON_ID}
                    className="secondary"
                    onClick={() => setRemovedOpen(true)}
                  >
                    Removed
                  </button>
                  <button type="button" className="secondary" onClick={() => setShortcutsOpen(true)}>
                    Keyboard shortcuts
                  </button>
                  <ShareControls boardId={boardId} viewToken={viewToken} />
                  <ForgetBoard boardId={boardId} viewToken={viewToken} stop={stop} />
                </div>
              </header>
              <Notices />
              <UndoStatus />
              <div className="board-bar">
                <AddColumnForm />
                <FilterBar filter={filter} onChange={setFilter} shown={shown} total={total} />
              </div>
              <div id="board-content" className="board-content" tabIndex={-1}>
                <BoardColumns />
              </div>
              {openItem !== null ? <ItemDialog itemId={openItem} onClose={() => setOpenItem(null)} /> : null}
              {labelsOpen ? <LabelManager onClose={() => setLabelsOpen(false)} /> : null}
              {removedOpen ? <RemovedPanel onClose={() => setRemovedOpen(false)} /> : null}
              {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
            </main>
          </VisibleItems.Provider>
        </TodayContext.Provider>
      </LabelManagerContext.Provider>
    </OpenItemContext.Provider>
  );
}

function recordOpenedBoard(boardId: string, title: string) {
  addRecentBoard(boardId, title);
  document.title = `${title} · Driftless`;
}

function StatusLine() {
  const text = useAppSelector(selectStatusText);
  const connection = useAppSelector((state) => state.board.connection);
  return (
    <p role="status" className={`status ${connection}`}>
      {text}
    </p>
  );
}

/**
 * The board's filter, read from the address once and written back to it as it changes (with the
 * History API: Next keeps its router in step without asking the server for the page again).
 */
function useBoardFilter(today: string | undefined) {
  const query = useSearchParams();
  const [asked, setFilterState] = useState<BoardFilter>(() => filterFromQuery(new URLSearchParams(query)));
  const setFilter = (next: BoardFilter) => {
    setFilterState(next);
    const search = filterToQuery(next, new URLSearchParams(window.location.search)).toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  };
  const items = useAppSelector((state) => state.board.view.items);
  const labels = useAppSelector((state) => state.board.view.labels);
  const members = useAppSelector((state) => state.board.view.members);
  const me = useAppSelector(selectMe);
  const filter = useMemo(() => filterOnBoard(asked, { labels, members }), [asked, labels, members]);
  const visible = useMemo(
    () => matchingItems({ items, labels, members }, filter, { me, today }),
    [items, labels, members, filter, me, today],
  );
  return { filter, setFilter, visible, shown: visible?.size ?? items.size, total: items.size };
}
