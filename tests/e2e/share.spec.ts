import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A, URL_B } from "./pages/board";

async function sharedBoard(request: import("@playwright/test").APIRequestContext) {
  const { boardId, viewToken } = await createBoard(request, "Quarterly plan");
  const [now, later] = [newId(), newId()];
  const done = newId();
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: now, title: "Now" },
    { type: "addColumn", columnId: later, title: "Later" },
    { type: "addItem", itemId: newId(), columnId: now, title: "Hire a designer" },
    { type: "addItem", itemId: done, columnId: now, title: "<b>x</b>" },
    { type: "addItem", itemId: newId(), columnId: later, title: "Open an office" },
    { type: "completeItem", itemId: done },
    { type: "setColumnLimit", columnId: now, limit: 1 },
  ]);
  return { boardId, viewToken };
}

test.describe("read-only links", () => {
  test("without JavaScript the page shows the whole board, escaped, and offers nothing to change", async ({
    browser,
    request,
  }) => {
    const { boardId, viewToken } = await sharedBoard(request);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${URL_A}/r/${viewToken}`);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quarterly plan");
    await expect(page.getByText("Read-only", { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Now" }).getByRole("listitem")).toHaveText([
      "Hire a designer",
      /<b>x<\/b>\s*done/,
    ]);
    await expect(page.getByRole("region", { name: "Later" }).getByRole("listitem")).toHaveText(["Open an office"]);
    // A work-in-progress limit shows as on the board (a wall screen shows where work piles up).
    await expect(
      page.getByRole("region", { name: "Now" }).getByText("2 of at most 1 item", { exact: true }),
    ).toBeAttached();
    await expect(page.getByRole("region", { name: "Now" }).getByText("Over limit")).toBeVisible();
    await expect(page.locator("li b")).toHaveCount(0); // the title is text, not markup
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button")).toHaveCount(0);
    const html = await (await request.get(`${URL_A}/r/${viewToken}`)).text();
    expect(html).not.toContain(boardId);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(html).toContain('<meta property="og:title" content="Quarterly plan"');
    await context.close();
  });

  test("with JavaScript a viewer sees the owner's changes live", async ({ browser, request }) => {
    const { boardId, viewToken } = await sharedBoard(request);
    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(`${URL_B}/r/${viewToken}`);
    await expect(viewer.getByRole("status")).toHaveText("Live");
    const owner = new BoardPage(await (await browser.newContext()).newPage());
    await owner.open(URL_A, boardId);
    await owner.addItem("Later", "Plan the offsite");
    await expect(viewer.getByRole("region", { name: "Later" }).getByRole("listitem")).toHaveText([
      "Open an office",
      "Plan the offsite",
    ]);
  });

  test("the owner shares the link, then replaces it: the old link stops working at once", async ({
    browser,
    request,
  }) => {
    const { boardId, viewToken } = await sharedBoard(request);
    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(`${URL_B}/r/${viewToken}`);
    await expect(viewer.getByRole("status")).toHaveText("Live");

    const owner = new BoardPage(await (await browser.newContext()).newPage());
    await owner.open(URL_A, boardId);
    await owner.page.getByRole("button", { name: "Share read-only link" }).click();
    const link = owner.page.getByRole("textbox", { name: "Read-only link" });
    await expect(link).toHaveValue(`${URL_A}/r/${viewToken}`);
    owner.page.once("dialog", (dialog) => dialog.accept());
    const replace = owner.page.getByRole("button", { name: "Stop sharing / new link" });
    await replace.click();
    await expect(owner.page.getByText("The old link no longer works")).toBeVisible();
    await expect(replace).toBeFocused(); // disabled while it worked, it has the focus back
    const fresh = await link.inputValue();
    expect(fresh).not.toContain(viewToken);

    await expect(viewer.getByRole("status")).toHaveText("This link no longer works");
    await expect(viewer.getByText("It updates by itself")).toHaveCount(0);
    await expect(viewer.getByText("it no longer updates. Ask for the new link.")).toBeVisible();
    await viewer.reload();
    await expect(viewer.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await viewer.goto(fresh.replace(URL_A, URL_B));
    await expect(viewer.getByRole("heading", { level: 1 })).toHaveText("Quarterly plan");
  });

  test("a link replaced in one tab of the board is replaced in its other tabs too", async ({ context, request }) => {
    const { boardId, viewToken } = await sharedBoard(request);
    const first = new BoardPage(await context.newPage());
    await first.open(URL_A, boardId);
    const second = new BoardPage(await context.newPage());
    await second.open(URL_A, boardId);
    await second.page.getByRole("button", { name: "Share read-only link" }).click();
    const shown = second.page.getByRole("textbox", { name: "Read-only link" });
    await expect(shown).toHaveValue(`${URL_A}/r/${viewToken}`);

    await first.page.getByRole("button", { name: "Share read-only link" }).click();
    first.page.once("dialog", (dialog) => dialog.accept());
    await first.page.getByRole("button", { name: "Stop sharing / new link" }).click();
    const fresh = await first.page.getByRole("textbox", { name: "Read-only link" });
    await expect(fresh).not.toHaveValue(`${URL_A}/r/${viewToken}`);
    await expect(shown).toHaveValue(await fresh.inputValue());
    await expect(second.page.getByText("The link was replaced in another tab")).toBeVisible();
  });
});
