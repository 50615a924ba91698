// Undo and redo in the browser's store (README, Undo and redo), against a server made of the real
// domain: commands are decided and folded as the server does, its log is checked, and other
// people's changes reach the page as the stream would bring them.
import { describe, expect, it } from "vitest";
import { commandIssued } from "@/lib/client/board-slice";
import { memoryOutbox, type OutboxStorage } from "@/lib/client/outbox";
import { type AppStore, issue } from "@/lib/client/store";
import type { TabMessage } from "@/lib/client/tabs";
import { redo, undo } from "@/lib/client/undo";
import { keepUndo, memoryUndo, type UndoStorage } from "@/lib/client/undo-keeper";
import { changeMade, UNDO_MAX, undoReducer } from "@/lib/client/undo-slice";
import { shareUndo } from "@/lib/client/undo-tabs";
import { emptyBoard, fold, itemsInOrder, type StoredEvent, toView } from "@/lib/domain";
import { page, Server, settle } from "./board-server";
import { ANA, BEN, BREAD, by, DOING, EGGS, MILK, sprintBoard, TEA, TODO } from "./given";
import { seen } from "./undo-seen";

const id = (n: number) => `11111111-1111-4111-8111-${String(n).padStart(12, "0")}`;
const titles = (store: AppStore, columnId: string) =>
  itemsInOrder(store.getState().board.view, columnId).map((item) => item.title);
const said = (store: AppStore) => store.getState().undo.said?.text;

