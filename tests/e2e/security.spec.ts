// The security headers, and the app working under its Content-Security-Policy: every test of the
// suite fails on a policy violation (fixtures.ts); this one visits each kind of page and proves the
// policy does block what it must.
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, URL_A } from "./pages/board";

const scriptPolicy = (policy: string) => policy.split(";").find((part) => part.trim().startsWith("script-src")) ?? "";

test.describe("security headers", () => {
  test("every response carries them; each page a script policy of nonces, never 'unsafe-inline'", async ({
    request,
  }) => {
    const { boardId, viewToken } = await createBoard(request, "Headers");
    const pages = ["/", `/b/${boardId}`, `/r/${viewToken}`, `/b/${boardId}/history`, "/~offline"];
    for (const path of [...pages, "/api/health"]) {
      const headers = (await request.get(`${URL_A}${path}`)).headers();
      const policy = headers["content-security-policy"] ?? "";
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe(
        path.startsWith("/b/") || path.startsWith("/r/") ? "no-referrer" : "strict-origin-when-cross-origin",
      );
      if (pages.includes(path)) {
        expect(scriptPolicy(policy), path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
        expect(scriptPolicy(policy), path).not.toContain("'unsafe-inline'");
      } else {
        expect(policy, path).toContain("default-src 'none'");
      }
    }
  });

  test("the app works under its policy — start page, a new board, history, the read-only page, the service worker — and injected markup runs no script", async ({
    page,
    request,
    policyWatch,
  }) => {
    await page.goto(`${URL_A}/`);
    // The start page's form: a server action, then the board it made.
    await page.getByLabel("Board title").fill("Made under CSP");
    await page.getByRole("button", { name: "Create board" }).click();
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    const board = new BoardPage(page);
    await expect(board.status).toHaveText(/Live/);
    await board.addColumn("Works under CSP");
    await board.addItem("Works under CSP", "Inline styles too");
    await board.settled();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const boardId = new URL(page.url()).pathname.split("/")[2];
    await page.goto(`${URL_A}/b/${boardId}/history`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Made under CSP");
    const { viewToken } = await createBoard(request, "Shared under CSP");
    await page.goto(`${URL_A}/r/${viewToken}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared under CSP");
    expect(policyWatch).toEqual([]);

    // What markup injected into a page would run: an inline event handler ('unsafe-inline' let it).
    const ran = await page.evaluate(async () => {
      const holder = document.createElement("div");
      holder.innerHTML = '<img src="data:," onload="window.__injected = true" onerror="window.__injected = true">';
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => policyWatch.length).toBeGreaterThan(0);
    expect(policyWatch.join("\n")).toMatch(/script-src/);
    policyWatch.length = 0; // seen and expected: not a failure of this test
  });
});
