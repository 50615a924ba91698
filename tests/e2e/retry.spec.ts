// Changes the server refuses for a while (429) are sent again by the page itself — with the
// browser's real timers, not a test's own scheduler — once the server takes changes again.
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands } from "./pages/board";

const LIMITED = process.env.E2E_URL_LIMITED as string;
const PER_MINUTE = Number(process.env.E2E_LIMITED_PER_MINUTE);

test.describe("refused for a while", () => {
  test("changes refused by the per-browser limit are sent again when it allows, with no page error", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const { boardId } = await createBoard(request, "Busy", LIMITED);
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Inbox" }], LIMITED);
    const board = new BoardPage(page);
    await board.open(LIMITED, boardId);

    // Twice the limit in a row: the first ones land, the rest are refused and wait.
    const titles = Array.from({ length: PER_MINUTE * 2 }, (_, n) => `Task ${n + 1}`);
    for (const title of titles) await board.addItem("Inbox", title);
    await expect(board.status).toHaveText(
      new RegExp(`${PER_MINUTE} changes waiting: the server asked to slow down; sending again at`),
    );

    // The limit's window is a minute: by then (and a little more) every change has landed, once.
    await expect(board.status).toHaveText("Live", { timeout: 100_000 });
    const log = await (await request.get(`${LIMITED}/api/boards/${boardId}/log`)).json();
    const added = (log.events as { type: string; data: { title: string } }[])
      .filter((event) => event.type === "ItemAdded")
      .map((event) => event.data.title);
    expect(added).toEqual(titles);
    await page.reload();
    await expect.poll(() => board.titles("Inbox")).toEqual(titles);
    expect(errors).toEqual([]);
  });
});
