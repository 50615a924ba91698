// A change refused because something this device added never reached the board is told in words,
// never by the server's id for what it never had.
import { describe, expect, it } from "vitest";
import { issue } from "@/lib/client/store";
import { undo } from "@/lib/client/undo";
import { page, Server, settle } from "./board-server";
import { BEN, DONE, MILK } from "./given";

const id = (n: number) => `44444444-4444-4444-8444-${String(n).padStart(12, "0")}`;
const NEW_ITEM = "item-new-000000000000001";
const NEW_ENTRY = "entry-new-00000000000001";

describe("a refusal told in words", () => {
  it("a checklist entry of an item whose adding was refused names the item, not its id", async () => {
    const server = new Server();
    const shown = page(server);
    server.online = false;
    await shown.dispatch(issue({ commandId: id(1), type: "addItem", itemId: NEW_ITEM, columnId: DONE, title: "New" }));
    await shown.dispatch(
      issue({ commandId: id(2), type: "addChecklistEntry", itemId: NEW_ITEM, entryId: NEW_ENTRY, text: "step" }),
    );
    server.online = true;
    server.other(shown, { type: "removeColumn", columnId: DONE }, BEN);
    await settle(shown);

    const messages = shown.getState().board.notices.map((notice) => notice.message);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toBe(
      "Couldn’t add “step” to the checklist of item “New”: that item is not on the board (adding it did not go through).",
    );
    for (const message of messages) expect(message).not.toContain(NEW_ITEM);
  });

  it("a change to a checklist entry someone removed since names the entry's item, never the entry's id, and does not claim it was never added", async () => {
    const server = new Server();
    const shown = page(server);
    await shown.dispatch(
      issue({ commandId: id(3), type: "addChecklistEntry", itemId: MILK, entryId: NEW_ENTRY, text: "Step A" }),
    );
    await shown.dispatch(issue({ commandId: id(4), type: "checkChecklistEntry", itemId: MILK, entryId: NEW_ENTRY }));
    await settle(shown);
    server.online = false;
    await shown.dispatch(
      issue({ commandId: id(5), type: "editChecklistEntry", itemId: MILK, entryId: NEW_ENTRY, text: "Step A, edited" }),
    );
    server.online = true;
    server.other(shown, { type: "removeChecklistEntry", itemId: MILK, entryId: NEW_ENTRY }, BEN);
    await settle(shown);
    const [queued] = shown.getState().board.notices.map((notice) => notice.message);
    expect(queued).toBe(
      "Couldn’t change checklist entry “Step A” of item “Milk” to “Step A, edited”: Item “Milk” no longer has that checklist entry (someone removed it, or adding it did not go through).",
    );

    // Undo knows the entry was there: its step was made on it.
    await shown.dispatch(undo());
    await settle(shown);
    const said = shown.getState().undo.said?.text;
    expect(said).toBe(
      "Couldn’t undo “check “Step A” on item “Milk””: Item “Milk” no longer has that checklist entry: it was removed. That step is skipped.",
    );
    expect(`${queued} ${said}`).not.toContain(NEW_ENTRY);
  });
});
