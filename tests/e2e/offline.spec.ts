import { expect, type Page, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands, URL_A } from "./pages/board";

/** Opens the start page, waits for the service worker, and reloads so that it controls the page. */
async function startPageControlled(page: Page): Promise<void> {
  await page.goto(`${URL_A}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** Opens the board, waits for the service worker, and reloads so that it controls the page. */
async function openControlled(page: Page, boardId: string): Promise<BoardPage> {
  const board = new BoardPage(page);
  await board.open(URL_A, boardId);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect(board.status).toHaveText("Live");
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  return board;
}

async function eventTypes(request: import("@playwright/test").APIRequestContext, boardId: string) {
  const log = await (await request.get(`${URL_A}/api/boards/${boardId}/log`)).json();
  return (log.events as { type: string }[]).map((event) => event.type);
}

function count(types: string[], type: string) {
  return types.filter((t) => t === type).length;
}

async function boardWithColumn(request: import("@playwright/test").APIRequestContext, title: string) {
  const { boardId } = await createBoard(request, title);
  await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Groceries" }]);
  return boardId;
}

test.describe("offline", () => {
  test("the service worker controls the page after one reload; the manifest is valid and linked", async ({
    page,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Installable");
    await openControlled(page, boardId);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBeTruthy();
    const manifest = await (await request.get(new URL(href as string, URL_A).toString())).json();
    expect(manifest).toMatchObject({
      name: expect.any(String),
      short_name: "Driftless",
      start_url: "/",
      display: "standalone",
    });
    expect(manifest.theme_color).toMatch(/^#/);
    const sizes = new Map<string, string>();
    for (const icon of manifest.icons as { src: string; sizes: string; purpose?: string; type: string }[]) {
      const response = await request.get(new URL(icon.src, URL_A).toString());
      expect(response.headers()["content-type"]).toBe("image/png");
      const png = await response.body();
      // PNG signature, then IHDR width and height (big-endian) at bytes 16..23.
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
      sizes.set(`${icon.sizes} ${icon.purpose ?? "any"}`, icon.src);
    }
    expect([...sizes.keys()]).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
    // Chromium's own verdict: nothing stops installing the app (but the test context itself,
    // which is incognito-like and may never install anything).
    const cdp = await page.context().newCDPSession(page);
    await expect
      .poll(async () => {
        const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
        return installabilityErrors.filter((error) => error.errorId !== "in-incognito");
      })
      .toEqual([]);
  });

  test("changes made offline survive a reload and land exactly once when the network returns", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Offline shopping");
    const board = await openControlled(page, boardId);

    await context.setOffline(true);
    await expect(board.status).toHaveText(/Offline/);
    await board.addItem("Groceries", "Milk");
    await board.addItem("Groceries", "Bread");
    await board.checkbox("Bread").check(); // an item created offline
    await expect(board.status).toHaveText("Offline — 3 changes waiting");

    await page.reload(); // served by the service worker; the outbox is in IndexedDB
    await expect(board.item("Groceries", "Milk")).toBeVisible();
    await expect(board.checkbox("Bread")).toBeChecked();
    await expect(board.status).toHaveText("Offline — 3 changes waiting");

    await context.setOffline(false);
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    const types = await eventTypes(request, boardId);
    expect(count(types, "ItemAdded")).toBe(2);
    expect(count(types, "ItemCompleted")).toBe(1);
    await page.reload();
    await expect.poll(() => board.titles("Groceries")).toEqual(["Milk", "Bread"]);
    await expect(board.checkbox("Bread")).toBeChecked();
  });

  test("a queued change on an item removed meanwhile is refused on replay, explained, and the rest still lands", async ({
    context,
    page,
    request,
  }) => {
    const { boardId } = await createBoard(request, "Replay race");
    const column = newId();
    const milk = newId();
    const eggs = newId();
    await runCommands(request, boardId, [
      { type: "addColumn", columnId: column, title: "Groceries" },
      { type: "addItem", itemId: milk, columnId: column, title: "Milk" },
      { type: "addItem", itemId: eggs, columnId: column, title: "Eggs" },
    ]);
    const board = await openControlled(page, boardId);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Rename Milk", exact: true }).click();
    await page.getByRole("textbox", { name: "Title of Milk" }).fill("Oat milk");
    await page.getByRole("textbox", { name: "Title of Milk" }).press("Enter");
    await board.checkbox("Eggs").check();
    await board.addItem("Groceries", "Butter");
    await expect(board.status).toHaveText("Offline — 3 changes waiting");
    await runCommands(request, boardId, [{ type: "removeItem", itemId: milk }]); // someone else, online

    await context.setOffline(false);
    await expect(board.alert).toContainText("Couldn’t rename item “Milk” to “Oat milk”");
    await expect(board.alert).toContainText("removed");
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    await expect.poll(() => board.titles("Groceries")).toEqual(["Eggs", "Butter"]);
    await expect(board.checkbox("Eggs")).toBeChecked();
    const types = await eventTypes(request, boardId);
    expect(count(types, "ItemTitleUpdated")).toBe(0);
    expect(count(types, "ItemCompleted")).toBe(1);
    expect(count(types, "ItemAdded")).toBe(3);
  });

  test("a queued change someone else made first is refused on replay without a word; one that failed is told", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Same idea");
    const column = (await (await request.get(`${URL_A}/api/boards/${boardId}`)).json()).state.columns[0].columnId;
    const milk = newId();
    const eggs = newId();
    await runCommands(request, boardId, [
      { type: "addItem", itemId: milk, columnId: column, title: "Milk" },
      { type: "addItem", itemId: eggs, columnId: column, title: "Eggs" },
    ]);
    const board = await openControlled(page, boardId);
    await context.setOffline(true);
    await board.checkbox("Eggs").check();
    await board.checkbox("Milk").check();
    await expect(board.status).toHaveText("Offline — 2 changes waiting");
    // Someone else, online: completes Eggs too, and removes Milk.
    await runCommands(request, boardId, [
      { type: "completeItem", itemId: eggs },
      { type: "removeItem", itemId: milk },
    ]);

    await context.setOffline(false);
    await expect(board.alert).toContainText("Couldn’t complete item “Milk”");
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    await expect(board.checkbox("Eggs")).toBeChecked();
    await expect(board.alert).not.toContainText("Eggs");
    expect(count(await eventTypes(request, boardId), "ItemCompleted")).toBe(1);
  });

  test("two tabs of one board offline share their pending changes, and every change lands once", async ({
    context,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Two tabs");
    const first = await openControlled(await context.newPage(), boardId);
    const second = new BoardPage(await context.newPage());
    await second.open(URL_A, boardId);

    await context.setOffline(true);
    await first.addItem("Groceries", "From the first tab");
    await second.addItem("Groceries", "From the second tab");
    await expect(first.item("Groceries", "From the second tab")).toBeVisible();
    await expect(second.item("Groceries", "From the first tab")).toBeVisible();
    await expect(first.status).toHaveText("Offline — 2 changes waiting");
    await expect(second.status).toHaveText("Offline — 2 changes waiting");

    await context.setOffline(false);
    await expect(first.status).toHaveText("Live", { timeout: 20_000 });
    await expect(second.status).toHaveText("Live", { timeout: 20_000 });
    await expect.poll(async () => count(await eventTypes(request, boardId), "ItemAdded"), { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a double send would have landed by now
    expect(count(await eventTypes(request, boardId), "ItemAdded")).toBe(2);
  });

  test("two tabs of one board take turns sending: their requests never overlap", async ({ context, request }) => {
    const boardId = await boardWithColumn(request, "Turns");
    const first = await openControlled(await context.newPage(), boardId);
    const second = new BoardPage(await context.newPage());
    await second.open(URL_A, boardId);
    await expect(second.status).toHaveText("Live");
    // Every request that carries changes, per tab: a server action (the page's own address) or the
    // commands route, from the moment it leaves to the moment its answer starts to arrive, on the
    // browser's own clock (one for both tabs). Not to the answer's last byte: a server action's answer
    // streams on after the page has read its result and let the other tab go; nor on the test's
    // clock, which hears of each tab's requests late by its own delays on a loaded machine.
    const sends: { tab: number; from: number; to?: number }[] = [];
    for (const [tab, board] of [first, second].entries()) {
      const open = new Map<import("@playwright/test").Request, { tab: number; from: number; to?: number }>();
      board.page.on("request", (sent) => {
        const carries = sent.method() === "POST" && (sent.url().endsWith("/commands") || sent.headers()["next-action"]);
        if (!carries) return;
        const entry = { tab, from: Number.NaN };
        open.set(sent, entry);
        sends.push(entry);
      });
      const settle = (done: import("@playwright/test").Request) => {
        const entry = open.get(done);
        if (!entry) return;
        const { startTime, responseStart } = done.timing();
        entry.from = startTime;
        entry.to = startTime + responseStart;
      };
      board.page.on("requestfinished", settle);
      // One that failed got no answer: offline, it never left the browser.
      board.page.on("requestfailed", (failed) => {
        const entry = open.get(failed);
        if (entry) sends.splice(sends.indexOf(entry), 1);
      });
    }

    await context.setOffline(true);
    for (let n = 1; n <= 3; n++) {
      await first.addItem("Groceries", `First ${n}`);
      await second.addItem("Groceries", `Second ${n}`);
    }
    await context.setOffline(false);
    await expect(first.status).toHaveText("Live", { timeout: 20_000 });
    await expect(second.status).toHaveText("Live", { timeout: 20_000 });
    // Online, both tabs at once: each change goes out while the other tab waits its turn.
    await Promise.all([first.addItem("Groceries", "First online"), second.addItem("Groceries", "Second online")]);
    await expect.poll(async () => count(await eventTypes(request, boardId), "ItemAdded"), { timeout: 10_000 }).toBe(8);
    await expect.poll(() => sends.every((entry) => entry.to !== undefined)).toBe(true);

    expect(new Set(sends.map((entry) => entry.tab)).size).toBe(2);
    const overlaps = sends.flatMap((a) =>
      sends.filter((b) => a.tab < b.tab && a.from < (b.to ?? 0) && b.from < (a.to ?? 0)).map((b) => [a, b]),
    );
    expect(overlaps).toEqual([]);
    expect(count(await eventTypes(request, boardId), "ItemAdded")).toBe(8);
  });

  test("changes queued in a page closed while offline are sent when the board is opened again", async ({
    context,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Closed tab");
    const page = await context.newPage();
    const board = await openControlled(page, boardId);
    await context.setOffline(true);
    await board.addItem("Groceries", "Remember me");
    await expect(board.status).toHaveText("Offline — 1 change waiting");
    await page.close();

    await context.setOffline(false);
    const later = new BoardPage(await context.newPage());
    await later.open(URL_A, boardId);
    await expect(later.item("Groceries", "Remember me")).toBeVisible();
    await expect(later.status).toHaveText("Live", { timeout: 20_000 });
    await expect.poll(async () => count(await eventTypes(request, boardId), "ItemAdded"), { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count(await eventTypes(request, boardId), "ItemAdded")).toBe(1);
  });

  test("a change sent offline reaches the server by Background Sync with every board tab closed", async ({
    context,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Sent while away");
    const page = await context.newPage();
    const board = await openControlled(page, boardId);
    await context.setOffline(true);
    await board.addItem("Groceries", "Sent by the worker");
    await expect(board.status).toHaveText("Offline — 1 change waiting");
    // The page's send failed in the service worker, which kept the request for Background Sync.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const opening = indexedDB.open("serwist-background-sync");
              opening.onerror = () => reject(opening.error);
              opening.onsuccess = () => {
                const db = opening.result;
                if (!db.objectStoreNames.contains("requests")) return resolve(0);
                const counting = db.transaction("requests").objectStore("requests").count();
                counting.onsuccess = () => resolve(counting.result);
              };
            }),
        ),
      )
      .toBeGreaterThan(0);

    await page.close();
    expect(context.pages()).toEqual([]);
    expect(count(await eventTypes(request, boardId), "ItemAdded")).toBe(0);

    // Back online, Chromium fires the queue's sync event in the service worker.
    await context.setOffline(false);
    await expect.poll(async () => count(await eventTypes(request, boardId), "ItemAdded"), { timeout: 10_000 }).toBe(1);
    expect(context.pages()).toEqual([]);

    // Opened again, the board shows the change as landed, not waiting, and it still counts once.
    const later = new BoardPage(await context.newPage());
    await later.open(URL_A, boardId);
    await expect(later.item("Groceries", "Sent by the worker")).toBeVisible();
    await expect(later.status).toHaveText("Live", { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count(await eventTypes(request, boardId), "ItemAdded")).toBe(1);
  });

  test("a page never opened here shows the offline page instead of an error", async ({ context, page, request }) => {
    const boardId = await boardWithColumn(request, "Seen");
    await openControlled(page, boardId);
    await context.setOffline(true);
    await page.goto(`${URL_A}/b/AAAAAAAAAAAAAAAAAAAAAA`);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  });

  test("a board created on the start page reopens offline after that one visit, with what was added", async ({
    context,
    page,
  }) => {
    // The very first visit to the site: no service worker controls these pages yet.
    await page.goto(`${URL_A}/`);
    await page.getByRole("textbox", { name: "Board title" }).fill("First visit");
    await page.getByRole("button", { name: "Create board" }).click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    const board = new BoardPage(page);
    await expect(board.status).toHaveText("Live");
    await board.addColumn("Packing");
    await board.addItem("Packing", "Tent");
    await board.settled();
    await keptForOffline(page, new URL(page.url()).pathname);
    // A person's pause: the device saves its copy of the board half a second after the last change.
    await page.waitForTimeout(1000);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("First visit");
    await expect(board.item("Packing", "Tent")).toBeVisible();
    await expect(board.status).toHaveText(/Offline/);
    await board.addItem("Packing", "Stove"); // and it still works
    await expect(board.status).toHaveText("Offline — 1 change waiting");
  });

  test("a read-only link opened once reopens offline", async ({ context, page, request }) => {
    const { boardId, viewToken } = await createBoard(request, "Shared once");
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Agenda" }]);
    await page.goto(`${URL_A}/r/${viewToken}`);
    await expect(page.getByRole("region", { name: "Agenda" })).toBeVisible();
    await keptForOffline(page, `/r/${viewToken}`);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared once");
    await expect(page.getByRole("region", { name: "Agenda" })).toBeVisible();
  });

  test("a read-only page reopens offline as it last showed the board live, and a replaced link's copy is dropped", async ({
    context,
    page,
    request,
  }) => {
    const { boardId, viewToken } = await createBoard(request, "Wall screen");
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Agenda" }]);
    const path = `/r/${viewToken}`;
    await page.goto(`${URL_A}${path}`);
    await keptForOffline(page, path);
    await expect(page.getByRole("status")).toHaveText("Live");
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Decided live" }]);
    await expect(page.getByRole("region", { name: "Decided live" })).toBeVisible();
    // The kept copy catches up a moment after the change.
    await expect
      .poll(() => page.evaluate(async (url) => (await (await caches.match(url))?.text()) ?? "", path), {
        timeout: 15_000,
      })
      .toContain("Decided live");
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("region", { name: "Decided live" })).toBeVisible();
    await expect(page.getByText("Available offline", { exact: true })).toBeVisible();

    await context.setOffline(false);
    await page.reload();
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByText("Available offline", { exact: true })).toBeVisible();
    expect((await request.post(`${URL_A}/api/boards/${boardId}/share`)).ok()).toBe(true);
    await expect(page.getByRole("status")).toHaveText("This link no longer works");
    await expect(page.getByText("Available offline", { exact: true })).toBeHidden();
    await expect.poll(() => page.evaluate(async (url) => (await caches.match(url))?.status ?? 0, path)).toBe(0);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  });

  test("the start page opens offline with the boards of this device, also from the offline page's link", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Listed offline");
    await new BoardPage(page).open(URL_A, boardId);
    await page.goto(`${URL_A}/`);
    await expect(page.getByRole("link", { name: "Listed offline" })).toBeVisible();
    await keptForOffline(page, "/");

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Driftless", level: 1 })).toBeVisible();
    await page.goto(`${URL_A}/b/AAAAAAAAAAAAAAAAAAAAAA`); // never opened: the offline page
    await page.getByRole("link", { name: "Go to your boards" }).click();
    await expect(page.getByRole("link", { name: "Listed offline" })).toBeVisible();
    await page.getByRole("link", { name: "Listed offline" }).click(); // and on to the board itself
    await expect(page.getByRole("region", { name: "Groceries" })).toBeVisible();
  });

  test("a board opened from a link, and nothing else, leads offline to the start page that lists it", async ({
    context,
    page,
    request,
  }) => {
    const boardId = await boardWithColumn(request, "Only this link");
    await new BoardPage(page).open(URL_A, boardId); // the device's very first page
    await keptForOffline(page, `/b/${boardId}`);
    await keptForOffline(page, "/");

    await context.setOffline(true);
    await page.getByRole("link", { name: "All boards" }).click();
    await expect(page.getByRole("heading", { name: "Driftless", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Only this link" })).toBeVisible();
    await page.reload(); // a document, not the router: the kept start page itself
    await expect(page.getByRole("link", { name: "Only this link" })).toBeVisible();
  });

  test("'Available offline' shows once the worker keeps the page, and then it opens offline", async ({
    context,
    page,
    request,
  }) => {
    const { boardId, viewToken } = await createBoard(request, "Said to be kept");
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Agenda" }]);
    const available = page.getByText("Available offline", { exact: true });
    // The device's very first page: said once the worker has installed and kept it, not before.
    await new BoardPage(page).open(URL_A, boardId);
    await expect(available).toBeVisible({ timeout: 15_000 });
    await page.goto(`${URL_A}/r/${viewToken}`);
    await expect(available).toBeVisible();
    await page.goto(`${URL_A}/`);
    await expect(available).toBeVisible();

    await context.setOffline(true);
    for (const [path, heading] of [
      [`/b/${boardId}`, "Said to be kept"],
      [`/r/${viewToken}`, "Said to be kept"],
      ["/", "Driftless"],
    ]) {
      await page.goto(`${URL_A}${path}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expect(available).toBeVisible(); // the copy it opened from is the kept one
    }
  });

  test("a filtered address of a board kept here opens offline, filtered", async ({ context, page, request }) => {
    const boardId = await boardWithColumn(request, "Filtered offline");
    const board = await openControlled(page, boardId);
    await board.addItem("Groceries", "Milk");
    await board.addItem("Groceries", "Bread");
    await board.settled();
    await page.waitForTimeout(1000); // the device's copy is saved half a second after the last change
    await context.setOffline(true);
    await page.goto(`${URL_A}/b/${boardId}?q=milk`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Filtered offline");
    await expect(page.getByRole("searchbox", { name: "Search items" })).toHaveValue("milk");
    await expect(board.item("Groceries", "Milk")).toBeVisible();
    await expect(board.item("Groceries", "Bread")).toHaveCount(0);
  });

  test("without a service worker nothing is said to be available offline", async ({ browser, request }) => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const { boardId } = await createBoard(request, "Not kept");
    const board = new BoardPage(page);
    await board.open(URL_A, boardId);
    await expect(board.status).toHaveText("Live");
    await page.waitForTimeout(1500); // what a worker takes to install and answer here
    await expect(page.getByText("Available offline", { exact: true })).toHaveCount(0);
    await context.close();
  });

  test("the offline page tells a server that does not answer from a device that is offline", async ({ page }) => {
    await page.goto(`${URL_A}/~offline`); // online: as when the service worker could not reach the server
    await expect(page.getByRole("heading", { name: "Driftless cannot be reached" })).toBeVisible();
    await page.context().setOffline(true);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  });

  test("a board created offline opens from this device, survives a reload, and reaches the server exactly once", async ({
    context,
    page,
    request,
  }) => {
    await startPageControlled(page);

    await context.setOffline(true);
    await page.getByRole("textbox", { name: "Board title" }).fill("Made on a plane");
    await page.getByRole("button", { name: "Create board" }).click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    const boardId = new URL(page.url()).pathname.split("/")[2];
    const board = new BoardPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made on a plane");
    await expect(board.status).toHaveText("Offline — 1 change waiting");
    await board.addColumn("Seats");
    await board.addItem("Seats", "Window");
    await expect(board.status).toHaveText("Offline — 3 changes waiting");

    await page.reload(); // still offline: the same board, from this device
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made on a plane");
    await expect(board.item("Seats", "Window")).toBeVisible();
    await expect(board.status).toHaveText("Offline — 3 changes waiting");
    expect((await request.get(`${URL_A}/api/boards/${boardId}`)).status()).toBe(404); // nothing sent yet

    await context.setOffline(false);
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    const types = await eventTypes(request, boardId);
    expect(types).toEqual(["BoardCreated", "ColumnAdded", "ItemAdded"]);
    // Now that the server has it, the worker keeps its page too, and says so without a reload.
    await expect(page.getByText("Available offline", { exact: true })).toBeVisible();

    await page.reload(); // the server's own page now
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made on a plane");
    await expect(board.item("Seats", "Window")).toBeVisible();
    await expect(board.status).toHaveText("Live");
    expect(await eventTypes(request, boardId)).toEqual(["BoardCreated", "ColumnAdded", "ItemAdded"]);
    await page.goto(`${URL_A}/`);
    await expect(page.getByRole("link", { name: "Made on a plane" })).toBeVisible();
  });

  test("a board created offline whose page was left opens once online, from a link or its address, and is sent first, once", async ({
    context,
    page,
    request,
  }) => {
    await startPageControlled(page);
    const board = new BoardPage(page);
    const createOffline = async (title: string, column: string) => {
      await page.getByRole("textbox", { name: "Board title" }).fill(title);
      await page.getByRole("button", { name: "Create board" }).click();
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
      await board.addColumn(column);
      await expect(board.status).toHaveText("Offline — 2 changes waiting");
      return new URL(page.url()).pathname.split("/")[2];
    };
    await context.setOffline(true);
    const tunnel = await createOffline("Made in a tunnel", "Stops");
    await page.getByRole("link", { name: "All boards" }).click(); // left before the network is back
    const cave = await createOffline("Made in a cave", "Torches");
    await page.goto(`${URL_A}/`);
    expect((await request.get(`${URL_A}/api/boards/${tunnel}`)).status()).toBe(404); // nothing sent yet

    await context.setOffline(false);
    await page.getByRole("link", { name: "Made in a tunnel" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made in a tunnel");
    await expect(board.column("Stops")).toBeVisible();
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    expect(await eventTypes(request, tunnel)).toEqual(["BoardCreated", "ColumnAdded"]);

    await page.goto(`${URL_A}/b/${cave}`); // its address, typed or bookmarked
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made in a cave");
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    expect(await eventTypes(request, cave)).toEqual(["BoardCreated", "ColumnAdded"]);
    await page.reload(); // the server's own page now
    await expect(board.column("Torches")).toBeVisible();
    expect(await eventTypes(request, tunnel)).toEqual(["BoardCreated", "ColumnAdded"]);

    // A board this device did not make is still not found.
    await page.goto(`${URL_A}/b/${"x".repeat(22)}`);
    await expect(page.getByRole("heading", { name: "Not found", level: 1 })).toBeVisible();
  });

  test("a board is still created on the device when the server does not answer, and reaches it later", async ({
    context,
    page,
    request,
  }) => {
    await startPageControlled(page);
    // The device is online, but the server answers nothing (down, or unreachable from here).
    let down = true;
    await context.route(`${URL_A}/**`, (route) => (down ? route.abort("connectionrefused") : route.fallback()));
    await page.getByRole("textbox", { name: "Board title" }).fill("Made while it was down");
    await page.getByRole("button", { name: "Create board" }).click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    const boardId = new URL(page.url()).pathname.split("/")[2];
    const board = new BoardPage(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made while it was down");
    await expect(board.status).toContainText("1 change waiting");
    expect((await request.get(`${URL_A}/api/boards/${boardId}`)).status()).toBe(404);
    down = false; // the server answers again: the page sends the creation by itself
    await expect(board.status).toHaveText("Live", { timeout: 30_000 });
    expect(await eventTypes(request, boardId)).toEqual(["BoardCreated"]);
  });

  test("creating a board offline keeps the title and says why it cannot be made yet", async ({ context, page }) => {
    await page.goto(`${URL_A}/`);
    await context.setOffline(true);
    await page.getByRole("textbox", { name: "Board title" }).fill("Made on a train");
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "You are offline" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Board title" })).toHaveValue("Made on a train");
    await expect(page.getByRole("heading", { name: "Driftless", level: 1 })).toBeVisible();
  });
});

/** Waits until the service worker holds a copy of `path` (kept after a first, uncontrolled visit). */
async function keptForOffline(page: Page, path: string) {
  await expect
    .poll(
      () =>
        page.evaluate(async (url) => {
          const cached = await caches.match(url);
          return cached?.status ?? 0;
        }, path),
      { timeout: 15_000 },
    )
    .toBe(200);
}
