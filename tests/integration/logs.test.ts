// Logs never print a capability whole (README, "Sharing a board read-only"): not in the fields
// the code writes, nor in the message of an error that quotes a failed query's parameters.

import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { insertBoard } from "@/db/queries";
import { boards } from "@/db/schema";
import { closeStore, getStore } from "@/db/store";
import { newCapability } from "@/lib/server/boards";
import { log } from "@/lib/server/log";

afterAll(closeStore);

/** What `work` writes to stderr. */
async function stderrOf(work: () => Promise<void>): Promise<string> {
  let written = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return written;
}

describe("log lines", () => {
  it("a failed query's error, whose message and cause quote its parameters, is logged without the board id or view token", async () => {
    const { db } = await getStore();
    const [boardId, viewToken] = [newCapability(), newCapability()];
    await insertBoard(db, { id: boardId, viewToken, version: 1 });
    const failure = await insertBoard(db, { id: boardId, viewToken, version: 1 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    // The driver's own words do carry them: this is what must not reach the log.
    expect(`${(failure as Error).message} ${String((failure as Error).cause ?? "")}`).toContain(boardId);
    const line = await stderrOf(async () => log.error("request failed", { route: "test", error: failure }));
    expect(line).toContain("request failed");
    expect(line).not.toContain(boardId);
    expect(line).not.toContain(viewToken);
    expect(line).toContain(`${boardId.slice(0, 4)}…`);
    // A board row without events: other files check that a refused import leaves none behind.
    await db.delete(boards).where(eq(boards.id, boardId));
  });
});
