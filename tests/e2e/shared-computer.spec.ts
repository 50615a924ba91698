// A shared computer: what one person opened there can be forgotten, and what the server no longer
// serves does not live on in the service worker's caches.
import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

async function boardWithColumn(request: import("@playwright/test").APIRequestContext, title: string) {
  const { boardId, viewToken } = await createBoard(request, title);
  await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Notes" }]);
  return { boardId, viewToken };
}

/** What this device keeps of a path: the status of a cached copy, 0 for none. */
function cachedStatus(page: Page, path: string) {
  return page.evaluate(async (url) => (await caches.match(url))?.status ?? 0, path);
}

test.describe("a shared computer", () => {
  test("“Forget this board on this device” removes its link, its copy and its offline page", async ({
    context,
    page,
    request,
  }) => {
    const { boardId } = await boardWithColumn(request, "Private plans");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await expect.poll(() => cachedStatus(page, `/b/${boardId}`), { timeout: 15_000 }).toBe(200);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Forget this board on this device" }).click();
    await page.waitForURL(`${URL_A}/?forgotten=board`);
    await expect(page.getByText("The board was forgotten on this device.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Private plans" })).toHaveCount(0);
    expect(await cachedStatus(page, `/b/${boardId}`)).toBe(0);
    const saved = await page.evaluate(
      (id) =>
        new Promise((resolve) => {
          const open = indexedDB.open("driftless");
          open.onsuccess = () => {
            const get = open.result.transaction("boards").objectStore("boards").get(id);
            get.onsuccess = () => resolve(get.result ?? null);
          };
        }),
      boardId,
    );
    expect(saved).toBeNull();
    await context.setOffline(true);
    await page.goto(`${URL_A}/b/${boardId}`);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  });

  test("“Forget” on the start page asks first, then drops the board's copy and its read-only page too", async ({
    page,
    request,
  }) => {
    const other = await boardWithColumn(request, "Other plans");
    const { boardId, viewToken } = await boardWithColumn(request, "Shared plans");
    const board = new BoardPage(page);
    await board.open(URL_A, other.boardId);
    await board.open(URL_A, boardId);
    await board.addItem("Notes", "Waiting here");
    await board.settled();
    await expect.poll(() => cachedStatus(page, `/b/${boardId}`), { timeout: 15_000 }).toBe(200);
    await page.goto(`${URL_A}/r/${viewToken}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared plans");
    await expect.poll(() => cachedStatus(page, `/r/${viewToken}`), { timeout: 15_000 }).toBe(200);

    await page.goto(`${URL_A}/`);
    const forget = page.getByRole("button", { name: "Forget Shared plans on this device" });
    // Asked, and declined: nothing is forgotten.
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await forget.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain("Forget this board on this device?");
    await expect(page.getByRole("link", { name: "Shared plans" })).toBeVisible();
    expect(await cachedStatus(page, `/r/${viewToken}`)).toBe(200);

    page.once("dialog", (dialog) => void dialog.accept());
    await forget.click();
    await expect(page.getByText("“Shared plans” was forgotten on this device.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Shared plans" })).toHaveCount(0);
    // Its button went with it: the focus is on the next board's, then on Forget everything.
    const forgetOther = page.getByRole("button", { name: "Forget Other plans on this device" });
    await expect(forgetOther).toBeFocused();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.keyboard.press("Enter");
    await expect(page.getByText("“Other plans” was forgotten on this device.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Forget everything on this device" })).toBeFocused();
    expect(await cachedStatus(page, `/b/${boardId}`)).toBe(0);
    expect(await cachedStatus(page, `/r/${viewToken}`)).toBe(0);
  });

  test("“Forget everything on this device” empties the list, the name, the caches and the identity", async ({
    context,
    page,
    request,
  }) => {
    const first = await boardWithColumn(request, "Board one");
    const second = await boardWithColumn(request, "Board two");
    const board = new BoardPage(page);
    await board.open(URL_A, first.boardId);
    await page.getByRole("textbox", { name: "Your name" }).fill("Ada");
    await page.getByRole("button", { name: "Save name" }).click();
    await board.addItem("Notes", "Signed by Ada"); // the server gives this browser an identity
    await board.settled();
    await board.open(URL_A, second.boardId);
    const identity = (await context.cookies()).find((cookie) => cookie.name === "driftless_actor");
    expect(identity).toBeTruthy();

    await page.goto(`${URL_A}/`);
    await expect(page.getByRole("link", { name: "Board one" })).toBeVisible();
    const available = page.getByText("Available offline", { exact: true });
    await expect(available).toBeVisible({ timeout: 15_000 });
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Forget everything on this device" }).click();
    await expect(page.getByText("Everything Driftless kept on this device is forgotten.")).toBeVisible();
    await expect(available).toHaveCount(0); // its copy is gone too
    await expect(page.getByRole("link", { name: /Board (one|two)/ })).toHaveCount(0);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("driftless_actor");
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("driftless_name");
    expect(await cachedStatus(page, `/b/${first.boardId}`)).toBe(0);
    expect(await cachedStatus(page, `/b/${second.boardId}`)).toBe(0);
    await page.reload();
    await expect(page.getByRole("link", { name: /Board (one|two)/ })).toHaveCount(0);
    await board.open(URL_A, first.boardId);
    await expect(page.getByRole("textbox", { name: "Your name" })).toHaveValue("");
  });

  test("a read-only page the server now answers 404 for is dropped from the device", async ({
    context,
    page,
    request,
  }) => {
    const { boardId, viewToken } = await boardWithColumn(request, "Shared, then not");
    await page.goto(`${URL_A}/r/${viewToken}`);
    await expect.poll(() => cachedStatus(page, `/r/${viewToken}`), { timeout: 15_000 }).toBe(200);
    const replaced = await request.post(`${URL_A}/api/boards/${boardId}/share`);
    expect(replaced.status()).toBe(200);
    await page.reload(); // online: the server says 404, and the kept copy goes
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    expect(await cachedStatus(page, `/r/${viewToken}`)).toBe(0);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  });
});
