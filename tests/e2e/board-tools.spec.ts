// Board tools: finding the items that matter now, seeing where work piles up, and driving the
// board from the keyboard.
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

/** A date `days` from today in the browser's calendar (the tests run in one time zone). */
function day(days: number) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

async function plannedBoard(request: import("@playwright/test").APIRequestContext) {
  const { boardId } = await createBoard(request, "Planning");
  const [todo, doing] = [newId(), newId()];
  const [tax, fence, cake, report, plants] = [newId(), newId(), newId(), newId(), newId()];
  const [urgent, home] = [newId(), newId()];
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: todo, title: "To do" },
    { type: "addColumn", columnId: doing, title: "Doing" },
    { type: "addLabel", labelId: urgent, name: "Urgent", color: "red" },
    { type: "addLabel", labelId: home, name: "Home", color: "green" },
    { type: "addItem", itemId: tax, columnId: todo, title: "Tax return" },
    { type: "addItem", itemId: fence, columnId: todo, title: "Paint the fence" },
    { type: "addItem", itemId: cake, columnId: todo, title: "Bake a cake" },
    { type: "addItem", itemId: report, columnId: doing, title: "Quarterly report" },
    { type: "addItem", itemId: plants, columnId: doing, title: "Water plants" },
    { type: "labelItem", itemId: tax, labelId: urgent },
    { type: "labelItem", itemId: fence, labelId: home },
    { type: "labelItem", itemId: plants, labelId: home },
    { type: "setItemDue", itemId: tax, due: day(-3) },
    { type: "setItemDue", itemId: report, due: day(2) },
    { type: "setItemDue", itemId: cake, due: day(30) },
    { type: "describeItem", itemId: cake, description: "Chocolate, for Sam's birthday" },
    { type: "addChecklistEntry", itemId: fence, entryId: newId(), text: "Buy primer" },
    { type: "commentOnItem", itemId: report, commentId: newId(), text: "Numbers from finance by Friday" },
  ]);
  return boardId;
}

async function visibleTitles(board: BoardPage) {
  return [...(await board.titles("To do")), ...(await board.titles("Doing"))];
}

