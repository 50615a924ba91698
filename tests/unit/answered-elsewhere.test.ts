// A change answered somewhere else than the page that shows it pending — another tab, Background
// Sync, or this page before a reload — must not stay pending there: the page loaded a board that
// may already hold it, so no event will ever answer it (README, "Using a board").
import { describe, expect, it } from "vitest";
import { boardReloaded, commandIssued } from "@/lib/client/board-slice";
import { memoryOutbox, queuedEntry } from "@/lib/client/outbox";
import { issue } from "@/lib/client/store";
import { BOARD, page, Server, settle } from "./board-server";
import { ANA, MILK, NOWHERE, TEA } from "./given";

const id = (n: number) => `22222222-2222-4222-8222-${String(n).padStart(12, "0")}`;

describe("a change answered elsewhere", () => {
  it("a page reloaded while its change was being sent: the change leaves pending, applied once", async () => {
    const server = new Server();
    const storage = memoryOutbox();
    const rename = { commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" } as const;
    // The page before the reload stored the change and sent it; the server applied it, and the
    // answer was still on its way when the page went.
    await storage.put(queuedEntry(BOARD, rename));
    expect(server.run(rename, ANA).status).toBe("accepted");
    // The reloaded page: the board as the server renders it (with the change), and the change
    // still in the outbox, which it shows as pending — as the board page's start does.
    const reloaded = page(server, storage);
    for (const entry of await reloaded.services.outbox.waiting()) reloaded.dispatch(commandIssued(entry.command));
    // Then the answer reaches the page that went, which removes the change from the storage.
    await storage.remove([rename.commandId]);

    await settle(reloaded);
    expect(reloaded.getState().board.pending.ids).toEqual([]);
    expect(reloaded.getState().board.view.items.get(MILK)?.title).toBe("Oat milk");
    expect(server.appended(rename.commandId)).toBe(1);
  });

  it("a change another sender had refused leaves pending, and the page says why", async () => {
    const server = new Server();
    const storage = memoryOutbox();
    const rename = { commandId: id(2), type: "renameItem", itemId: NOWHERE, title: "Lost" } as const;
    await storage.put(queuedEntry(BOARD, rename));
    const shown = page(server, storage);
    for (const entry of await shown.services.outbox.waiting()) shown.dispatch(commandIssued(entry.command));
    expect(server.run(rename, ANA).status).toBe("rejected");
    await storage.remove([rename.commandId]);

    await settle(shown);
    expect(shown.getState().board.pending.ids).toEqual([]);
    expect(shown.getState().board.notices.map((notice) => notice.id)).toEqual([rename.commandId]);
    expect(server.appended(rename.commandId)).toBe(0);
  });

  it("a change accepted while the stream was behind leaves pending once the board is reloaded past it", async () => {
    const server = new Server();
    const shown = page(server);
    const complete = { commandId: id(3), type: "completeItem", itemId: MILK } as const;
    // Someone else's change first, which this page has not heard of: the answer to its own cannot fold.
    server.other(page(server), { type: "renameItem", itemId: TEA, title: "Green tea" });
    await shown.dispatch(issue(complete));
    await settle(shown);
    expect(shown.getState().board.pending.ids).toEqual([complete.commandId]);
    // The stream says `reset`: the page reloads the board, which has both changes.
    shown.dispatch(boardReloaded({ version: server.log.length, state: server.state }));
    await settle(shown);
    expect(shown.getState().board.pending.ids).toEqual([]);
    expect(server.appended(complete.commandId)).toBe(1);
  });
});
