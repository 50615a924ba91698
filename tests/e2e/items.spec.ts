// Items worth planning with: everything an item holds, in its dialog and on its card, found by
// role and name as the README's v2 names say.
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A, URL_B } from "./pages/board";

async function boardWithItem(request: import("@playwright/test").APIRequestContext, title = "Milk") {
  const { boardId, viewToken } = await createBoard(request, "Details");
  const column = newId();
  const itemId = newId();
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: column, title: "To do" },
    { type: "addItem", itemId, columnId: column, title },
  ]);
  return { boardId, viewToken, column, itemId };
}

/** The checklist's entries, in order, as their Done checkboxes name them. */
async function entries(item: import("@playwright/test").Locator) {
  const names = await item
    .getByRole("checkbox", { name: /^Done / })
    .evaluateAll((boxes) => boxes.map((box) => box.getAttribute("aria-label") ?? ""));
  return names.map((name) => name.replace(/^Done /, ""));
}

function dialog(page: Page, title: string) {
  return page.getByRole("dialog", { name: title });
}

async function setName(page: Page, name: string) {
  await page.getByRole("textbox", { name: "Your name" }).fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
}

test.describe("items worth planning with", () => {
  test("the item dialog holds a description, a due date, labels, people, a checklist and comments", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await setName(page, "Ada Lovelace");

    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    await expect(item).toBeVisible();

    // description: several lines, shown with line breaks and a clickable link
    await item.getByRole("textbox", { name: "Description" }).fill("Oat milk, 2 litres.\nSee https://example.com/milk.");
    await item.getByRole("textbox", { name: "Due date" }).focus(); // leaving the field saves it
    await expect(item.getByRole("link", { name: "https://example.com/milk" })).toHaveAttribute(
      "href",
      "https://example.com/milk",
    );
    // due date
    await item.getByRole("textbox", { name: "Due date" }).fill("2031-01-31");
    // labels: made in the board's label manager, then put on the item
    await item.getByRole("button", { name: "Manage labels" }).click();
    const labels = dialog(page, "Labels");
    await labels.getByRole("textbox", { name: "New label" }).fill("Urgent");
    await labels.getByRole("combobox", { name: "Colour of the new label" }).selectOption("red");
    await labels.getByRole("button", { name: "Add label" }).click();
    await expect(labels.getByRole("textbox", { name: "Name of label Urgent" })).toBeVisible();
    await labels.getByRole("button", { name: "Close" }).click();
    await item.getByRole("group", { name: "Labels" }).getByRole("checkbox", { name: "Urgent" }).check();
    // people: this person is a member once they changed something
    await item.getByRole("group", { name: "Assignees" }).getByRole("checkbox", { name: "Ada Lovelace" }).check();
    // checklist: add, tick, reorder with the keyboard, edit, remove
    for (const text of ["Find a shop", "Buy it", "Carry it home"]) {
      await item.getByRole("textbox", { name: "New checklist entry" }).fill(text);
      await item.getByRole("button", { name: "Add entry" }).click();
      await expect(item.getByRole("checkbox", { name: `Done ${text}` })).toBeVisible();
    }
    await item.getByRole("checkbox", { name: "Done Find a shop" }).check();
    await item.getByRole("button", { name: "Move Carry it home up" }).focus();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("button", { name: "Move Carry it home up" })).toBeFocused();
    await expect.poll(() => entries(item)).toEqual(["Find a shop", "Carry it home", "Buy it"]);
    await item.getByRole("button", { name: "Edit Buy it" }).click();
    await item.getByRole("textbox", { name: "Text of Buy it" }).fill("Buy two");
    await item.getByRole("textbox", { name: "Text of Buy it" }).press("Enter");
    await item.getByRole("button", { name: "Remove Carry it home" }).click();
    await expect.poll(() => entries(item)).toEqual(["Find a shop", "Buy two"]);
    // comments: newest at the bottom, the author's own can be edited and removed
    await item.getByRole("textbox", { name: "New comment" }).fill("First thought");
    await item.getByRole("button", { name: "Comment", exact: true }).click();
    await item.getByRole("textbox", { name: "New comment" }).fill("Second thought");
    await item.getByRole("button", { name: "Comment", exact: true }).click();
    const comments = item.getByRole("listitem").filter({ hasText: "thought" });
    await expect(comments).toHaveCount(2);
    await expect(comments.last()).toContainText("Second thought");
    await expect(comments.first()).toContainText("Ada Lovelace");
    // Two comments of the same minute: each button says which comment it acts on.
    const buttonNames = (name: RegExp) =>
      item.getByRole("button", { name }).evaluateAll((buttons) => buttons.map((button) => button.textContent));
    expect(new Set(await buttonNames(/^Edit your comment/)).size).toBe(2);
    expect(new Set(await buttonNames(/^Remove your comment/)).size).toBe(2);
    const editFirst = item.getByRole("button", { name: /^Edit your comment “First thought” of / });
    await editFirst.click();
    const editField = item.getByRole("textbox", { name: "Edit comment" });
    await expect(editField).toBeFocused(); // typing goes into the comment at once
    await page.keyboard.press("Escape"); // cancels the edit, not the dialog
    await expect(editField).toHaveCount(0);
    await expect(item).toBeVisible();
    await expect(editFirst).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(editField).toBeFocused();
    await editField.fill("First thought, revised");
    await item.getByRole("button", { name: "Save comment" }).click();
    await expect(item.getByRole("button", { name: /^Edit your comment “First thought, revised” of / })).toBeFocused();
    await expect(comments.first()).toContainText("First thought, revised");
    await expect(comments.first()).toContainText("(edited)");
    page.once("dialog", (confirm) => confirm.accept());
    await item.getByRole("button", { name: /^Remove your comment “Second thought” of / }).click();
    await expect(comments).toHaveCount(1);

    // Escape closes it, and the focus is back on the item
    await page.keyboard.press("Escape");
    await expect(item).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Open Milk", exact: true })).toBeFocused();

    // the card tells it at a glance, in words
    const card = board.item("To do", "Milk");
    await expect(card.getByText("Label: Urgent")).toBeAttached();
    await expect(card.getByText("Due 31 Jan 2031")).toBeVisible();
    await expect(card.getByText("Checklist: 1 of 2 done")).toBeAttached();
    await expect(card.getByText("1 comment")).toBeAttached();
    await expect(card.getByText("Assigned to Ada Lovelace")).toBeAttached();
    await board.settled();

    // and the server has all of it
    await page.reload();
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    await expect(dialog(page, "Milk").getByRole("textbox", { name: "Description" })).toHaveValue(
      "Oat milk, 2 litres.\nSee https://example.com/milk.",
    );
    await expect(dialog(page, "Milk").getByRole("checkbox", { name: "Urgent" })).toBeChecked();
    await expect(dialog(page, "Milk").getByRole("checkbox", { name: "Done Find a shop" })).toBeChecked();
  });

  test("a due date typed digit by digit is one change, saved when whole; a five-digit year is not saved and says so", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    const due = item.getByRole("textbox", { name: "Due date" });
    const dueEvents = async () => {
      const log = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
      return (log.events as { type: string; data: { due: string | null } }[])
        .filter((event) => event.type === "ItemDueSet")
        .map((event) => event.data.due);
    };

    const leave = () => item.getByRole("textbox", { name: "New checklist entry" }).focus();

    // No day, on an item with no date yet: the field's value stays empty all along, and it says so.
    await due.focus();
    await page.keyboard.type("06"); // the month; the field moves on to the day
    await page.keyboard.press("ArrowRight"); // past the day, left empty
    await page.keyboard.type("2027");
    await leave();
    await expect(due).toHaveAttribute("aria-invalid", "true");
    await expect(due).toHaveAccessibleDescription(/Not saved: a due date needs a day, a month and a four-digit year/);
    await item.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();

    // One digit too many: the field takes a five-digit year.
    await due.focus();
    await page.keyboard.type("063020271");
    await leave();
    await expect(due).toHaveAttribute("aria-invalid", "true");
    await expect(due).toHaveAccessibleDescription(/Not saved: a due date needs a day, a month and a four-digit year/);
    expect(await dueEvents()).toEqual([]);

    // The field reports 0002, 0020 and 0202 on the way to 2027: only the date left in it is a change.
    await item.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    await due.focus();
    await page.keyboard.type("06302027");
    await leave();
    await expect(item.getByText("30 Jun 2027")).toBeVisible();
    await expect(due).not.toHaveAttribute("aria-invalid");
    await expect.poll(dueEvents).toEqual(["2027-06-30"]);
    await page.keyboard.press("Escape");
    await expect(board.item("To do", "Milk")).toContainText("30 Jun 2027");
    await expect(page.getByText(/Couldn’t/)).toHaveCount(0);

    // One undo takes the one change back.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(board.item("To do", "Milk")).not.toContainText("2027");
    await expect.poll(dueEvents).toEqual(["2027-06-30", null]);
  });

  test("an overdue item says so in words on its card", async ({ page, request }) => {
    const { boardId, itemId } = await boardWithItem(request, "Tax return");
    await runCommands(request, boardId, [{ type: "setItemDue", itemId, due: "2020-04-30" }]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await expect(board.item("To do", "Tax return").getByText("Overdue: due 30 Apr 2020")).toBeVisible();
  });

  test("two people on two instances see each other's details live; someone else's comment cannot be edited", async ({
    browser,
    request,
  }) => {
    const { boardId, itemId } = await boardWithItem(request);
    const ada = new BoardPage(await (await browser.newContext()).newPage());
    const ben = new BoardPage(await (await browser.newContext()).newPage());
    await ada.open(URL_A, boardId);
    await ben.open(URL_B, boardId);
    await setName(ada.page, "Ada");
    await ada.page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const adas = dialog(ada.page, "Milk");
    await adas.getByRole("textbox", { name: "New checklist entry" }).fill("Find a shop");
    await adas.getByRole("button", { name: "Add entry" }).click();
    await adas.getByRole("textbox", { name: "New comment" }).fill("I can go on Friday");
    await adas.getByRole("button", { name: "Comment", exact: true }).click();
    await adas.getByRole("textbox", { name: "Description" }).fill("Semi-skimmed");
    await adas.getByRole("checkbox", { name: "Done Find a shop" }).check();

    await expect(ben.item("To do", "Milk").getByText("Checklist: 1 of 1 done")).toBeAttached();
    await ben.page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const bens = dialog(ben.page, "Milk");
    await expect(bens.getByText("I can go on Friday")).toBeVisible();
    await expect(bens.getByRole("textbox", { name: "Description" })).toHaveValue("Semi-skimmed");
    await expect(bens.getByRole("checkbox", { name: "Done Find a shop" })).toBeChecked();
    // Ben types while Ada changes the description again: his text stays, and he is told.
    const bensDescription = bens.getByRole("textbox", { name: "Description" });
    await bensDescription.fill("Whole milk");
    await adas.getByRole("textbox", { name: "Description" }).fill("Oat");
    await adas.getByRole("textbox", { name: "New comment" }).focus(); // Ada's is saved
    await expect(bens.getByText("Someone else changed this description while you typed")).toBeVisible();
    await expect(bensDescription).toHaveValue("Whole milk");
    // Ben is offered no way to edit Ada's comment, and the server refuses him in words all the same.
    await expect(bens.getByRole("button", { name: /^Edit your comment/ })).toHaveCount(0);
    const log = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
    const commented = (log.events as { type: string; data: { commentId: string } }[]).find(
      (event) => event.type === "ItemCommented",
    );
    const answer = await ben.page.request.post(`${URL_B}/api/boards/${boardId}/commands`, {
      data: {
        commandId: crypto.randomUUID(),
        type: "editComment",
        commentId: commented?.data.commentId,
        text: "Mine now",
      },
    });
    expect(answer.status()).toBe(403);
    expect((await answer.json()).reason).toBe(
      "Only the person who wrote a comment may edit it, and this one is by Ada.",
    );
    expect(itemId).toBeTruthy();
  });

  test("Tab past the item dialog's last control comes back to its first, and Shift+Tab the other way", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    const close = item.getByRole("button", { name: "Close" });
    await close.focus();
    await page.keyboard.press("Shift+Tab");
    const last = item.getByRole("button", { name: "Comment", exact: true });
    await expect(last).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(close).toBeFocused();
    // Every stop on the way round is a control in the dialog, never the dialog itself or the page.
    const stops: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      stops.push(
        await page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          if (!active || active.tagName === "DIALOG" || !active.closest("dialog[open]")) return "outside";
          return active.getAttribute("aria-label") ?? active.textContent ?? "";
        }),
      );
      if (stops.at(-1) === "Close") break;
    }
    expect(stops).not.toContain("outside");
    expect(stops.at(-1)).toBe("Close");
  });

  test("leaving an edited description or entry keeps the focus where the person went, and what they type next lands", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    const description = item.getByRole("textbox", { name: "Description" });
    await description.click();
    await page.keyboard.type("Semi-skimmed");
    // Tab from the edited description saves it and goes on to the next control, not to Close.
    await page.keyboard.press("Tab");
    await expect(item.getByRole("button", { name: "Close" })).not.toBeFocused();
    await expect(description).not.toBeFocused();
    // A click from the edited description into the checklist field: what is typed there lands.
    await description.click();
    await page.keyboard.type(", two litres");
    await item.getByRole("textbox", { name: "New checklist entry" }).click();
    await page.keyboard.type("Check the date");
    await page.keyboard.press("Enter");
    await expect(item.getByRole("checkbox", { name: "Done Check the date" })).toBeVisible();
    await expect(item.getByRole("textbox", { name: "New checklist entry" })).toBeFocused();
    // An entry being renamed, left for the same field.
    await item.getByRole("button", { name: "Edit Check the date" }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" first");
    await item.getByRole("textbox", { name: "New checklist entry" }).click();
    await page.keyboard.type("Pay");
    await page.keyboard.press("Enter");
    await expect(item).toBeVisible();
    await expect(item.getByRole("checkbox", { name: "Done Pay" })).toBeVisible();
    await board.settled();
    const milk = (await (await request.get(`${URL_A}/api/boards/${boardId}`)).json()).state.columns[0].items[0];
    expect(milk.description).toBe("Semi-skimmed, two litres");
    expect(milk.checklist.map((entry: { text: string }) => entry.text)).toEqual(["Check the date first", "Pay"]);
  });

  test("removing a checklist entry or clearing the due date keeps the focus in its part of the dialog", async ({
    page,
    request,
  }) => {
    const { boardId, itemId } = await boardWithItem(request);
    await runCommands(request, boardId, [
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "One" },
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "Two" },
      { type: "setItemDue", itemId, due: "2030-01-31" },
      { type: "addLabel", labelId: newId(), name: "Red one", color: "red" },
      { type: "addLabel", labelId: newId(), name: "Blue one", color: "blue" },
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    await item.getByRole("button", { name: "Remove One" }).focus();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("button", { name: "Remove Two" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("textbox", { name: "New checklist entry" })).toBeFocused();
    await item.getByRole("button", { name: "Clear due date" }).focus();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("button", { name: "Clear due date" })).toHaveCount(0);
    await expect(item.getByLabel("Due date")).toBeFocused();

    // A comment of one's own: to the next one's Remove, then to New comment.
    for (const text of ["Note one", "Note two"]) {
      await item.getByRole("textbox", { name: "New comment" }).fill(text);
      await item.getByRole("button", { name: "Comment", exact: true }).click();
      await expect(item.getByRole("button", { name: new RegExp(`^Remove your comment “${text}”`) })).toBeVisible();
    }
    page.on("dialog", (confirm) => confirm.accept());
    await item.getByRole("button", { name: /^Remove your comment “Note one”/ }).focus();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("button", { name: /^Remove your comment “Note two”/ })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(item.getByRole("textbox", { name: "New comment" })).toBeFocused();

    // A label, in the label manager: to the next label's Remove, then to New label.
    await item.getByRole("button", { name: "Manage labels" }).click();
    const labels = dialog(page, "Labels");
    await labels.getByRole("button", { name: "Remove label Red one" }).focus();
    await page.keyboard.press("Enter");
    await expect(labels.getByRole("button", { name: "Remove label Blue one" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(labels.getByRole("textbox", { name: "New label" })).toBeFocused();
  });

  test("a comment or a checklist entry typed and not sent is still in its field when the item opens again", async ({
    page,
    request,
  }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const open = async () => {
      await page.getByRole("button", { name: "Open Milk", exact: true }).click();
      return dialog(page, "Milk");
    };
    let item = await open();
    await item.getByRole("textbox", { name: "New comment" }).fill("Half a thought");
    await item.getByRole("textbox", { name: "New checklist entry" }).fill("Ask Ben");
    await page.keyboard.press("Escape");
    await expect(item).toHaveCount(0);

    item = await open();
    await expect(item.getByRole("textbox", { name: "New comment" })).toHaveValue("Half a thought");
    await expect(item.getByRole("textbox", { name: "New checklist entry" })).toHaveValue("Ask Ben");
    // Sent, it leaves the field for good.
    await item.getByRole("button", { name: "Comment", exact: true }).click();
    await item.getByRole("button", { name: "Add entry", exact: true }).click();
    await expect(item.getByRole("listitem").filter({ hasText: "Half a thought" })).toBeVisible();
    await expect(item.getByRole("checkbox", { name: "Done Ask Ben" })).toBeVisible();
    await item.getByRole("button", { name: "Close" }).click();
    item = await open();
    await expect(item.getByRole("textbox", { name: "New comment" })).toHaveValue("");
    await expect(item.getByRole("textbox", { name: "New checklist entry" })).toHaveValue("");
    await board.settled();
    const milk = (await (await request.get(`${URL_A}/api/boards/${boardId}`)).json()).state.columns[0].items[0];
    expect(milk.comments.map((comment: { text: string }) => comment.text)).toEqual(["Half a thought"]);
  });

  test("a removed item and a removed column are listed under Removed, newest first, and restored whole", async ({
    page,
    request,
  }) => {
    const { boardId, itemId, column } = await boardWithItem(request);
    const other = newId();
    await runCommands(request, boardId, [
      { type: "describeItem", itemId, description: "Keep me" },
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "Find a shop" },
      { type: "addColumn", columnId: other, title: "Later" },
      { type: "addItem", itemId: newId(), columnId: other, title: "Paint the fence" },
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Remove Milk", exact: true }).click();
    page.once("dialog", (confirm) => confirm.accept());
    await page.getByRole("button", { name: "Remove column Later", exact: true }).click();
    await expect(board.column("Later")).toHaveCount(0);

    await page.getByRole("button", { name: "Removed", exact: true }).click();
    const removed = dialog(page, "Removed");
    await expect(removed.getByRole("listitem")).toHaveText([/Column\s*Later\s*with 1 item/, /Item\s*Milk/]);
    await removed.getByRole("button", { name: "Restore Later" }).click();
    // By keyboard: the button goes with its entry, and the focus stays in the dialog (on Close).
    await removed.getByRole("button", { name: "Restore Milk" }).focus();
    await page.keyboard.press("Enter");
    await expect(removed.getByRole("listitem")).toHaveCount(0);
    await expect(removed.getByRole("button", { name: "Close" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(board.item("Later", "Paint the fence")).toBeVisible();
    await expect(board.item("To do", "Milk").getByText("Checklist: 0 of 1 done")).toBeAttached();
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    await expect(dialog(page, "Milk").getByRole("textbox", { name: "Description" })).toHaveValue("Keep me");
    expect(column).toBeTruthy();
  });

  test("a removed item whose column is gone too is restored into the first column", async ({ page, request }) => {
    const { boardId } = await boardWithItem(request);
    const later = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: later, title: "Later" },
      { type: "addItem", itemId: newId(), columnId: later, title: "Paint the fence" },
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.getByRole("button", { name: "Remove Paint the fence", exact: true }).click();
    await page.getByRole("button", { name: "Remove column Later", exact: true }).click();
    await expect(board.column("Later")).toHaveCount(0);
    await page.getByRole("button", { name: "Removed", exact: true }).click();
    const removed = dialog(page, "Removed");
    await removed.getByRole("button", { name: "Restore Paint the fence" }).click();
    await expect(removed.getByRole("listitem")).toHaveText([/Column\s*Later/]);
    await removed.getByRole("button", { name: "Close" }).click();
    await expect(board.item("To do", "Paint the fence")).toBeVisible();
    await board.settled();
    const { state } = (await (await page.request.get(`${URL_A}/api/boards/${boardId}`)).json()) as {
      state: { columns: { title: string; items: { title: string }[] }[] };
    };
    expect(state.columns.map((column) => column.title)).toEqual(["To do"]);
    expect(state.columns[0].items.map((item) => item.title)).toContain("Paint the fence");
  });

  test("the read-only link shows every detail in the server's HTML, escaped, without JavaScript", async ({
    browser,
    request,
  }) => {
    const { boardId, viewToken, itemId } = await boardWithItem(request);
    const label = newId();
    await runCommands(request, boardId, [
      { type: "addLabel", labelId: label, name: "Urgent", color: "red" },
      { type: "labelItem", itemId, labelId: label },
      { type: "describeItem", itemId, description: "<script>alert(1)</script>\nhttps://example.com/shop" },
      { type: "setItemDue", itemId, due: "2031-05-01" },
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "Find a shop" },
      { type: "commentOnItem", itemId, commentId: newId(), text: "On my way" },
    ]);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${URL_A}/r/${viewToken}`);
    const card = page.getByRole("region", { name: "To do" }).getByRole("listitem").first();
    await expect(card.getByText("Label: Urgent")).toBeAttached();
    await expect(card.getByText("Due 1 May 2031")).toBeVisible();
    await card.getByText("Details").click(); // a native disclosure: no script needed
    await expect(card.getByText("<script>alert(1)</script>")).toBeVisible();
    await expect(card.getByRole("link", { name: "https://example.com/shop" })).toBeVisible();
    await expect(card.getByText("Find a shop")).toBeVisible();
    await expect(card.getByText("On my way")).toBeVisible();
    await expect(page.locator("script:not([src])").filter({ hasText: "alert(1)" })).toHaveCount(0);
    await context.close();
  });

  test("details changed offline land once when the network returns", async ({ context, page, request }) => {
    const { boardId } = await boardWithItem(request);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.getByRole("button", { name: "Open Milk", exact: true }).click();
    const item = dialog(page, "Milk");
    await item.getByRole("textbox", { name: "New checklist entry" }).fill("Offline entry");
    await item.getByRole("button", { name: "Add entry" }).click();
    await item.getByRole("textbox", { name: "Description" }).fill("Written on a train");
    await item.getByRole("button", { name: "Add entry" }).focus();
    await page.keyboard.press("Escape");
    await expect(board.status).toHaveText("Offline — 2 changes waiting");
    await context.setOffline(false);
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    const state = await (await request.get(`${URL_A}/api/boards/${boardId}`)).json();
    const milk = state.state.columns[0].items[0];
    expect(milk.description).toBe("Written on a train");
    expect(milk.checklist.map((entry: { text: string }) => entry.text)).toEqual(["Offline entry"]);
  });

  test("the history tells every detail change in words", async ({ page, request }) => {
    const { boardId, itemId } = await boardWithItem(request);
    await runCommands(request, boardId, [
      { type: "describeItem", itemId, description: "Oat" },
      { type: "setItemDue", itemId, due: "2031-01-31" },
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "Find a shop" },
    ]);
    await page.goto(`${URL_A}/b/${boardId}/history`);
    const log = page.getByRole("list").filter({ hasText: "created the board" });
    await expect(log).toContainText("the checklist of item “Milk”");
    await expect(log).toContainText("item “Milk”");
  });
});