test.describe("search and filters", () => {
  test("the search finds words in titles, descriptions, checklists, comments and label names; Escape clears it", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await plannedBoard(request));
    const search = page.getByRole("searchbox", { name: "Search items" });
    for (const [words, found] of [
      ["tax", ["Tax return"]],
      ["birthday", ["Bake a cake"]],
      ["primer", ["Paint the fence"]],
      ["finance", ["Quarterly report"]],
      ["home", ["Paint the fence", "Water plants"]],
      ["HOME water", ["Water plants"]],
    ] as const) {
      await search.fill(words);
      await expect.poll(() => visibleTitles(board)).toEqual(found);
      await expect(board.shown).toHaveText(`Showing ${found.length} of 5 items`);
    }
    await expect(page).toHaveURL(/\?q=HOME\+water$/);
    await search.press("Escape");
    await expect(search).toHaveValue("");
    await expect.poll(() => visibleTitles(board)).toHaveLength(5);
    await expect(board.shown).toHaveCount(0);
  });

  test("quick filters combine, and a filtered view lives in its address", async ({ page, request }) => {
    const boardId = await plannedBoard(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("combobox", { name: "Label" }).selectOption({ label: "Home" });
    await expect.poll(() => visibleTitles(board)).toEqual(["Paint the fence", "Water plants"]);
    await page.getByRole("searchbox", { name: "Search items" }).fill("water");
    await expect.poll(() => visibleTitles(board)).toEqual(["Water plants"]);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => visibleTitles(board)).toHaveLength(5);
    // The button went with the filter; the focus stays in the bar, not on the page's body.
    await expect(page.getByRole("searchbox", { name: "Search items" })).toBeFocused();

    await page.getByRole("combobox", { name: "Due" }).selectOption({ label: "Overdue" });
    await expect.poll(() => visibleTitles(board)).toEqual(["Tax return"]);
    await page.getByRole("combobox", { name: "Due" }).selectOption({ label: "Due this week" });
    await expect.poll(() => visibleTitles(board)).toEqual(["Quarterly report"]);
    const address = page.url();
    expect(address).toContain("due=week");

    // Shared or bookmarked: the address opens the same view.
    const other = new BoardPage(await page.context().newPage());
    await other.page.goto(address);
    await expect(other.status).toHaveText("Live");
    await expect.poll(() => visibleTitles(other)).toEqual(["Quarterly report"]);
    await expect(other.page.getByRole("combobox", { name: "Due" })).toHaveValue("week");
  });

  test("an address filtered by a label the board no longer has shows the board, not an empty one", async ({
    page,
    request,
  }) => {
    const boardId = await plannedBoard(request);
    const board = new BoardPage(page);
    await page.goto(`${URL_A}/b/${boardId}?label=${newId()}&q=cake`);
    await expect(board.status).toHaveText("Live");
    // The search still applies; the label, which the menu cannot show, does not.
    await expect(page.getByRole("combobox", { name: "Label" })).toHaveValue("");
    await expect.poll(() => visibleTitles(board)).toEqual(["Bake a cake"]);
    await expect(board.shown).toHaveText("Showing 1 of 5 items");
  });

  test("an item added where the filter hides it is said to be there, until the filter shows it", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await plannedBoard(request));
    const field = board.column("To do").getByRole("textbox", { name: "New item" });
    // One added while shown is not said to be hidden later, when a filter hides it.
    await board.addItem("To do", "Shown as it was added");
    await page.getByRole("searchbox", { name: "Search items" }).fill("tax");
    await expect(board.shown).toHaveText("Showing 1 of 6 items");
    await expect(field).toHaveAccessibleDescription("");
    await field.fill("Call the plumber");
    await board.column("To do").getByRole("button", { name: "Add item" }).click();
    await expect(board.shown).toHaveText("Showing 1 of 7 items");
    await expect(field).toHaveAccessibleDescription("Added “Call the plumber”; the filters hide it.");
    await expect.poll(() => visibleTitles(board)).toEqual(["Tax return"]);
    // One that the filter keeps is simply shown.
    await field.fill("Tax papers");
    await expect(field).toHaveAccessibleDescription("");
    await board.column("To do").getByRole("button", { name: "Add item" }).click();
    await expect.poll(() => visibleTitles(board)).toEqual(["Tax return", "Tax papers"]);
    await expect(field).toHaveAccessibleDescription("");

    await field.fill("Call the plumber again");
    await board.column("To do").getByRole("button", { name: "Add item" }).click();
    await expect(field).toHaveAccessibleDescription("Added “Call the plumber again”; the filters hide it.");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(board.item("To do", "Call the plumber again")).toBeVisible();
    await expect(field).toHaveAccessibleDescription("");
  });

  test("“Mine” and a person keep the items assigned to them", async ({ page, request }) => {
    const boardId = await plannedBoard(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("textbox", { name: "Your name" }).fill("Sam");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("button", { name: "Open Bake a cake", exact: true }).click();
    const cake = page.getByRole("dialog", { name: "Bake a cake" });
    // A first change on the board makes this person one of its members.
    await cake.getByRole("textbox", { name: "New checklist entry" }).fill("Buy eggs");
    await cake.getByRole("button", { name: "Add entry" }).click();
    await cake.getByRole("checkbox", { name: "Sam" }).check();
    await page.keyboard.press("Escape");
    await board.settled();
    await page.getByRole("checkbox", { name: "Mine" }).check();
    await expect.poll(() => visibleTitles(board)).toEqual(["Bake a cake"]);
    await page.getByRole("checkbox", { name: "Mine" }).uncheck();
    // This device's own person says so, as in People here and the item's Assignees.
    await page.getByRole("combobox", { name: "Person" }).selectOption({ label: "Sam (you)" });
    await expect.poll(() => visibleTitles(board)).toEqual(["Bake a cake"]);
    await page.getByRole("searchbox", { name: "Search items" }).fill("sam");
    await expect(board.shown).toHaveText("Showing 1 of 5 items");
  });
});

