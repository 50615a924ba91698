import "server-only";
// Importing a board (README, "Moving a board" and "Importing from Trello"): the file is decided
// whole in memory by the domain, then the new board is written in one statement. A refused file
// writes nothing. A new board has no writer queue yet and nobody can know its id before this
// answers, so its rows go straight to the store, once.
import { randomUUID } from "node:crypto";
import { insertBoardWithEvents, saveSnapshot } from "@/db/queries";
import { getStore } from "@/db/store";
import type { Actor } from "@/lib/domain";
import { decideImport } from "@/lib/domain/import";
import type { ImportAnswer } from "@/lib/domain/import/answer";
import { rememberBoard } from "./board-cache";
import { SNAPSHOT_EVERY } from "./board-writer";
import { newCapability, type Result } from "./boards";
import { log, redact } from "./log";

/**
 * Imports `file` as a new board. A Trello board becomes one import by the person importing (who
 * they are on the new board: `actorOn(boardId)`, a per-board pseudonym); a Driftless export keeps
 * the actors and times it holds.
 */
export async function importBoard(file: unknown, actorOn: (boardId: string) => Actor): Promise<Result<ImportAnswer>> {
  const started = performance.now();
  const boardId = newCapability();
  const viewToken = newCapability();
  const decided = decideImport(file, {
    actor: actorOn(boardId),
    at: new Date().toISOString(),
    commandId: randomUUID(),
  });
  if (!decided.ok) return { ok: false, rejection: { code: "invalid", reason: decided.reason } };
  const { events, state, title, from, imported, removed, shortened, leftOut } = decided;
  const store = await getStore();
  await insertBoardWithEvents(store, { boardId, viewToken, events });
  const version = events.length;
  rememberBoard(boardId, { version, state });
  // A long history folds from a snapshot rather than from its first event (as the writer keeps
  // them); written off the answer's path, and a lost one costs only a longer first fold.
  if (version >= SNAPSHOT_EVERY) {
    void saveSnapshot(store.db, { boardId, version, state }).catch((error: unknown) =>
      log.warn("saving an imported board's snapshot failed", { board: redact(boardId), error }),
    );
  }
  log.info("import", {
    board: redact(boardId),
    from,
    events: version,
    ms: Math.round(performance.now() - started),
  });
  return { ok: true, value: { boardId, viewToken, version, title, from, imported, removed, shortened, leftOut } };
}
