// A change the server would refuse for its shape or limits (a due date with a five-digit year, say)
// is refused on the device as the server would refuse it: never shown as done, and a page that
// stored one before this check (its outbox survives reloads) still shows the board and says why.
import { describe, expect, it } from "vitest";
import { dueDate } from "@/app/_components/due";
import { commandIssued, predict } from "@/lib/client/board-slice";
import { memoryOutbox, queuedEntry } from "@/lib/client/outbox";
import { issue } from "@/lib/client/store";
import { BOARD, page, Server, settle } from "./board-server";
import { ANA, MILK } from "./given";

const id = (n: number) => `44444444-4444-4444-8444-${String(n).padStart(12, "0")}`;
const fiveDigitYear = (n: number) =>
  ({ commandId: id(n), type: "setItemDue", itemId: MILK, due: "20281-05-05" }) as const;

describe("a change checked as the server checks it", () => {
  it("is refused by predict with the server's own reason", () => {
    const server = new Server();
    const decision = predict(server.state, fiveDigitYear(1), ANA);
    expect(decision).toMatchObject({ ok: false, rejection: { code: "invalid" } });
    expect(decision.ok ? "" : decision.rejection.reason).toMatch(/real date written YYYY-MM-DD/);
    expect(predict(server.state, { ...fiveDigitYear(2), due: "2028-05-05" }, ANA).ok).toBe(true);
  });

  it("issued, it is refused in words on the device: not shown, not stored, not sent", async () => {
    const server = new Server();
    const storage = memoryOutbox();
    const shown = page(server, storage);
    await shown.dispatch(issue(fiveDigitYear(3)));
    await settle(shown);
    const { board } = shown.getState();
    expect(board.pending.ids).toEqual([]);
    expect(board.view.items.get(MILK)?.due).toBeNull();
    expect(board.notices.map((notice) => notice.message).join(" ")).toMatch(/real date/);
    expect(storage.entries.size).toBe(0);
    expect(server.outcomes.has(id(3))).toBe(false);
  });

  it("stored by an earlier page, it does not show as done; sent, it is refused and leaves", async () => {
    const server = new Server();
    const storage = memoryOutbox();
    await storage.put(queuedEntry(BOARD, fiveDigitYear(4)));
    const reloaded = page(server, storage);
    for (const entry of await reloaded.services.outbox.waiting()) reloaded.dispatch(commandIssued(entry.command));
    expect(reloaded.getState().board.view.items.get(MILK)?.due).toBeNull();

    await settle(reloaded);
    expect(reloaded.getState().board.pending.ids).toEqual([]);
    expect(reloaded.getState().board.notices.map((notice) => notice.id)).toEqual([id(4)]);
    expect(storage.entries.size).toBe(0);
    expect(server.appended(id(4))).toBe(0);
  });

  it("a due date that is no day is shown as it is, rather than stopping the page", () => {
    expect(dueDate("20281-05-05")).toBe("20281-05-05");
    expect(dueDate("2028-05-05")).toBe("5 May 2028");
  });
});
