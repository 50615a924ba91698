// What an import answers, and how large a file it takes: one type and one limit for the server
// that gives them (`POST /api/boards/import`) and the start page that reads them (README, "Moving
// a board").
import type { ImportedCounts, RemovedCounts } from "./index";
import type { LeftOut, Shortened } from "./trello";

/** The most an import's body may hold (a Driftless export of a 50,000-event board is about 15 MB). */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

export interface ImportAnswer {
  readonly boardId: string;
  readonly viewToken: string;
  readonly version: number;
  readonly title: string;
  /** Which kind of file it was. */
  readonly from: "driftless" | "trello";
  /** What the new board holds, on it and in its Removed list. */
  readonly imported: ImportedCounts;
  /** How many of those columns and items are in its Removed list (a closed Trello card, say). */
  readonly removed: RemovedCounts;
  /** Texts cut to fit Driftless' limits, each said where (Trello only). */
  readonly shortened: readonly Shortened[];
  /** What a Trello import left out (closed lists and their cards…); null for a Driftless export. */
  readonly leftOut: LeftOut | null;
}