test.describe("column limits", () => {
  test("a limit set from the heading shows the count, says when it is over, never refuses, and can be cleared", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await plannedBoard(request));
    const todo = board.column("To do");
    await todo.getByRole("button", { name: "Set a limit for To do" }).click();
    await todo.getByRole("spinbutton", { name: "Limit of To do" }).fill("3");
    await todo.getByRole("button", { name: "Save limit" }).click();
    await expect(todo.getByText("3 / 3")).toBeVisible();
    await expect(todo.getByText("Over limit")).toHaveCount(0);
    await board.addItem("To do", "One too many"); // a limit never refuses
    await expect(todo.getByText("4 / 3")).toBeVisible();
    await expect(todo.getByText("Over limit")).toBeVisible();
    // Red is the badge's alone: the items keep their colour (red on a card says overdue).
    const colourOf = (locator: import("@playwright/test").Locator) =>
      locator.evaluate((element) => getComputedStyle(element).color);
    const danger = await colourOf(todo.getByText("Over limit"));
    expect(await colourOf(todo.getByText("One too many"))).not.toBe(danger);
    await board.settled();
    await page.reload();
    await expect(todo.getByText("Over limit")).toBeVisible();
    await todo.getByRole("button", { name: "Change the limit of To do" }).click();
    await todo.getByRole("button", { name: "Clear limit" }).click();
    await expect(todo.getByText(/\d+ \/ \d+/)).toHaveCount(0);
  });

  test("a limit out of range is explained in the page, in words, and nothing is sent", async ({ page, request }) => {
    const board = new BoardPage(page);
    const boardId = await plannedBoard(request);
    await board.open(URL_A, boardId);
    const todo = board.column("To do");
    await todo.getByRole("button", { name: "Set a limit for To do" }).click();
    const field = todo.getByRole("spinbutton", { name: "Limit of To do" });
    for (const value of ["0", "-3", "2.5", "100000", ""]) {
      await field.fill(value);
      await todo.getByRole("button", { name: "Save limit" }).click();
      await expect(field).toHaveAccessibleDescription("A limit is a whole number from 1 to 999.");
      await expect(field).toHaveAttribute("aria-invalid", "true");
    }
    await field.fill("7");
    await expect(field).toHaveAccessibleDescription(""); // a new value clears the message
    await expect(field).not.toHaveAttribute("aria-invalid");
    await field.press("Enter");
    await expect(todo.getByText(/^\d+ \/ 7$/)).toBeVisible();
    // Closed by the keyboard, the editor gives the focus back to the button that opened it.
    const change = todo.getByRole("button", { name: "Change the limit of To do" });
    await expect(change).toBeFocused();
    await page.keyboard.press("Enter");
    await todo.getByRole("spinbutton", { name: "Limit of To do" }).press("Escape");
    await expect(change).toBeFocused();
    await board.settled();
    await page.reload();
    await expect(todo.getByText(/^\d+ \/ 7$/)).toBeVisible();
    const log = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
    const limits = (log.events as { type: string; data: { limit: number } }[]).filter(
      (event) => event.type === "ColumnLimitSet",
    );
    expect(limits.map((event) => event.data.limit)).toEqual([7]);
  });
});

test.describe("keyboard shortcuts", () => {
  async function focusItem(page: Page, title: string) {
    await page.getByRole("button", { name: `Move ${title}`, exact: true }).focus();
  }

  test("n, o, c, ] and [ act on the focused item or column, / searches, ? lists them all", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await plannedBoard(request));

    await focusItem(page, "Paint the fence");
    await page.keyboard.press("c");
    await expect(board.checkbox("Paint the fence")).toBeChecked();
    await page.keyboard.press("]");
    await expect.poll(() => board.titles("Doing")).toEqual(["Quarterly report", "Water plants", "Paint the fence"]);
    await expect(page.getByRole("button", { name: "Move Paint the fence", exact: true })).toBeFocused();
    await page.keyboard.press("[");
    await expect.poll(() => board.titles("To do")).toEqual(["Tax return", "Bake a cake", "Paint the fence"]);
    // From another of the item's controls, the focus stays on that control in the new column.
    await board.checkbox("Paint the fence").focus();
    await page.keyboard.press("]");
    await expect.poll(() => board.titles("Doing")).toEqual(["Quarterly report", "Water plants", "Paint the fence"]);
    await expect(board.checkbox("Paint the fence")).toBeFocused();
    await page.keyboard.press("[");
    await expect.poll(() => board.titles("To do")).toEqual(["Tax return", "Bake a cake", "Paint the fence"]);
    await expect(board.checkbox("Paint the fence")).toBeFocused();
    await page.keyboard.press("o");
    await expect(page.getByRole("dialog", { name: "Paint the fence" })).toBeVisible();
    await page.keyboard.press("c"); // not under an open dialog
    await page.keyboard.press("Escape");
    await expect(board.checkbox("Paint the fence")).toBeChecked();

    await focusItem(page, "Water plants");
    await page.keyboard.press("n");
    const newItem = board.column("Doing").getByRole("textbox", { name: "New item" });
    await expect(newItem).toBeFocused();
    await page.keyboard.type("c and o are letters here"); // never while typing in a field
    await expect(newItem).toHaveValue("c and o are letters here");
    await newItem.press("Escape");
    await newItem.blur();

    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search items" })).toBeFocused();
    await focusItem(page, "Tax return");
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const key of ["n", "o", "c", "]", "[", "/", "?"])
      await expect(help.getByText(key, { exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click(); // and a visible control for them
    await expect(help).toBeVisible();
  });
});
