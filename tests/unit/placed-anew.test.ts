// A change placed after a neighbour that went away while this device was offline is made again
// where that neighbour was, once, instead of being refused whole (README, "Offline and installing").
import { describe, expect, it } from "vitest";
import { issue } from "@/lib/client/store";
import { undo } from "@/lib/client/undo";
import { toView } from "@/lib/domain";
import { page, Server, settle } from "./board-server";
import { BEN, columnTitles, DOING, EGGS, itemTitles, MILK, TEA, TODO } from "./given";

const id = (n: number) => `33333333-3333-4333-8333-${String(n).padStart(12, "0")}`;

function moved(server: Server, itemId: string): number {
  return server.log.filter((event) => event.type === "ItemMoved" && event.data.itemId === itemId).length;
}

describe("a change whose neighbour went away meanwhile", () => {
  it("a move after a removed item goes where that item was, once, without a word, and undoes", async () => {
    const server = new Server();
    const shown = page(server);
    server.online = false;
    await shown.dispatch(issue({ commandId: id(1), type: "moveItem", itemId: TEA, columnId: TODO, afterItemId: EGGS }));
    server.online = true;
    server.other(shown, { type: "removeItem", itemId: EGGS }, BEN); // heard on the stream before the replay
    await settle(shown);

    const { board } = shown.getState();
    expect(board.pending.ids).toEqual([]);
    expect(board.notices).toEqual([]);
    expect(itemTitles(toView(server.state), "To do")).toEqual(["Milk", "Tea", "Bread"]);
    expect(itemTitles(toView(board.view), "To do")).toEqual(["Milk", "Tea", "Bread"]);
    expect(server.outcomes.get(id(1))?.status).toBe("rejected");
    expect(moved(server, TEA)).toBe(1);

    await shown.dispatch(undo());
    await settle(shown);
    expect(itemTitles(toView(server.state), "Doing")).toEqual(["Tea"]);
  });

  it("the changes after it that placed things after it follow it, in order", async () => {
    const server = new Server();
    const shown = page(server);
    server.online = false;
    await shown.dispatch(issue({ commandId: id(2), type: "moveItem", itemId: TEA, columnId: TODO, afterItemId: EGGS }));
    await shown.dispatch(issue({ commandId: id(3), type: "moveItem", itemId: MILK, columnId: TODO, afterItemId: TEA }));
    server.online = true;
    server.other(shown, { type: "removeItem", itemId: EGGS }, BEN);
    await settle(shown);

    // As this device showed it, less Eggs: Tea, Milk, Bread.
    expect(itemTitles(toView(server.state), "To do")).toEqual(["Tea", "Milk", "Bread"]);
    expect(shown.getState().board.notices).toEqual([]);
    expect(moved(server, TEA)).toBe(1);
    expect(moved(server, MILK)).toBe(1);
  });

  it("a move after a removed column goes where that column was", async () => {
    const server = new Server();
    const shown = page(server);
    server.online = false;
    await shown.dispatch(issue({ commandId: id(4), type: "moveColumn", columnId: TODO, afterColumnId: DOING }));
    server.online = true;
    server.other(shown, { type: "removeColumn", columnId: DOING }, BEN);
    await settle(shown);
    expect(columnTitles(toView(server.state))).toEqual(["To do", "Done"]);
    expect(shown.getState().board.notices).toEqual([]);
  });

  it("a change refused for something else is told as before, and not made again", async () => {
    const server = new Server();
    const shown = page(server);
    server.online = false;
    await shown.dispatch(issue({ commandId: id(5), type: "moveItem", itemId: TEA, columnId: TODO, afterItemId: EGGS }));
    server.online = true;
    server.other(shown, { type: "removeItem", itemId: TEA }, BEN);
    await settle(shown);
    const { board } = shown.getState();
    expect(board.notices.map((notice) => notice.message)).toEqual([
      expect.stringMatching(/^Couldn’t move item “Tea” .*: Item “Tea” was removed\.$/),
    ]);
    expect(server.outcomes.size).toBe(2); // Ben's removal and the refused move: nothing more
  });
});
