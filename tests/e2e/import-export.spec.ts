// Moving boards, as a person does it (README, "Moving a board" and "Importing from Trello"): the
// start page's `Import a board` field, its phases and summary, and the board page's Export link.
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { awkwardTrelloBoard, trelloBoard } from "../fixtures/trello";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

/** Collects every text the start page's status says and whether a progress bar showed, as they happen. */
async function watchImport(page: Page) {
  await page.evaluate(() => {
    const seen = { phases: [] as string[], progress: false };
    (window as unknown as { __import: typeof seen }).__import = seen;
    const status = document.querySelector('[role="status"]');
    new MutationObserver(() => {
      const text = status?.textContent ?? "";
      if (text && seen.phases.at(-1) !== text) seen.phases.push(text);
      if (document.querySelector(".import-board progress")) seen.progress = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __import: { phases: string[]; progress: boolean } }).__import);
}

test.describe("moving boards", () => {
  test("the start page imports a Trello export through `Import a board`, telling each phase, then the summary and a link to the board", async ({
    page,
  }) => {
    await page.goto(`${URL_A}/`);
    const field = page.getByLabel("Import a board");
    await field.focus();
    await expect(field).toBeFocused(); // reachable from the keyboard, named by its label
    const seen = await watchImport(page);
    await field.setInputFiles({
      name: "awkward.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(awkwardTrelloBoard().board)),
    });
    const status = page.getByRole("status");
    await expect(status).toHaveText(
      "Imported “Awkward board 🧪”: 2 columns, 7 items (1 under Removed), 7 labels, 8 checklist entries, 5 comments imported.",
    );
    const { phases, progress } = await seen();
    expect(phases.some((text) => text.startsWith("Reading “awkward.json”"))).toBe(true);
    expect(
      phases.some((text) => text.startsWith("Checked: a Trello board with 8 cards. Sending it to the server")),
    ).toBe(true);
    expect(phases.some((text) => text.startsWith("The server is checking a Trello board with 8 cards"))).toBe(true);
    expect(progress).toBe(true);
    const notes = page.getByRole("list", { name: "What was not imported as it was" });
    await expect(notes.getByRole("listitem")).toHaveText([
      "1 closed list was left out, with the 1 card in it.",
      "1 checklist on cards not imported was left out.",
      "1 comment on cards not imported was left out.",
      /^The name of label “A label name well past forty characters in length” \(.+\) was shortened from 49 to 40 characters\.$/,
      /^The description of card “Texts too long” .* from 10,050 to 10,000 characters\.$/,
      /^The checklist entry of card “Texts too long” .* from 241 to 200 characters\.$/,
      /^The comment of card “Texts too long” .* from 5,200 to 5,000 characters\.$/,
    ]);

    // The file field was disabled while the import ran: the focus went on to the new board's link.
    await expect(page.getByRole("link", { name: "Open “Awkward board 🧪”" })).toBeFocused();

    // It is on this device's list at once, without a reload.
    const recent = page.getByRole("region", { name: "Boards on this device" });
    await expect(recent.getByRole("link", { name: "Awkward board 🧪", exact: true })).toBeVisible();

    await page.getByRole("link", { name: "Open “Awkward board 🧪”" }).click();
    const board = new BoardPage(page);
    await expect(board.status).toHaveText(/Live/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Awkward board 🧪");
    expect(await board.titles("Doing")).toEqual(["Colourless and pale labels", "Two checklists", "Texts too long"]);
    expect(await board.titles("To do")).toEqual(["First by pos", "Second by pos", "x".repeat(199)]);
    await expect(page.getByRole("checkbox", { name: "Complete First by pos" })).toBeChecked();
    // Its details and its history, as the board's JSON and the history page show them.
    const boardId = new URL(page.url()).pathname.split("/")[2];
    const { state } = await (await page.request.get(`${URL_A}/api/boards/${boardId}`)).json();
    const first = state.columns[1].items[0];
    expect(first).toMatchObject({ description: "Line one\nLine two", due: "2027-01-01" });
    expect(first.comments.map((comment: { author: { name: string } }) => comment.author.name)).toEqual([
      "Ana Lima",
      "Former Member",
      "Ben Okafor",
    ]);
    await page.getByRole("link", { name: "History" }).click();
    await expect(
      page.getByText("added a comment by “Ana Lima” (written 2026-10-01) to item “First by pos”"),
    ).toBeVisible();

    // The start page lists it among the boards of this device.
    await page.goto(`${URL_A}/`);
    await expect(page.getByRole("link", { name: "Awkward board 🧪" })).toBeVisible();
  });

  test("a Trello export saved as UTF-16 (as Windows tools save it) imports as its UTF-8 copy does", async ({
    page,
  }) => {
    await page.goto(`${URL_A}/`);
    const { board } = awkwardTrelloBoard();
    await page.getByLabel("Import a board").setInputFiles({
      name: "awkward-utf16.json",
      mimeType: "application/json",
      buffer: Buffer.from(`\uFEFF${JSON.stringify(board)}`, "utf16le"),
    });
    await expect(page.getByRole("status")).toHaveText(
      "Imported “Awkward board 🧪”: 2 columns, 7 items (1 under Removed), 7 labels, 8 checklist entries, 5 comments imported.",
    );
  });

  test("a large Trello export shows the bar while it is read and sent; a refused file says why, and offers no board", async ({
    page,
  }) => {
    await page.goto(`${URL_A}/`);
    const seen = await watchImport(page);
    const large = trelloBoard({ seed: 11, cards: 1_000, actions: 5_000, lists: 8 });
    await page.getByLabel("Import a board").setInputFiles({
      name: "large.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(large)),
    });
    await expect(page.getByRole("status")).toHaveText(/^Imported “Generated board 11”: 8 columns, \d+ items/, {
      timeout: 30_000,
    });
    expect((await seen()).progress).toBe(true);

    const broken = awkwardTrelloBoard().board;
    broken.cards[0].idLabels.push("f".repeat(24));
    await page.getByLabel("Import a board").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect(page.getByRole("alert").filter({ hasText: "Card" })).toHaveText(
      /^Card “Second by pos” \([0-9a-f]{24}\): its label f{24} is not among the board's labels\.$/,
    );
    await expect(page.getByRole("status")).toHaveText("“broken.json” was not imported.");
    await expect(page.getByRole("link", { name: /^Open / })).toHaveCount(0);

    await page.getByLabel("Import a board").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("just some notes"),
    });
    await expect(page.getByRole("alert").filter({ hasText: "JSON" })).toHaveText(
      "This file is not JSON: choose a Driftless export or a Trello board exported as JSON.",
    );
  });

  test("the board page's Export downloads `<title>.driftless.json`, which imports as the same board; Export as CSV downloads the table", async ({
    page,
    request,
  }) => {
    const { boardId } = await createBoard(request, "Quarterly plan ✓");
    const [now, later, item] = [newId(), newId(), newId()];
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: now, title: "Now" },
      { type: "addColumn", columnId: later, title: "Later" },
      { type: "addItem", itemId: item, columnId: now, title: "Hire a designer" },
      { type: "describeItem", itemId: item, description: "Someone who draws." },
      { type: "commentOnItem", itemId: item, commentId: newId(), text: "Ask around." },
      { type: "completeItem", itemId: item },
    ]);
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Quarterly plan ✓.driftless.json");
    const file = await readFile((await download.path()) as string, "utf8");
    const imported = await request.post(`${URL_A}/api/boards/import`, {
      data: file,
      headers: { "content-type": "application/json" },
    });
    expect(imported.status()).toBe(201);
    const { boardId: copy } = await imported.json();
    const original = await (await request.get(`${URL_A}/api/boards/${boardId}`)).json();
    const again = await (await request.get(`${URL_A}/api/boards/${copy}`)).json();
    expect(again.state).toEqual(original.state);
    expect(again.version).toBe(original.version);

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export as CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("Quarterly plan ✓.csv");
    const table = await readFile((await csv.path()) as string, "utf8");
    expect(table.split("\r\n")[1]).toBe("Now,Hire a designer,yes,,,,,Someone who draws.");
    // Still exactly one status on the board page.
    await expect(page.getByRole("status")).toHaveCount(1);
  });
});
