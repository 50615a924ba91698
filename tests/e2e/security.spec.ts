import { expect, test } from "@playwright/test";
import { BoardPage, createBoard, URL_A } from "./pages/board";

test.describe("security headers", () => {
  test("every page carries them, and the app works under its Content-Security-Policy", async ({ page, request }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const { boardId, viewToken } = await createBoard(request, "Headers");
    for (const path of ["/", `/b/${boardId}`, `/r/${viewToken}`, `/b/${boardId}/history`, "/api/health"]) {
      const headers = (await request.get(`${URL_A}${path}`)).headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], path).toContain("default-src 'self'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe(
        path.startsWith("/b/") || path.startsWith("/r/") ? "no-referrer" : "strict-origin-when-cross-origin",
      );
    }
    const board = new BoardPage(page);
    await board.open(URL_A, boardId); // scripts ran: the stream is live
    await board.addColumn("Works under CSP");
    await board.addItem("Works under CSP", "Inline styles too");
    await board.settled();
    expect(violations).toEqual([]);
  });
});
