// A change refused because something this device added never reached the board is told in words,
// never by the server's id for what it never had.
import { describe, expect, it } from "vitest";
import { issue } from "@/lib/client/store";
import { page, Server, settle } from "./board-server";
import { BEN, DONE } from "./given";

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
});