describe("undo", () => {
  it("three changes, three undos: the board as before, on the page and on the server; three redos: as after", async () => {
    const server = new Server();
    const store = page(server);
    const before = seen(server.state);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await store.dispatch(
      issue({ commandId: id(2), type: "moveItem", itemId: EGGS, columnId: DOING, afterItemId: TEA }),
    );
    await store.dispatch(issue({ commandId: id(3), type: "completeItem", itemId: BREAD }));
    await settle(store);
    const after = seen(server.state);
    expect(titles(store, DOING)).toEqual(["Tea", "Eggs"]);

    for (let n = 0; n < 3; n++) await store.dispatch(undo());
    await settle(store);
    expect(seen(server.state)).toEqual(before);
    expect(seen(store.getState().board.view)).toEqual(before);
    expect(store.getState().undo.done).toEqual([]);
    expect(store.getState().undo.undone).toHaveLength(3);
    expect(said(store)).toBe("Undone: rename item “Milk” to “Oat milk”.");

    for (let n = 0; n < 3; n++) await store.dispatch(redo());
    await settle(store);
    expect(seen(server.state)).toEqual(after);
    expect(seen(store.getState().board.view)).toEqual(after);
    expect(said(store)).toBe("Redone: complete item “Bread”.");
  });

  it("sends the inverse computed from the board before the change, as new commands with fresh ids", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await settle(store);
    await store.dispatch(undo());
    await settle(store);
    const last = server.log.at(-1) as StoredEvent;
    expect(last).toMatchObject({ type: "ItemTitleUpdated", data: { itemId: MILK, newTitle: "Milk" } });
    expect(last.commandId).not.toBe(id(1));
    expect(server.appended(id(1))).toBe(1);
  });

  it("takes back only this person's own changes, keeping what others did meanwhile", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await settle(store);
    server.other(store, { type: "completeItem", itemId: EGGS });
    server.other(store, { type: "renameItem", itemId: TEA, title: "Green tea" });
    expect(store.getState().undo.done).toHaveLength(1); // others' changes are not on this person's stack
    await store.dispatch(undo());
    await settle(store);
    const view = toView(server.state);
    const item = (itemId: string) => view.columns.flatMap((column) => column.items).find((i) => i.itemId === itemId);
    expect(item(MILK)?.title).toBe("Milk");
    expect(item(EGGS)?.completed).toBe(true);
    expect(item(TEA)?.title).toBe("Green tea");
    expect(store.getState().undo.done).toEqual([]); // nor are an undo's own commands
  });

  it("redo brings back what the person saw at the moment of the undo, others' changes since kept", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "removeItem", itemId: MILK }));
    await settle(store);
    await store.dispatch(undo()); // Milk is back
    await settle(store);
    server.other(store, { type: "describeItem", itemId: MILK, description: "Ben's note" });
    await store.dispatch(redo()); // Milk goes again, and comes back whole on a second undo
    await store.dispatch(undo());
    await settle(store);
    expect(server.state.items.get(MILK)?.description).toBe("Ben's note");
    expect(itemsInOrder(server.state, TODO).map((item) => item.itemId)).toEqual([MILK, EGGS, BREAD]);
  });

  it("takes back a gesture of several commands as one step", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(
      issue([
        { commandId: id(1), type: "moveItem", itemId: MILK, columnId: DOING, afterItemId: null },
        { commandId: id(2), type: "completeItem", itemId: MILK },
        { commandId: id(3), type: "renameItem", itemId: MILK, title: "Milk, done" },
      ]),
    );
    await settle(store);
    expect(store.getState().undo.done).toHaveLength(1);
    await store.dispatch(undo());
    await settle(store);
    expect(seen(server.state)).toEqual(seen(fold(emptyBoard, by(ANA, ...sprintBoard))));
    expect(said(store)).toBe(
      "Undone: move item “Milk” to column “Doing” and complete item “Milk” and rename item “Milk” to “Milk, done”.",
    );
  });

  it("skips a step whose item someone else removed meanwhile, and says which and why", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: EGGS }));
    await store.dispatch(issue({ commandId: id(2), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await settle(store);
    server.other(store, { type: "removeItem", itemId: MILK });
    const logged = server.log.length;
    await store.dispatch(undo());
    await settle(store);
    expect(server.log.length).toBe(logged); // nothing sent
    expect(said(store)).toBe(
      "Couldn’t undo “rename item “Milk” to “Oat milk””: Item “Oat milk” was removed. That step is skipped.",
    );
    expect(store.getState().undo.done).toHaveLength(1);
    expect(store.getState().undo.undone).toEqual([]);
    await store.dispatch(undo()); // the step before it still goes
    await settle(store);
    expect(server.state.items.get(EGGS)?.completed).toBe(false);
  });

  it("skips a step whose title or description someone else set again since: their text stays", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: EGGS }));
    await store.dispatch(issue({ commandId: id(2), type: "describeItem", itemId: MILK, description: "Ana's text" }));
    await store.dispatch(issue({ commandId: id(3), type: "renameItem", itemId: BREAD, title: "Rye" }));
    await settle(store);
    server.other(store, { type: "renameItem", itemId: BREAD, title: "Sourdough" });
    server.other(store, { type: "describeItem", itemId: MILK, description: "Ben rewrote this carefully" });
    const logged = server.log.length;
    await store.dispatch(undo());
    await settle(store);
    expect(said(store)).toBe(
      "Couldn’t undo “rename item “Bread” to “Rye””: It was changed again since, and that change stays. That step is skipped.",
    );
    await store.dispatch(undo());
    await settle(store);
    expect(said(store)).toMatch(/^Couldn’t undo “.+”: It was changed again since, and that change stays\./);
    expect(server.log.length).toBe(logged); // nothing sent
    expect(server.state.items.get(BREAD)?.title).toBe("Sourdough");
    expect(server.state.items.get(MILK)?.description).toBe("Ben rewrote this carefully");
    await store.dispatch(undo()); // the step before them still goes
    await settle(store);
    expect(server.state.items.get(EGGS)?.completed).toBe(false);
  });

  it("a title set back by someone else to what the step set leaves the step to apply; a redo over a later title is skipped", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: BREAD, title: "Rye" }));
    await settle(store);
    server.other(store, { type: "renameItem", itemId: BREAD, title: "Sourdough" });
    server.other(store, { type: "renameItem", itemId: BREAD, title: "Rye" });
    await store.dispatch(undo());
    await settle(store);
    expect(server.state.items.get(BREAD)?.title).toBe("Bread");
    server.other(store, { type: "renameItem", itemId: BREAD, title: "Brown bread" });
    await store.dispatch(redo());
    await settle(store);
    expect(server.state.items.get(BREAD)?.title).toBe("Brown bread");
    expect(said(store)).toBe(
      "Couldn’t redo “rename item “Bread” to “Rye””: It was changed again since, and that change stays. That step is skipped.",
    );
  });

  it("a step someone else already took back leaves without a command, and says the board already is as before", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: EGGS, title: "Brown eggs" }));
    await store.dispatch(issue({ commandId: id(2), type: "completeItem", itemId: MILK }));
    await settle(store);
    server.other(store, { type: "reopenItem", itemId: MILK });
    const logged = server.log.length;
    await store.dispatch(undo());
    await settle(store);
    expect(server.log.length).toBe(logged); // nothing sent
    expect(said(store)).toBe("Nothing to undo: the board is already as before “complete item “Milk””.");
    expect(store.getState().undo.done).toHaveLength(1);
    expect(store.getState().undo.undone).toEqual([]);
    await store.dispatch(undo()); // the step before it still goes
    await settle(store);
    expect(server.state.items.get(EGGS)?.title).toBe("Eggs");
  });

  it("of a step's commands, the ones that already hold are left out and the others sent", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(
      issue([
        { commandId: id(1), type: "completeItem", itemId: MILK },
        { commandId: id(2), type: "renameItem", itemId: MILK, title: "Milk, done" },
      ]),
    );
    await settle(store);
    server.other(store, { type: "reopenItem", itemId: MILK });
    const logged = server.log.length;
    await store.dispatch(undo());
    await settle(store);
    expect(server.log.slice(logged).map((event) => event.type)).toEqual(["ItemTitleUpdated"]);
    expect(server.state.items.get(MILK)).toMatchObject({ title: "Milk", completed: false });
    // Named by what it took back, and redo does that again, not the part someone else undid.
    expect(said(store)).toBe("Undone: rename item “Milk” to “Milk, done”.");
    await store.dispatch(redo());
    await settle(store);
    expect(server.state.items.get(MILK)).toMatchObject({ title: "Milk, done", completed: false });
    expect(said(store)).toBe("Redone: rename item “Milk” to “Milk, done”.");
  });

  it("a redo someone else already made again says so and sends nothing", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: MILK }));
    await settle(store);
    await store.dispatch(undo());
    await settle(store);
    server.other(store, { type: "completeItem", itemId: MILK });
    const logged = server.log.length;
    await store.dispatch(redo());
    await settle(store);
    expect(server.log.length).toBe(logged);
    expect(said(store)).toBe("Nothing to redo: the board is already as after “complete item “Milk””.");
    expect(store.getState().undo.undone).toEqual([]);
  });

  it("moves an item back to the top when the neighbour it went after has gone elsewhere", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(
      issue({ commandId: id(1), type: "moveItem", itemId: BREAD, columnId: DOING, afterItemId: TEA }),
    );
    await settle(store);
    server.other(store, { type: "moveItem", itemId: EGGS, columnId: DOING, afterItemId: null });
    await store.dispatch(undo());
    await settle(store);
    expect(itemsInOrder(server.state, TODO).map((item) => item.title)).toEqual(["Bread", "Milk"]);
  });

  it("clears what could be redone when a new change is made", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: MILK }));
    await store.dispatch(undo());
    expect(store.getState().undo.undone).toHaveLength(1);
    await store.dispatch(issue({ commandId: id(2), type: "completeItem", itemId: TEA }));
    expect(store.getState().undo.undone).toEqual([]);
    const logged = server.log.length;
    await store.dispatch(redo()); // nothing to redo
    await settle(store);
    expect(server.log.length).toBe(logged);
  });

  it("drops a step the server refused: there is nothing of it to take back", async () => {
    const server = new Server();
    const store = page(server);
    server.online = false;
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    expect(store.getState().undo.done).toHaveLength(1);
    server.online = true;
    server.run({ commandId: crypto.randomUUID(), type: "removeItem", itemId: MILK }, BEN); // the page has not heard yet
    await settle(store);
    expect(store.getState().undo.done).toEqual([]);
  });

  it("works offline: the undo waits in the outbox and lands exactly once when the network is back", async () => {
    const server = new Server();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await settle(store);
    server.online = false;
    await store.dispatch(undo());
    await settle(store);
    expect(store.getState().board.view.items.get(MILK)?.title).toBe("Milk"); // shown at once
    const waiting = await store.services.outbox.waiting();
    expect(waiting).toHaveLength(1);
    server.online = true;
    await settle(store);
    await settle(store);
    const undoId = waiting[0].command.commandId;
    expect(server.log.filter((event) => event.commandId === undoId)).toHaveLength(1);
    expect(server.state.items.get(MILK)?.title).toBe("Milk");
    expect(await store.services.outbox.waiting()).toEqual([]);
  });
});

