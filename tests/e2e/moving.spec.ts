// Moving items and columns, by pointer and by keyboard, and where the focus goes after a change.
import type { Locator } from "@playwright/test";
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

async function twoColumns(request: import("@playwright/test").APIRequestContext) {
  const { boardId } = await createBoard(request, "Moving");
  const [todo, doing] = [newId(), newId()];
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: todo, title: "To do" },
    { type: "addColumn", columnId: doing, title: "Doing" },
    ...["Plan", "Build", "Ship"].map((title) => ({ type: "addItem", itemId: newId(), columnId: todo, title })),
    ...["Review", "Test"].map((title) => ({ type: "addItem", itemId: newId(), columnId: doing, title })),
  ]);
  return boardId;
}

/** Picks an item up by its handle and moves the pointer to `x, y` in small steps (dnd-kit needs real moves). */
async function pickUpAndMove(page: Page, source: Locator, to: { x: number; y: number }) {
  const handle = source.getByRole("button", { name: /^Move / });
  await handle.hover(); // waits for the item to stand still
  const from = await handle.boundingBox();
  if (!from) throw new Error("no handle");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
}

async function middle(locator: Locator, { lower = false } = {}) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height * (lower ? 0.85 : 0.5) };
}

test.describe("moving items", () => {
  test("dropped on the lower half of another column's last item, an item goes last, and a mark shows where", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    await pickUpAndMove(page, board.item("To do", "Plan"), await middle(board.item("Doing", "Test"), { lower: true }));
    // The insertion mark sits after "Test", the last item.
    const marks = board.column("Doing").locator(".drop-mark");
    await expect(marks).toHaveCount(1);
    const mark = await marks.boundingBox();
    const last = await board.item("Doing", "Test").boundingBox();
    expect(mark && last && mark.y > last.y + last.height - 1).toBe(true);
    await page.mouse.up();
    await expect.poll(() => board.titles("Doing")).toEqual(["Review", "Test", "Plan"]);
  });

  test("dropped on the upper half of an item, an item goes before it", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    const target = await board.item("Doing", "Test").boundingBox();
    if (!target) throw new Error("no target");
    await pickUpAndMove(page, board.item("To do", "Plan"), { x: target.x + target.width / 2, y: target.y + 4 });
    await page.mouse.up();
    await expect.poll(() => board.titles("Doing")).toEqual(["Review", "Plan", "Test"]);
  });

  test("dropped on another column's New item field, an item goes last", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    const field = board.column("Doing").getByRole("textbox", { name: "New item" });
    await pickUpAndMove(page, board.item("To do", "Build"), await middle(field));
    await page.mouse.up();
    await expect.poll(() => board.titles("Doing")).toEqual(["Review", "Test", "Build"]);
    await expect.poll(() => board.titles("To do")).toEqual(["Plan", "Ship"]);
  });

  test("by keyboard, ArrowDown past another column's last item puts the item last", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    await board.pickUp("Ship");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(/“Ship” is over “(Review|Test|Doing)”/)).toBeAttached();
    // Down through the column's items to the space after its last one (the column's own name).
    const pastTheEnd = page.getByText("“Ship” is over “Doing”");
    for (let n = 0; n < 3 && !(await pastTheEnd.count()); n++) {
      await page.keyboard.press("ArrowDown");
      await expect(page.getByText(/“Ship” is over “(Test|Doing)”/)).toBeAttached();
    }
    await expect(pastTheEnd).toBeAttached();
    await page.keyboard.press("Space");
    await expect.poll(() => board.titles("Doing")).toEqual(["Review", "Test", "Ship"]);
  });

  test("Tab during a keyboard move puts the item back, and says so", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    await board.pickUp("Plan");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Tab");
    await expect(page.getByText("Moving “Plan” was cancelled; it is back where it was.")).toBeAttached();
    await expect.poll(() => board.titles("To do")).toEqual(["Plan", "Build", "Ship"]);
    await expect.poll(() => board.titles("Doing")).toEqual(["Review", "Test"]);
  });
});

test.describe("where the focus goes", () => {
  test("a column's arrow buttons keep the focus as the column moves", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    const right = page.getByRole("button", { name: "Move column To do right", exact: true });
    await right.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region").first()).toHaveAccessibleName("Doing");
    // At the end now, its right arrow is disabled: the left one has the focus.
    await expect(page.getByRole("button", { name: "Move column To do left", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region").first()).toHaveAccessibleName("To do");
    await expect(right).toBeFocused();
  });

  test("removing an item moves the focus to the next item, then to New item; removing a column to the next", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    await page.getByRole("button", { name: "Remove Review", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Remove Test", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(board.column("Doing").getByRole("textbox", { name: "New item" })).toBeFocused();
    await page.getByRole("button", { name: "Remove column Doing", exact: true }).focus();
    await page.keyboard.press("Enter"); // an empty column goes without asking
    await expect(page.getByRole("button", { name: "Remove column To do", exact: true })).toBeFocused();
  });

  test("focus the person moves at once after a rename or a removal stays where they put it", async ({
    page,
    request,
  }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    /**
     * Enter in a field, or a button's click, then the focus on `to` as soon as the page has handled
     * it (its microtasks run, as before any next key of a person's), well before the next frame.
     */
    const actThenFocus = (from: Locator, to: string) =>
      from.evaluate(async (element, name) => {
        if (element instanceof HTMLInputElement) {
          element.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
        } else (element as HTMLElement).click();
        for (let turn = 0; turn < 3; turn++) await Promise.resolve();
        (document.querySelector(`[aria-label="${name}"]`) as HTMLElement).focus();
      }, to);
    const twoFrames = () =>
      page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

    await page.getByRole("button", { name: "Rename Review", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Review" }).fill("Reviewed");
    await actThenFocus(page.getByRole("textbox", { name: "Title of Review" }), "Remove Plan");
    await expect(board.item("Doing", "Reviewed")).toBeVisible();
    await twoFrames();
    await expect(page.getByRole("button", { name: "Remove Plan", exact: true })).toBeFocused();

    await actThenFocus(page.getByRole("button", { name: "Remove Test", exact: true }), "Rename Ship");
    await expect(board.item("Doing", "Test")).toHaveCount(0);
    await twoFrames();
    await expect(page.getByRole("button", { name: "Rename Ship", exact: true })).toBeFocused();
  });

  test("a skip link leads past the header to the columns", async ({ page, request }) => {
    const board = new BoardPage(page);
    await board.open(URL_A, await twoColumns(request));
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to the columns" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Rename column To do", exact: true })).toBeFocused();
  });
});
