import "server-only";
// Exporting a board (README, "Moving a board"): the whole log as a Driftless export, streamed a
// page of events at a time, and the board as it is now as CSV. Neither holds the board's id or its
// view token: the file can be handed to anyone without handing them the board.
import { readEventsAfter, readHead } from "@/db/queries";
import { getStore } from "@/db/store";
import { boardCsv } from "@/lib/domain/board-csv";
import { BOARD_FILE_FORMAT, BOARD_FILE_VERSION, type BoardFileHeader } from "@/lib/domain/import";
import { stateAt } from "./board-state";
import { BOARD_ID, type Result } from "./boards";
import { unknownBoard } from "./errors";
import { redact } from "./log";

/** Events read per query while streaming: each page's JSON is built around the stored text (see readEventsAfter). */
/** About this many bytes of events per page read (fewer events than PAGE when they are big). */
const PAGE_BYTES = 4 * 1024 * 1024;
const PAGE = 5000;

export interface Download {
  readonly filename: string;
  readonly body: ReadableStream<Uint8Array> | string;
}

/**
 * The board's export at its current head: a header, then every event 1..head as the log holds it
 * (upcast to the current shape). Streamed: a 50,000-event board is never one string in memory.
 */
export async function exportBoard(boardId: string, exportedAt = new Date()): Promise<Result<Download>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const store = await getStore();
  const head = await readHead(store.db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  // The title at that head; events appended while the file streams are not in it.
  const { state } = await stateAt(store.db, boardId, head);
  const header: BoardFileHeader = {
    format: BOARD_FILE_FORMAT,
    formatVersion: BOARD_FILE_VERSION,
    title: state.title,
    version: head,
    exportedAt: exportedAt.toISOString(),
  };
  const opening = `${JSON.stringify(header).slice(0, -1)},"events":[\n`;
  const encoder = new TextEncoder();
  let after = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(opening));
    },
    async pull(controller) {
      const page = await readEventsAfter(store, { boardId, after, limit: PAGE, maxBytes: PAGE_BYTES });
      const events = (page?.events ?? []).filter((event) => event.version <= head);
      if (events.length === 0 || events[0].version !== after + 1) {
        // The board went away while it streamed (it cannot otherwise: events are never rewritten).
        controller.error(new Error(`board ${redact(boardId)} lost events ${after + 1}..${head} while exporting`));
        return;
      }
      after = events[events.length - 1].version;
      const last = after === head;
      const json = events.map((event) => event.json).join(",\n");
      controller.enqueue(encoder.encode(last ? `${json}\n]}\n` : `${json},\n`));
      if (last) controller.close();
    },
  });
  return { ok: true, value: { filename: `${state.title}.driftless.json`, body } };
}

/** The board as it is now, one row per item (README, "Moving a board"). */
export async function exportBoardCsv(boardId: string): Promise<Result<Download>> {
  if (!BOARD_ID.test(boardId)) return { ok: false, rejection: unknownBoard };
  const store = await getStore();
  const head = await readHead(store.db, { boardId });
  if (head === undefined) return { ok: false, rejection: unknownBoard };
  const { state } = await stateAt(store.db, boardId, head);
  return { ok: true, value: { filename: `${state.title}.csv`, body: boardCsv(state) } };
}

/**
 * `Content-Disposition: attachment` for a file named `filename`: an ASCII `filename` for old
 * clients, and the exact name in RFC 5987's `filename*` (UTF-8, percent-encoded) for the rest.
 * Characters a file name cannot hold on common systems (/ \ : * ? " < > | and controls) become `_`.
 */
export function attachment(filename: string): string {
  const safe = filename.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_").trim() || "board";
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_").replace(/%/g, "_");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