describe("how many steps", () => {
  it("keeps the last 100 changes to undo; the older ones stay done and fall off", () => {
    let state = undoReducer(undefined, { type: "init" });
    for (let n = 1; n <= UNDO_MAX + 5; n++) {
      state = undoReducer(state, changeMade({ id: `step-${n}`, label: `change ${n}`, intents: [], commandIds: [] }));
    }
    expect(UNDO_MAX).toBe(100);
    expect(state.done).toHaveLength(100);
    expect(state.done[0].id).toBe("step-6");
    expect(state.done.at(-1)?.id).toBe(`step-${UNDO_MAX + 5}`);
  });
});

describe("the kept stacks", () => {
  async function reopened(server: Server, undoStorage: UndoStorage, outbox: OutboxStorage) {
    const store = page(server, outbox);
    await keepUndo(store, undoStorage).loaded;
    return store;
  }

  it("survive a reload: the next page takes back what the last one did, and redoes what it undid", async () => {
    const server = new Server();
    const kept = memoryUndo();
    const outbox = memoryOutbox();
    const first = await reopened(server, kept, outbox);
    await first.dispatch(issue({ commandId: id(1), type: "renameItem", itemId: MILK, title: "Oat milk" }));
    await first.dispatch(issue({ commandId: id(2), type: "completeItem", itemId: TEA }));
    await first.dispatch(undo());
    await settle(first);
    await new Promise((resolve) => setTimeout(resolve, 0));

    const second = await reopened(server, kept, outbox);
    expect(second.getState().undo.done.map((step) => step.label)).toEqual(["rename item “Milk” to “Oat milk”"]);
    expect(second.getState().undo.undone.map((step) => step.label)).toEqual(["complete item “Tea”"]);
    await second.dispatch(redo());
    await second.dispatch(undo());
    await second.dispatch(undo());
    await settle(second);
    expect(server.state.items.get(MILK)?.title).toBe("Milk");
    expect(server.state.items.get(TEA)?.completed).toBe(false);
  });

  it("are not overwritten by a page that has not read them yet", async () => {
    const server = new Server();
    const kept = memoryUndo();
    const store = page(server);
    await store.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: MILK }));
    await keepUndo(store, kept).loaded;
    const second = page(server);
    const keeping = keepUndo(second, kept);
    await keeping.loaded;
    expect(second.getState().undo.done).toHaveLength(1);
  });

  it("are the browser's: a step made in one tab is taken back from another, and both tabs know", async () => {
    const server = new Server();
    const outbox = memoryOutbox(); // one IndexedDB for the browser's tabs
    const tabs: { store: AppStore; shared: ReturnType<typeof shareUndo> }[] = [];
    // As a BroadcastChannel does: to every other tab, later, as a structured clone.
    const channelFrom = (from: number) => (message: TabMessage) =>
      queueMicrotask(() => {
        for (const [index, tab] of tabs.entries()) {
          if (index === from) continue;
          const copy = structuredClone(message);
          if (copy.type === "undo") tab.shared.receive(copy);
          else if (copy.type === "queued") tab.store.dispatch(commandIssued(copy.command));
        }
      });
    for (const index of [0, 1]) {
      const store = page(server, outbox, channelFrom(index));
      tabs.push({ store, shared: shareUndo(store) });
    }
    const [first, second] = tabs.map((tab) => tab.store);
    await first.dispatch(issue({ commandId: id(1), type: "completeItem", itemId: MILK }));
    await settle(first);
    await Promise.resolve();
    expect(second.getState().undo.done.map((step) => step.label)).toEqual(["complete item “Milk”"]);
    await second.dispatch(undo());
    await settle(second);
    await Promise.resolve();
    expect(server.state.items.get(MILK)?.completed).toBe(false);
    expect(first.getState().undo.done).toEqual([]);
    expect(first.getState().undo.undone.map((step) => step.label)).toEqual(["complete item “Milk”"]);
    await first.dispatch(redo());
    await settle(first);
    expect(server.state.items.get(MILK)?.completed).toBe(true);
    for (const tab of tabs) tab.shared.stop();
  });
});
