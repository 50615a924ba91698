// Accessibility measured by a tool: axe-core on every page, in light and dark, with zero violations
// of WCAG 2.1 A/AA and of axe's best practices.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // Named by rule and the elements it found, so a failure says what to fix.
  return violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\\n")[1] ?? ""}`),
  }));
}

async function sampleBoard(request: import("@playwright/test").APIRequestContext) {
  const { boardId, viewToken } = await createBoard(request, "Accessible board");
  const [todo, done] = [newId(), newId()];
  const finished = newId();
  await runCommands(request, boardId, [
    { type: "addColumn", columnId: todo, title: "To do" },
    { type: "addColumn", columnId: done, title: "Done" },
    { type: "addItem", itemId: newId(), columnId: todo, title: "Write the invitation" },
    { type: "addItem", itemId: finished, columnId: done, title: "Book the room" },
    { type: "completeItem", itemId: finished },
  ]);
  return { boardId, viewToken };
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`accessibility, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test("the start page has no violations", async ({ page, request }) => {
      const { boardId } = await sampleBoard(request);
      await new BoardPage(page).open(URL_A, boardId); // so that it lists a board
      await page.goto(`${URL_A}/`);
      await expect(page.getByRole("link", { name: "Accessible board" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test("the board page has no violations, with a notice and the share panel open", async ({ page, request }) => {
      const { boardId } = await sampleBoard(request);
      const board = new BoardPage(page);
      await board.open(URL_A, boardId);
      await page.getByRole("button", { name: "Share read-only link" }).click();
      await board.column("To do").getByRole("textbox", { name: "New item" }).fill("🍎".repeat(201));
      expect(await violations(page)).toEqual([]);
    });

    test("the item dialog, the label manager and the removed panel have no violations", async ({ page, request }) => {
      const { boardId } = await sampleBoard(request);
      const board = new BoardPage(page);
      await board.open(URL_A, boardId);
      await page.getByRole("button", { name: "Open Write the invitation", exact: true }).click();
      const item = page.getByRole("dialog", { name: "Write the invitation" });
      await item.getByRole("textbox", { name: "New checklist entry" }).fill("Pick a date");
      await item.getByRole("button", { name: "Add entry" }).click();
      await item.getByRole("textbox", { name: "New comment" }).fill("See https://example.com");
      await item.getByRole("button", { name: "Comment", exact: true }).click();
      await item.getByRole("textbox", { name: "Due date" }).fill("2020-01-01");
      await expect(item.getByRole("checkbox", { name: "Done Pick a date" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await item.getByRole("button", { name: "Manage labels" }).click();
      const labels = page.getByRole("dialog", { name: "Labels" });
      await labels.getByRole("textbox", { name: "New label" }).fill("Urgent");
      await labels.getByRole("button", { name: "Add label" }).click();
      await expect(labels.getByRole("textbox", { name: "Name of label Urgent" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await labels.getByRole("button", { name: "Close" }).click();
      await item.getByRole("checkbox", { name: "Urgent" }).check();
      await page.keyboard.press("Escape");
      await expect(board.item("To do", "Write the invitation").getByText("Label: Urgent")).toBeAttached();
      expect(await violations(page)).toEqual([]); // the card with its badges
      await page.getByRole("button", { name: "Remove Book the room", exact: true }).click();
      await page.getByRole("button", { name: "Removed", exact: true }).click();
      await expect(page.getByRole("button", { name: "Restore Book the room" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test("an item dialog whose item was removed while a comment was written, keeping it to copy, has no violations", async ({
      page,
      request,
    }) => {
      const { boardId } = await createBoard(request, "Removed under you");
      const [column, itemId] = [newId(), newId()];
      await runCommands(request, boardId, [
        { type: "addColumn", columnId: column, title: "To do" },
        { type: "addItem", itemId, columnId: column, title: "Plan the trip" },
      ]);
      await new BoardPage(page).open(URL_A, boardId);
      await page.getByRole("button", { name: "Open Plan the trip", exact: true }).click();
      await page.getByRole("textbox", { name: "New comment" }).fill("Trains are cheaper in May");
      await runCommands(request, boardId, [{ type: "removeItem", itemId }]);
      const gone = page.getByRole("dialog", { name: "This item is no longer on the board" });
      await expect(gone.getByRole("button", { name: "Copy text" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test("the board page with a filter applied, a column limit over, and the shortcuts dialog has no violations", async ({
      page,
      request,
    }) => {
      const { boardId } = await sampleBoard(request);
      const board = new BoardPage(page);
      await board.open(URL_A, boardId);
      await board.column("To do").getByRole("button", { name: "Set a limit for To do" }).click();
      await board.column("To do").getByRole("spinbutton", { name: "Limit of To do" }).fill("1");
      await board.column("To do").getByRole("button", { name: "Save limit" }).click();
      await board.addItem("To do", "Over the limit");
      await expect(board.column("To do").getByText("Over limit")).toBeVisible();
      await page.getByRole("searchbox", { name: "Search items" }).fill("invitation");
      await expect(board.shown).toHaveText("Showing 1 of 3 items");
      expect(await violations(page)).toEqual([]);
      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test("the history page has no violations", async ({ page, request }) => {
      const { boardId } = await sampleBoard(request);
      await page.goto(`${URL_A}/b/${boardId}/history`);
      await expect(page.getByRole("slider", { name: "Version" })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test("the read-only page has no violations", async ({ page, request }) => {
      const { viewToken } = await sampleBoard(request);
      await page.goto(`${URL_A}/r/${viewToken}`);
      await expect(page.getByRole("status")).toHaveText("Live");
      expect(await violations(page)).toEqual([]);
    });

    test("the offline page and the not-found page have no violations", async ({ page }) => {
      await page.goto(`${URL_A}/~offline`);
      expect(await violations(page)).toEqual([]);
      await page.goto(`${URL_A}/b/AAAAAAAAAAAAAAAAAAAAAA`);
      expect(await violations(page)).toEqual([]);
    });
  });
}
