// Undo and redo as a person uses them (README, Undo and redo): the buttons and their keys, what
// the board and the server's log show after them, offline, after a reload, and when someone else
// removed what a step is about.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A, URL_B } from "./pages/board";

async function groceries(request: APIRequestContext, title: string) {
  const { boardId } = await createBoard(request, title);
  const [todo, done] = [newId(), newId()];
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: todo, title: "To do" },
    { type: "addColumn", columnId: done, title: "Done" },
    { type: "addItem", itemId: newId(), columnId: todo, title: "Milk" },
    { type: "addItem", itemId: newId(), columnId: todo, title: "Eggs" },
    { type: "addItem", itemId: newId(), columnId: todo, title: "Bread" },
  ]);
  return boardId;
}

/** The server's board as a person reads it: columns in order, their items' titles and ticks. */
async function serverBoard(request: APIRequestContext, boardId: string) {
  const { state } = await (await request.get(`${URL_A}/api/boards/${boardId}`)).json();
  return (state.columns as { title: string; items: { title: string; completed: boolean }[] }[]).map((column) => ({
    title: column.title,
    items: column.items.map((item) => `${item.title}${item.completed ? " ✓" : ""}`),
  }));
}

async function logTypes(request: APIRequestContext, boardId: string) {
  const { events } = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
  return (events as { type: string }[]).map((event) => event.type);
}

const undoButton = (page: Page) => page.getByRole("button", { name: "Undo", exact: true });
const redoButton = (page: Page) => page.getByRole("button", { name: "Redo", exact: true });

/** Moves the focus off any field, onto the board itself, where Ctrl/⌘+Z is undo's. */
async function focusBoard(page: Page) {
  await page.locator("#board-content").focus();
}

