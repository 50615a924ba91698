// The page fits the window and the hand that uses it: long boards, phones, the history controls.
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

test.describe("layout", () => {
  test("on a wide board with one long column, the board scrolls sideways in the window and each column on its own", async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    const { boardId } = await createBoard(request, "Long");
    const long = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: long, title: "Backlog" },
      ...["Two", "Three", "Four", "Five"].map((title) => ({ type: "addColumn", columnId: newId(), title })),
      ...Array.from({ length: 150 }, (_, n) => ({
        type: "addItem",
        itemId: newId(),
        columnId: long,
        title: `Task ${n}`,
      })),
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    // The page itself does not grow with the column: the column scrolls.
    const page_ = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      window: window.innerHeight,
    }));
    expect(page_.height).toBeLessThanOrEqual(page_.window + 1);
    const items = board.column("Backlog").getByRole("list");
    const scroll = await items.evaluate((list) => ({ height: list.scrollHeight, shown: list.clientHeight }));
    expect(scroll.height).toBeGreaterThan(scroll.shown);

    // A new column lands at the end, off to the right, and is brought into view.
    await page.getByRole("textbox", { name: "New column" }).fill("Far right");
    await page.getByRole("textbox", { name: "New column" }).press("Enter");
    await expect(board.column("Far right")).toBeInViewport();
  });

  test("opening a field or a panel moves nothing around it: a rename keeps its column's width, the link panel the tools", async ({
    page,
    request,
  }) => {
    const { boardId } = await createBoard(request, "Still");
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: newId(), title: "To do" },
      { type: "addColumn", columnId: newId(), title: "Done" },
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await board.addItem("To do", "Eggs");
    const column = page.getByRole("region", { name: "To do", exact: true });
    const width = async () => (await column.boundingBox())?.width;
    const before = await width();
    expect(before).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Rename Eggs", exact: true }).click();
    await expect(page.getByRole("textbox", { name: "Title of Eggs" })).toBeFocused();
    expect(await width()).toBe(before);
    await page.getByRole("textbox", { name: "Title of Eggs" }).fill("Eggs ".repeat(40).trim());
    await expect(page.getByRole("textbox", { name: "Title of Eggs" })).toHaveAccessibleDescription(/characters/);
    expect(await width()).toBe(before);
    await page.keyboard.press("Escape");

    const tools = [
      page.getByRole("button", { name: "Share read-only link" }),
      page.getByRole("button", { name: "Forget this board on this device" }),
      page.getByRole("button", { name: "Removed", exact: true }),
    ];
    const boxes = async () => Promise.all(tools.map((tool) => tool.boundingBox()));
    const closed = await boxes();
    await tools[0].click();
    await expect(page.getByRole("textbox", { name: "Read-only link" })).toBeVisible();
    expect(await boxes()).toEqual(closed);
  });

  test("a title of 200 characters without a space leaves the items in view, and the start page on a phone its width", async ({
    page,
    browser,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { boardId } = await createBoard(request, "Q".repeat(200));
    const column = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "C".repeat(200) },
      ...Array.from({ length: 40 }, (_, n) => ({
        type: "addItem",
        itemId: newId(),
        columnId: column,
        title: `Task ${n}`,
      })),
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    const list = page.getByRole("list", { name: `Items in ${"C".repeat(200)}` });
    const shown = await list.evaluate((element) => element.clientHeight);
    expect(shown).toBeGreaterThan(300); // several items, not a sliver
    await expect(list.getByRole("listitem").first()).toBeInViewport();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Q".repeat(200)); // all of it is there

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await new BoardPage(small).open(URL_A, boardId); // listed on that device's start page
    await small.goto(`${URL_A}/`);
    await expect(small.getByRole("link", { name: "Q".repeat(200) })).toBeVisible();
    const widths = await small.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    await phone.close();
  });

  test("on a phone every control of the board is at least 44 px each way", async ({ browser, request }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Phone");
    const column = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Today" },
      { type: "addItem", itemId: newId(), columnId: column, title: "Water the plants" },
    ]);
    await new BoardPage(page).open(URL_A, boardId);
    const small = await page.evaluate(() =>
      // The header's links too (All boards, History, Export); not a link inside a sentence.
      [...document.querySelectorAll("button, input, select, a[href]")]
        .filter((element) => element.tagName !== "A" || !element.closest("p"))
        .filter((element) => (element as HTMLElement).offsetParent !== null)
        .map((element) => {
          // A checkbox's target is its label (a tap on it ticks the box).
          const target = element.closest("label") ?? element;
          const { width, height } = target.getBoundingClientRect();
          return { name: element.getAttribute("aria-label") ?? element.textContent, width, height };
        })
        .filter(({ width, height }) => width < 44 || height < 44),
    );
    expect(small).toEqual([]);
    await context.close();
  });

  test("on a phone a dialog's long title leaves Close its whole word", async ({ browser, request }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Phone dialog");
    const column = newId();
    const title = "Please remember to buy the milk for the whole team's coffee tomorrow";
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Today" },
      { type: "addItem", itemId: newId(), columnId: column, title },
    ]);
    await new BoardPage(page).open(URL_A, boardId);
    await page.getByRole("button", { name: `Open ${title}`, exact: true }).click();
    const close = page.getByRole("dialog", { name: title }).getByRole("button", { name: "Close" });
    const fits = await close.evaluate((button) => button.scrollWidth <= button.clientWidth);
    expect(fits).toBe(true);
    expect((await close.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(44);
    await context.close();
  });

  test("on a phone a checklist entry's text keeps room for its words beside its four buttons", async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Phone checklist");
    const column = newId();
    const itemId = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Today" },
      { type: "addItem", itemId, columnId: column, title: "Fix the sink" },
      { type: "addChecklistEntry", itemId, entryId: newId(), text: "Call the plumber about the kitchen" },
    ]);
    await new BoardPage(page).open(URL_A, boardId);
    await page.getByRole("button", { name: "Open Fix the sink", exact: true }).click();
    const text = page.getByRole("dialog", { name: "Fix the sink" }).getByText("Call the plumber about the kitchen");
    // Squeezed beside ✎ ↑ ↓ × it was about 50 px wide, a word or two letters to a line.
    expect((await text.boundingBox())?.width ?? 0).toBeGreaterThan(140);
    await context.close();
  });

  test("on a phone the history's Earlier, slider and Later stay on one line", async ({ browser, request }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Phone history");
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "One" }]);
    await page.goto(`${URL_A}/b/${boardId}/history`);
    const rows = await Promise.all(
      [
        page.getByRole("button", { name: "Earlier" }),
        page.getByRole("slider", { name: "Version" }),
        page.getByRole("button", { name: "Later" }),
      ].map(async (control) => {
        const box = await control.boundingBox();
        return box ? Math.round(box.y + box.height / 2) : -1;
      }),
    );
    expect(new Set(rows).size).toBe(1);
    await context.close();
  });

  test("on a phone the history wraps a title of one long word instead of scrolling sideways", async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Phone history");
    const word = `Supercalifragilistic${"expialidocious".repeat(6)}`;
    const column = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: word },
      { type: "addItem", itemId: newId(), columnId: column, title: word },
    ]);
    await page.goto(`${URL_A}/b/${boardId}/history`);
    await expect(page.getByRole("listitem").filter({ hasText: `added item “${word}”` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
