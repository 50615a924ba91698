// Typing goes where the person typed, text is never lost or cut without a word.
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

async function boardWith(request: import("@playwright/test").APIRequestContext, items: string[]) {
  const { boardId } = await createBoard(request, "Editing");
  const todo = newId();
  const done = newId();
  const ids = items.map(() => newId());
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: todo, title: "To do" },
    { type: "addColumn", columnId: done, title: "Done" },
    ...items.map((title, n) => ({ type: "addItem", itemId: ids[n], columnId: todo, title })),
  ]);
  return { boardId, ids };
}

test.describe("editing", () => {
  test("after a title edit, clicking another column's New item field and typing adds the item there", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWith(request, ["Eggs"]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Rename Eggs", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Eggs" }).fill("Free-range eggs");
    const newItem = board.column("Done").getByRole("textbox", { name: "New item" });
    await newItem.click();
    await page.keyboard.type("Buy milk");
    await page.keyboard.press("Enter");
    await expect(board.item("Done", "Buy milk")).toBeVisible();
    await expect(newItem).toBeFocused();
    await expect.poll(() => board.titles("To do")).toEqual(["Free-range eggs"]);
    await expect(page.getByRole("textbox", { name: /^Title of/ })).toHaveCount(0);
  });

  test("a title changed elsewhere while its field is open says so; leaving the field untouched keeps the new one", async ({
    page,
    request,
  }) => {
    const { boardId, ids } = await boardWith(request, ["Eggs"]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const field = page.getByRole("textbox", { name: /^Title of / });

    await page.getByRole("button", { name: "Rename Eggs", exact: true }).click();
    await runCommands(request, boardId, [{ type: "renameItem", itemId: ids[0], title: "Organic eggs" }]);
    await expect(field).toHaveAccessibleDescription("Changed meanwhile to “Organic eggs”.");
    await board.column("Done").getByRole("textbox", { name: "New item" }).click(); // leaving it saves: nothing to save
    await expect(field).toHaveCount(0);
    await board.settled();
    await page.reload();
    await expect.poll(() => board.titles("To do")).toEqual(["Organic eggs"]);

    // What the person typed replaces it, as the field said.
    await page.getByRole("button", { name: "Rename Organic eggs", exact: true }).click();
    await field.fill("Brown eggs");
    await runCommands(request, boardId, [{ type: "renameItem", itemId: ids[0], title: "Free-range eggs" }]);
    await expect(field).toHaveAccessibleDescription(
      "Changed meanwhile to “Free-range eggs”: saving replaces it, Escape keeps it.",
    );
    await field.press("Enter");
    await board.settled();
    await page.reload();
    await expect.poll(() => board.titles("To do")).toEqual(["Brown eggs"]);
  });

  test("Tab out of a title edit saves it and moves on to the next control", async ({ page, request }) => {
    const { boardId } = await boardWith(request, ["Eggs"]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Rename Eggs", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Eggs" }).fill("Brown eggs");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Open Brown eggs", exact: true })).toBeFocused();
    await expect.poll(() => board.titles("To do")).toEqual(["Brown eggs"]);
  });

  test("an edit in progress on an item someone else removes is announced, with the text to copy", async ({
    page,
    request,
  }) => {
    const { boardId, ids } = await boardWith(request, ["Eggs"]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Rename Eggs", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Eggs" }).fill("A long thought I do not want to lose");
    await runCommands(request, boardId, [{ type: "removeItem", itemId: ids[0] }]); // someone else
    await expect(board.alert).toContainText("Item “Eggs” was removed by someone else while you were renaming it");
    await expect(board.alert).toContainText("A long thought I do not want to lose");
    await expect(board.alert.getByRole("button", { name: "Copy text" })).toBeVisible();
  });

  test("text being written in the item dialog is kept to copy, in the dialog, when someone else removes what it was for", async ({
    page,
    request,
  }) => {
    const { boardId, ids } = await boardWith(request, ["Eggs", "Milk"]);
    const entryId = newId();
    await runCommands(request, boardId, [{ type: "addChecklistEntry", itemId: ids[0], entryId, text: "Pay" }]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const keptIn = (dialog: import("@playwright/test").Locator) => dialog.getByRole("alert", { name: "Not saved" });

    // A checklist entry removed while its text is being edited.
    await page.getByRole("button", { name: "Open Eggs", exact: true }).click();
    const eggs = page.getByRole("dialog", { name: "Eggs" });
    await eggs.getByRole("button", { name: "Edit Pay" }).click();
    await eggs.getByRole("textbox", { name: "Text of Pay" }).fill("Pay by card");
    await runCommands(request, boardId, [{ type: "removeChecklistEntry", itemId: ids[0], entryId }]);
    await expect(keptIn(eggs)).toContainText(
      "Checklist entry “Pay” was removed by someone else while you were editing it; your text was not saved.",
    );
    await expect(keptIn(eggs)).toContainText("Pay by card");

    // The item removed while a comment is being written.
    await eggs.getByRole("textbox", { name: "New comment" }).fill("I can go on Friday");
    await runCommands(request, boardId, [{ type: "removeItem", itemId: ids[0] }]);
    const gone = page.getByRole("dialog", { name: "This item is no longer on the board" });
    await expect(keptIn(gone)).toContainText(
      "Item “Eggs” was removed by someone else while you were writing a comment; it was not sent.",
    );
    await expect(keptIn(gone)).toContainText("I can go on Friday");
    await expect(keptIn(gone).getByRole("button", { name: "Copy text" })).toHaveCount(2);
    await gone.getByRole("button", { name: "Close" }).click();
    await expect(board.alert).toContainText("I can go on Friday"); // and on the board, once the dialog is closed
    // The button that opened it went with the item: the focus goes where the dialog pointed.
    const removed = page.getByRole("button", { name: "Removed", exact: true });
    await expect(removed).toBeFocused();

    // The item removed while its description is being written.
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Milk" })
      .getByRole("textbox", { name: "Description" })
      .fill("Oat, 2 litres");
    await runCommands(request, boardId, [{ type: "removeItem", itemId: ids[1] }]);
    await expect(keptIn(gone)).toContainText(
      "Item “Milk” was removed by someone else while you were writing its description; your text was not saved.",
    );
    await expect(keptIn(gone)).toContainText("Oat, 2 litres");
    await expect(keptIn(gone)).not.toContainText("Friday"); // only this item's
    await page.keyboard.press("Escape");
    await expect(gone).toHaveCount(0);
    await expect(removed).toBeFocused();
  });

  test("the display name is shared by the tabs of this browser, and leaving an untouched field keeps it", async ({
    context,
    request,
  }) => {
    const { boardId } = await boardWith(request, []);
    const first = new BoardPage(await context.newPage());
    await first.open(URL_A, boardId);
    const second = new BoardPage(await context.newPage());
    await second.open(URL_A, boardId);
    await first.page.getByRole("textbox", { name: "Your name" }).fill("Grace");
    await first.page.getByRole("button", { name: "Save name" }).click();
    // The tab opened earlier shows it, and focusing and leaving its field does not wipe it.
    const field = second.page.getByRole("textbox", { name: "Your name" });
    await expect(field).toHaveValue("Grace");
    await field.focus();
    await field.blur();
    await second.addColumn("By Grace");
    await second.settled();
    const log = await (await context.request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
    expect(log.events.at(-1).actor.name).toBe("Grace");
  });

  test("a title over the limit is kept and explained, counted in characters as the server counts", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWith(request, []);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const field = board.column("To do").getByRole("textbox", { name: "New item" });
    // 200 emoji are 400 UTF-16 units: a field counting those would stop at 100.
    const emoji = "🍎".repeat(200);
    await field.fill(emoji);
    await board.column("To do").getByRole("button", { name: "Add item" }).click();
    await expect(board.item("To do", emoji)).toBeVisible();
    await field.fill(`${emoji}🍐`);
    await expect(field).toHaveAccessibleDescription(
      "The title is 201 characters; the most is 200. Shorten it to save.",
    );
    await field.press("Enter");
    await expect(field).toHaveValue(`${emoji}🍐`); // nothing cut, nothing added
    await expect.poll(() => board.titles("To do")).toEqual([emoji]);
  });

  test("a pasted text with line breaks becomes one line, and the field says so", async ({ page, request }) => {
    const { boardId } = await boardWith(request, []);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const field = board.column("To do").getByRole("textbox", { name: "New item" });
    await field.focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text/plain", "Call the plumber\nabout the sink\n\nbefore Friday");
      document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    });
    await expect(field).toHaveValue("Call the plumber about the sink before Friday");
    await expect(field).toHaveAccessibleDescription("Line breaks were turned into spaces: the title is one line.");
  });

  test("a title of invisible characters only is refused in words", async ({ page, request }) => {
    const { boardId } = await boardWith(request, []);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const field = board.column("To do").getByRole("textbox", { name: "New item" });
    await field.fill("\u200b\u200b\u200b");
    await field.press("Enter");
    await expect(field).toHaveAccessibleDescription("The title must not be empty.");
    await expect(board.column("To do").getByRole("listitem")).toHaveCount(0);
  });
});