test.describe("undo and redo", () => {
  test("three changes, three undos: the board as before; three redos: as after — on the page and on the server", async ({
    page,
    request,
  }) => {
    const boardId = await groceries(request, "Undo three");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await expect(undoButton(page)).toBeDisabled();
    await expect(redoButton(page)).toBeDisabled();
    const before = await serverBoard(request, boardId);

    await board.checkbox("Milk").check();
    await board.addItem("To do", "Jam");
    await page.getByRole("button", { name: "Remove Eggs", exact: true }).click();
    await board.settled();
    const after = await serverBoard(request, boardId);
    expect(after).toEqual([
      { title: "To do", items: ["Milk ✓", "Bread", "Jam"] },
      { title: "Done", items: [] },
    ]);

    await undoButton(page).click();
    await expect(board.undone).toHaveText("Undone: remove item “Eggs”.");
    await undoButton(page).click();
    await expect(board.undone).toHaveText("Undone: add item “Jam” to column “To do”.");
    await focusBoard(page);
    await page.keyboard.press("ControlOrMeta+z");
    await expect(board.undone).toHaveText("Undone: complete item “Milk”.");
    await expect.poll(() => board.titles("To do")).toEqual(["Milk", "Eggs", "Bread"]);
    await expect(board.checkbox("Milk")).not.toBeChecked();
    await expect(undoButton(page)).toBeDisabled();
    await board.settled();
    expect(await serverBoard(request, boardId)).toEqual(before);

    await redoButton(page).click();
    await expect(board.undone).toHaveText("Redone: complete item “Milk”.");
    await focusBoard(page);
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect(board.undone).toHaveText("Redone: add item “Jam” to column “To do”.");
    await redoButton(page).click();
    await expect(board.undone).toHaveText("Redone: remove item “Eggs”.");
    await expect(redoButton(page)).toBeDisabled();
    await expect.poll(() => board.titles("To do")).toEqual(["Milk", "Bread", "Jam"]);
    await board.settled();
    expect(await serverBoard(request, boardId)).toEqual(after);
  });

  test("Ctrl/⌘+Z in a text field is the field's own, not the board's", async ({ page, request }) => {
    const boardId = await groceries(request, "Undo in a field");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await board.checkbox("Milk").check();
    await board.settled();
    const field = board.column("To do").getByRole("textbox", { name: "New item" });
    await field.fill("Butter");
    await field.press("ControlOrMeta+z");
    await expect(board.checkbox("Milk")).toBeChecked();
    await expect(undoButton(page)).toBeEnabled();
  });

  test("an undo made offline is shown at once and lands exactly once when the network is back", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await groceries(request, "Undo offline");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    // Controlled by the service worker, whose Background Sync replays too: two ways, one landing.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect(board.status).toHaveText("Live");
    await board.checkbox("Milk").check();
    await board.settled();

    await context.setOffline(true);
    await expect(board.status).toHaveText(/Offline/);
    await undoButton(page).click();
    await expect(board.checkbox("Milk")).not.toBeChecked();
    await expect(board.status).toHaveText("Offline — 1 change waiting");
    expect(await logTypes(request, boardId)).not.toContain("ItemReopened");

    await context.setOffline(false);
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    await expect
      .poll(async () => (await logTypes(request, boardId)).filter((type) => type === "ItemReopened"))
      .toEqual(["ItemReopened"]);
    await page.reload();
    await expect(board.checkbox("Milk")).not.toBeChecked();
    await expect(board.status).toHaveText("Live");
    expect((await logTypes(request, boardId)).filter((type) => type === "ItemReopened")).toHaveLength(1);
    expect(await serverBoard(request, boardId)).toEqual([
      { title: "To do", items: ["Milk", "Eggs", "Bread"] },
      { title: "Done", items: [] },
    ]);
  });

  test("a step whose item someone else removed is skipped, and the person is told which and why", async ({
    browser,
    page,
    request,
  }) => {
    const boardId = await groceries(request, "Undo after Ben");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await board.checkbox("Eggs").check();
    await board.checkbox("Milk").check();
    await board.settled();

    const ben = await browser.newContext();
    const benPage = await ben.newPage();
    const benBoard = new BoardPage(benPage);
    await benBoard.open(URL_B, boardId);
    await benPage.getByRole("button", { name: "Remove Milk", exact: true }).click();
    await benBoard.settled();
    await expect(board.item("To do", "Milk")).toHaveCount(0);
    await expect(undoButton(benPage)).toBeEnabled(); // Ben's own step, on Ben's browser
    await ben.close();

    await undoButton(page).click();
    await expect(board.undone).toHaveText(
      "Couldn’t undo “complete item “Milk””: Item “Milk” was removed. That step is skipped.",
    );
    await undoButton(page).click(); // the step before it still goes
    await expect(board.undone).toHaveText("Undone: complete item “Eggs”.");
    await expect(board.checkbox("Eggs")).not.toBeChecked();
    await board.settled();
    const types = await logTypes(request, boardId);
    expect(types.filter((type) => type === "ItemReopened")).toHaveLength(1);
    expect(await serverBoard(request, boardId)).toEqual([
      { title: "To do", items: ["Eggs", "Bread"] },
      { title: "Done", items: [] },
    ]);
  });

  test("the steps survive a reload", async ({ page, request }) => {
    const boardId = await groceries(request, "Undo after reload");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await board.checkbox("Bread").check();
    await board.addItem("Done", "Coffee");
    await board.settled();

    await page.reload();
    await expect(board.status).toHaveText("Live");
    await undoButton(page).click();
    await expect(board.undone).toHaveText("Undone: add item “Coffee” to column “Done”.");
    await page.reload();
    await expect(board.status).toHaveText("Live");
    await undoButton(page).click();
    await expect(board.undone).toHaveText("Undone: complete item “Bread”.");
    await expect(undoButton(page)).toBeDisabled();
    await redoButton(page).click();
    await expect(board.checkbox("Bread")).toBeChecked();
    await redoButton(page).click();
    await expect(board.item("Done", "Coffee")).toBeVisible();
    await board.settled();
    expect(await serverBoard(request, boardId)).toEqual([
      { title: "To do", items: ["Milk", "Eggs", "Bread ✓"] },
      { title: "Done", items: ["Coffee"] },
    ]);
  });

  test("the steps are the browser's: a change made in one tab is undone from another, whose buttons follow", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await groceries(request, "Undo in two tabs");
    const first = new BoardPage(page);
    await first.open(URL_A, boardId);
    const other = await context.newPage();
    const second = new BoardPage(other);
    await second.open(URL_A, boardId);
    await first.checkbox("Bread").check();
    await first.settled();
    await expect(second.checkbox("Bread")).toBeChecked();
    await expect(undoButton(other)).toBeEnabled();
    await undoButton(other).click();
    await expect(second.undone).toHaveText("Undone: complete item “Bread”.");
    await expect(first.checkbox("Bread")).not.toBeChecked();
    await expect(undoButton(page)).toBeDisabled();
    await expect(redoButton(page)).toBeEnabled();
    await redoButton(page).click();
    await expect(second.checkbox("Bread")).toBeChecked();
    await first.settled();
    expect((await serverBoard(request, boardId))[0].items).toEqual(["Milk", "Eggs", "Bread ✓"]);
  });

  test("a device's storage from before undo (database version 1) is upgraded, its waiting change still sent", async ({
    page,
    request,
  }) => {
    const boardId = await groceries(request, "Undo upgrade");
    const { state } = await (await request.get(`${URL_A}/api/boards/${boardId}`)).json();
    const milk = state.columns[0].items[0].itemId as string;
    // What the previous build left: version 1, its two stores, one change waiting in the outbox.
    await page.goto(`${URL_A}/api/health`);
    await page.evaluate(
      ({ boardId, itemId }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("driftless", 1);
          open.onupgradeneeded = () => {
            open.result.createObjectStore("boards", { keyPath: "boardId" });
            open.result
              .createObjectStore("outbox", { keyPath: "commandId" })
              .createIndex("byBoard", ["boardId", "seq"]);
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const commandId = crypto.randomUUID();
            const tx = open.result.transaction("outbox", "readwrite");
            tx.objectStore("outbox").put({
              commandId,
              boardId,
              seq: 1,
              command: { commandId, type: "completeItem", itemId },
              schemaVersion: 2,
              queuedAt: Date.now(),
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { boardId, itemId: milk },
    );
    const board = new BoardPage(page);
    await page.goto(`${URL_A}/b/${boardId}`);
    await expect(board.checkbox("Milk")).toBeChecked();
    await board.settled();
    expect(await serverBoard(request, boardId)).toEqual([
      { title: "To do", items: ["Milk ✓", "Eggs", "Bread"] },
      { title: "Done", items: [] },
    ]);
    // And the new store is there: a step survives a reload.
    await board.checkbox("Eggs").check();
    await board.settled();
    await page.reload();
    await expect(board.status).toHaveText("Live");
    await undoButton(page).click();
    await expect(board.checkbox("Eggs")).not.toBeChecked();
    expect(await page.evaluate(() => indexedDB.databases())).toContainEqual({ name: "driftless", version: 2 });
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the board with what undo said, and its buttons, has no axe violations (${colorScheme})`, async ({
      browser,
      request,
    }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const boardId = await groceries(request, "Undo, accessible");
      const board = new BoardPage(page);
      await board.open(URL_A, boardId);
      await board.checkbox("Milk").check();
      await undoButton(page).click();
      await expect(board.undone).toBeVisible();
      await expect(redoButton(page)).toBeEnabled();
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      expect(
        violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`),
      ).toEqual([]);
      await context.close();
    });
  }
});
