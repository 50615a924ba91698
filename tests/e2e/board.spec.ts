import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A, URL_B } from "./pages/board";

test.describe("the board page", () => {
  test("two people on two instances see each other's changes live", async ({ browser, request }) => {
    const { boardId } = await createBoard(request, "Sprint 12");
    const alice = new BoardPage(await (await browser.newContext()).newPage());
    const bob = new BoardPage(await (await browser.newContext()).newPage());
    await alice.open(URL_A, boardId);
    await bob.open(URL_B, boardId);
    await expect(alice.status).toHaveText("Live");
    await expect(bob.status).toHaveText("Live");

    await alice.addColumn("To do");
    await expect(bob.column("To do")).toBeVisible();
    await bob.addItem("To do", "Write the brief");
    await expect(alice.item("To do", "Write the brief")).toBeVisible();
    await alice.checkbox("Write the brief").check();
    await expect(bob.checkbox("Write the brief")).toBeChecked();
    await alice.settled();
    await bob.settled();
  });

  test("every control works by mouse", async ({ page, request }) => {
    const { boardId } = await createBoard(request, "Mouse board");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await expect(page.getByText("This board has no columns yet")).toBeVisible();

    await page.getByRole("button", { name: "Rename board", exact: true }).click();
    await page.getByRole("textbox", { name: "Board title" }).fill("Launch plan");
    await page.getByRole("textbox", { name: "Board title" }).press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Launch plan");

    await board.addColumn("Ideas");
    await board.addColumn("Doing");
    await expect(board.column("Ideas").getByText("No items yet.")).toBeVisible();
    await board.addItem("Ideas", "Alpha");
    await board.addItem("Ideas", "Beta");
    await board.addItem("Ideas", "Gamma");
    await expect.poll(() => board.titles("Ideas")).toEqual(["Alpha", "Beta", "Gamma"]);

    // rename an item (Escape cancels, Enter saves)
    await page.getByRole("button", { name: "Rename Beta", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Beta" }).fill("Never mind");
    await page.getByRole("textbox", { name: "Title of Beta" }).press("Escape");
    await expect(board.item("Ideas", "Beta")).toBeVisible();
    await page.getByRole("button", { name: "Rename Beta", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Beta" }).fill("Beta two");
    await page.getByRole("textbox", { name: "Title of Beta" }).press("Enter");
    await expect(board.item("Ideas", "Beta two")).toBeVisible();

    // complete and reopen
    await board.checkbox("Alpha").check();
    await expect(board.checkbox("Alpha")).toBeChecked();
    await board.checkbox("Alpha").uncheck();
    await expect(board.checkbox("Alpha")).not.toBeChecked();

    // rename and move columns
    await page.getByRole("button", { name: "Rename column Doing", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of column Doing" }).fill("In progress");
    await page.getByRole("textbox", { name: "Title of column Doing" }).press("Enter");
    await expect(board.column("In progress")).toBeVisible();
    await page.getByRole("button", { name: "Move column In progress left", exact: true }).click();
    await expect(page.getByRole("region").first()).toHaveAccessibleName("In progress");
    await page.getByRole("button", { name: "Move column In progress right", exact: true }).click();
    await expect(page.getByRole("region").first()).toHaveAccessibleName("Ideas");

    // drag Gamma to the top of its column, then into the other column
    await dragTo(page, board.item("Ideas", "Gamma"), board.item("Ideas", "Alpha"));
    await expect.poll(() => board.titles("Ideas")).toEqual(["Gamma", "Alpha", "Beta two"]);
    await dragTo(page, board.item("Ideas", "Alpha"), board.column("In progress").getByText("No items yet."));
    await expect.poll(() => board.titles("In progress")).toEqual(["Alpha"]);
    await expect.poll(() => board.titles("Ideas")).toEqual(["Gamma", "Beta two"]);

    // remove an item, then a column with its items (after confirming)
    await page.getByRole("button", { name: "Remove Gamma", exact: true }).click();
    await expect(board.item("Ideas", "Gamma")).toHaveCount(0);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove column Ideas", exact: true }).click();
    await expect(board.column("Ideas")).toHaveCount(0);
    await board.settled();

    // a reload shows what the server has: everything was saved
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Launch plan");
    await expect.poll(() => board.titles("In progress")).toEqual(["Alpha"]);
    await expect(page.getByRole("region")).toHaveCount(1);
  });

  test("every control works by keyboard alone", async ({ page, request }) => {
    const { boardId } = await createBoard(request, "Keyboard board");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);

    await page.getByRole("textbox", { name: "New column" }).focus();
    await page.keyboard.type("Now");
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "New column" }).focus();
    await page.keyboard.type("Later");
    await page.keyboard.press("Enter");
    await expect(board.column("Later")).toBeVisible();

    const newItem = board.column("Now").getByRole("textbox", { name: "New item" });
    await newItem.focus();
    for (const title of ["One", "Two", "Three"]) {
      await page.keyboard.type(title);
      await page.keyboard.press("Enter");
      await expect(board.item("Now", title)).toBeVisible();
    }
    await expect(newItem).toBeFocused();

    // complete with Space
    await board.checkbox("Two").focus();
    await page.keyboard.press("Space");
    await expect(board.checkbox("Two")).toBeChecked();

    // rename with Enter, focus returns to the rename button
    await page.getByRole("button", { name: "Rename One", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Title of One" })).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("First");
    await page.keyboard.press("Enter");
    await expect(board.item("Now", "First")).toBeVisible();
    await expect(page.getByRole("button", { name: "Rename First", exact: true })).toBeFocused();

    // move an item down within its column: Space, ArrowDown, Space
    // (each step waits for what a screen reader would announce, as a person would)
    await board.pickUp("First");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText("“First” is over “Two”")).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(() => board.titles("Now")).toEqual(["Two", "First", "Three"]);

    // and into the next column: Space, ArrowRight, Space
    await board.pickUp("Three");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText("“Three” is over “Later”")).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(() => board.titles("Later")).toEqual(["Three"]);
    // What a drag says is in words everywhere on the page, never dnd-kit's own ids.
    await expect(page.getByText("Dropped “Three” at “Later”.")).toBeAttached();
    await expect(page.locator("body")).not.toContainText(/draggable item|droppable area/i);

    // move and rename a column, rename the board
    await page.getByRole("button", { name: "Move column Later left", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region").first()).toHaveAccessibleName("Later");
    await page.getByRole("button", { name: "Rename column Later", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Title of column Later" })).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Soon");
    await page.keyboard.press("Enter");
    await expect(board.column("Soon")).toBeVisible();
    await page.getByRole("button", { name: "Rename board", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Board title" })).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Typed board");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Typed board");

    // remove an item and a column
    await page.getByRole("button", { name: "Remove Two", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(board.item("Now", "Two")).toHaveCount(0);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove column Soon", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(board.column("Soon")).toHaveCount(0);
    await board.settled();
  });

  test("a change that became invalid is announced and rolled back", async ({ browser, request }) => {
    const { boardId } = await createBoard(request, "Race");
    const column = newId();
    const itemId = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Backlog" },
      { type: "addItem", itemId, columnId: column, title: "Milk" },
    ]);
    const context = await browser.newContext();
    const bob = new BoardPage(await context.newPage());
    await bob.open(URL_B, boardId);

    // Bob loses the network and renames the item; meanwhile Alice removes it.
    await context.setOffline(true);
    await bob.page.getByRole("button", { name: "Rename Milk", exact: true }).click();
    await bob.page.getByRole("textbox", { name: "Title of Milk" }).fill("Oat milk");
    await bob.page.getByRole("textbox", { name: "Title of Milk" }).press("Enter");
    await expect(bob.item("Backlog", "Oat milk")).toBeVisible();
    await expect(bob.status).toHaveText(/1 change waiting/);
    await runCommands(request, boardId, [{ type: "removeItem", itemId }], URL_A);

    await context.setOffline(false);
    await expect(bob.alert).toContainText("rename item “Milk” to “Oat milk”");
    await expect(bob.alert).toContainText("was removed");
    await expect(bob.column("Backlog").getByRole("listitem")).toHaveCount(0);
    await expect(bob.status).toHaveText("Live");
    await bob.page.getByRole("button", { name: "Dismiss" }).click();
    await expect(bob.alert).toBeEmpty();
  });

  test("a display name set on the device is recorded on the changes", async ({ page, request }) => {
    const { boardId } = await createBoard(request, "Names");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("textbox", { name: "Your name" }).fill("Ada");
    await page.getByRole("button", { name: "Save name" }).click();
    await board.addColumn("Named");
    await board.settled();
    const log = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
    expect(log.events.at(-1).actor.name).toBe("Ada");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Your name" })).toHaveValue("Ada");
  });
});

/** Drags with the mouse in small steps, as a person does (dnd-kit needs real pointer moves). */
async function dragTo(
  page: import("@playwright/test").Page,
  source: import("@playwright/test").Locator,
  target: import("@playwright/test").Locator,
) {
  const handle = source.getByRole("button", { name: /^Move / });
  // Waits until the item stands still: after a drop, items slide into their new places for a moment.
  await handle.hover();
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("nothing to drag");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

test.describe("around the board", () => {
  test("the history tells who did what, and shows the board at an earlier version", async ({ page, request }) => {
    const { boardId } = await createBoard(request, "Story");
    const column = newId();
    const milk = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Shop" }, // 2
      { type: "addItem", itemId: milk, columnId: column, title: "Milk" }, // 3
      { type: "completeItem", itemId: milk }, // 4
      { type: "removeItem", itemId: milk }, // 5
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("heading", { name: "The board at version 5 of 5" })).toBeVisible();
    const log = page.getByRole("list").filter({ hasText: "created the board" });
    await expect(log.getByRole("listitem")).toHaveText([
      /removed item “Milk”/,
      /completed item “Milk”/,
      /added item “Milk” to column “Shop”/,
      /added column “Shop”/,
      /created the board “Story”/,
    ]);
    await expect(page.getByRole("region", { name: "Shop" }).getByRole("listitem")).toHaveCount(0);

    // step back with the stepper: at version 4 Milk is there, done
    await page.getByRole("button", { name: "Earlier" }).click();
    await expect(page.getByRole("heading", { name: "The board at version 4 of 5" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Shop" }).getByRole("listitem")).toHaveText(/Milk\s*done/);
    // and jump with the slider
    await page.getByRole("slider", { name: "Version" }).fill("3");
    await expect(page.getByRole("heading", { name: "The board at version 3 of 5" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Shop" }).getByRole("listitem")).toHaveText("Milk");

    // By keyboard to either end: the button that reached it is disabled, the focus goes to the other.
    const [earlier, later] = [
      page.getByRole("button", { name: "Earlier" }),
      page.getByRole("button", { name: "Later" }),
    ];
    await earlier.focus();
    for (const version of [2, 1]) {
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: `The board at version ${version} of 5` })).toBeVisible();
    }
    await expect(earlier).toBeDisabled();
    await expect(later).toBeFocused();
    for (const version of [2, 3, 4, 5]) {
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: `The board at version ${version} of 5` })).toBeVisible();
    }
    await expect(later).toBeDisabled();
    await expect(earlier).toBeFocused();
  });

  test("the history's heading names the board as it is now, whichever version is shown", async ({ page, request }) => {
    const { boardId } = await createBoard(request, "Old name");
    await runCommands(request, boardId, [{ type: "renameBoard", title: "New name" }]);
    await page.goto(`${URL_A}/b/${boardId}/history?at=1`);
    await expect(page.getByRole("heading", { name: "The board at version 1 of 2" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History of “New name”");
  });

  test("addresses of boards that do not exist answer 404, malformed or unknown", async ({ request }) => {
    for (const path of [
      "/b/AAAAAAAAAAAAAAAAAAAAAA",
      "/b/not-a-board",
      "/b/AAAAAAAAAAAAAAAAAAAAAA/history",
      "/b/x/history",
      "/r/AAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      const response = await request.get(`${URL_A}${path}`);
      expect({ path, status: response.status() }).toEqual({ path, status: 404 });
      expect(await response.text()).toContain("Not found");
    }
  });

  test("the landing page creates a board and lists the boards opened here, most recent first", async ({ page }) => {
    await page.goto(`${URL_A}/`);
    for (const title of ["First plan", "Second plan"]) {
      await page.getByRole("textbox", { name: "Board title" }).fill(title);
      await page.getByRole("button", { name: "Create board" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(page.getByRole("status")).toHaveText("Live");
      await page.getByRole("link", { name: "All boards" }).click();
    }
    const recent = page.getByRole("region", { name: "Boards on this device" });
    await expect(recent.getByRole("link")).toHaveText(["Second plan", "First plan"]);
  });

  test("the landing page's form creates a board without JavaScript, and says why when it cannot", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${URL_A}/`);
    await page.getByRole("textbox", { name: "Board title" }).fill("Made without scripts");
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made without scripts");
    // A title the server refuses comes back on the page, with the reason and the title kept.
    await page.goto(`${URL_A}/`);
    const tooLong = "x".repeat(201);
    await page.getByRole("textbox", { name: "Board title" }).fill(tooLong);
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.getByRole("alert")).toContainText("200");
    const field = page.getByRole("textbox", { name: "Board title" });
    await expect(field).toHaveValue(tooLong);
    await expect(field).toBeFocused(); // so that a screen reader reads out why, with the field
    await expect(field).toHaveAccessibleDescription(/200/);
    await context.close();
  });

  test("a screenshot of a real board for the README", async ({ page, request }, testInfo) => {
    const { boardId } = await createBoard(request, "Launch week");
    const [todo, doing, done] = [newId(), newId(), newId()];
    const [notes, demo, offline] = [newId(), newId(), newId()];
    const [urgent, design] = [newId(), newId()];
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: todo, title: "To do" },
      { type: "addColumn", columnId: doing, title: "Doing" },
      { type: "addColumn", columnId: done, title: "Done" },
      { type: "addLabel", labelId: urgent, name: "Urgent", color: "red" },
      { type: "addLabel", labelId: design, name: "Design", color: "purple" },
      { type: "addItem", itemId: notes, columnId: todo, title: "Write release notes" },
      { type: "addItem", itemId: demo, columnId: todo, title: "Record the demo" },
      { type: "addItem", itemId: newId(), columnId: todo, title: "Plan the launch party" },
      { type: "addItem", itemId: offline, columnId: doing, title: "Fix offline replay edge case" },
      { type: "addItem", itemId: newId(), columnId: doing, title: "Polish dark mode" },
      { type: "addItem", itemId: newId(), columnId: done, title: "Ship the history view" },
      { type: "labelItem", itemId: notes, labelId: urgent },
      { type: "setItemDue", itemId: notes, due: "2031-03-14" },
      { type: "describeItem", itemId: notes, description: "What changed, for people: undo, presence, import." },
      ...["Draft", "Review", "Publish"].map((text) => ({
        type: "addChecklistEntry",
        itemId: notes,
        entryId: `${notes}-${text}`.slice(-40),
        text,
      })),
      { type: "checkChecklistEntry", itemId: notes, entryId: `${notes}-Draft`.slice(-40) },
      { type: "commentOnItem", itemId: notes, commentId: newId(), text: "I can take the first draft." },
      { type: "labelItem", itemId: demo, labelId: design },
      { type: "labelItem", itemId: offline, labelId: urgent },
    ]);
    await page.setViewportSize({ width: 1100, height: 620 });
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("textbox", { name: "Your name" }).fill("Ada Lovelace");
    await page.getByRole("button", { name: "Save name" }).click();
    await board.checkbox("Ship the history view").check();
    await page.getByRole("button", { name: "Open Write release notes", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Write release notes" })
      .getByRole("checkbox", { name: "Ada Lovelace" })
      .check();
    await page.keyboard.press("Escape");
    await board.settled();
    // The README's picture is replaced only when asked (UPDATE_SCREENSHOTS=1); otherwise a run
    // leaves the checkout as it found it, with the picture among the test's own results.
    const path = process.env.UPDATE_SCREENSHOTS ? "tests/e2e/screenshots/board.png" : testInfo.outputPath("board.png");
    await page.screenshot({ path });
  });
});
