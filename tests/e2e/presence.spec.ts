// Who is here (README, "Presence"), as people see it: two people on two instances (when the run
// has Postgres and Redis; one instance otherwise) see each other in `People here`, a second tab
// does not make a second entry, a closed tab leaves at once, read-only viewers are counted in words.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, URL_A, URL_B } from "./pages/board";

/** A person in a browser of their own, on the board at `base`, named `name` by the name field. */
async function person(browser: Browser, base: string, boardId: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new BoardPage(page).open(base, boardId);
  await page.getByRole("textbox", { name: "Your name" }).fill(name);
  await page.getByRole("textbox", { name: "Your name" }).press("Enter");
  return page;
}

const peopleHere = (page: Page) => page.getByRole("list", { name: "People here" }).getByRole("listitem");

test("two people on two instances see each other in People here, and a closed tab leaves at once", async ({
  browser,
  request,
}) => {
  const { boardId } = await createBoard(request, "Together");
  const ann = await person(browser, URL_A, boardId, "Ann");
  const bob = await person(browser, URL_B, boardId, "Bob");
  await expect(peopleHere(ann)).toHaveText(["Ann (you)", "Bob"]);
  await expect(peopleHere(bob)).toHaveText(["Ann", "Bob (you)"]);

  // Ann's second tab, on the other instance: still one Ann.
  const annAgain = await ann.context().newPage();
  await new BoardPage(annAgain).open(URL_B, boardId);
  await expect(peopleHere(annAgain)).toHaveText(["Ann (you)", "Bob"]);
  await annAgain.close();
  await expect(peopleHere(bob)).toHaveText(["Ann", "Bob (you)"]);

  await ann.close();
  await expect(peopleHere(bob)).toHaveText(["Bob (you)"], { timeout: 5000 });
  await bob.context().close();
  await ann.context().close();
});

test("read-only viewers are counted in words, never named", async ({ browser, request }) => {
  const { boardId, viewToken } = await createBoard(request, "Watched");
  const ann = await person(browser, URL_A, boardId, "Ann");
  const viewers = await browser.newContext();
  for (const base of [URL_A, URL_B]) {
    const page = await viewers.newPage();
    await page.goto(`${base}/r/${viewToken}`);
    await expect(page.getByRole("status")).toHaveText("Live");
  }
  await expect(ann.getByText("and two viewing read-only")).toBeVisible();
  await expect(peopleHere(ann)).toHaveText(["Ann (you)"]);
  await viewers.close();
  await expect(ann.getByText(/viewing read-only/)).toHaveCount(0);
  await ann.context().close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the board with people present has no accessibility violations (${colorScheme})`, async ({
    browser,
    request,
  }) => {
    const { boardId, viewToken } = await createBoard(request, "Accessible presence");
    const bob = await person(browser, URL_B, boardId, "Bob");
    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(`${URL_B}/r/${viewToken}`);
    const context = await browser.newContext({ colorScheme });
    const ann = await context.newPage();
    await new BoardPage(ann).open(URL_A, boardId);
    await expect(peopleHere(ann)).toHaveText(["Anonymous (you)", "Bob"]);
    await expect(ann.getByText("and one viewing read-only")).toBeVisible();
    const { violations } = await new AxeBuilder({ page: ann })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target)}`)).toEqual([]);
    for (const page of [bob, viewer, ann]) await page.context().close();
  });
}
