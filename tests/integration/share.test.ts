import { afterAll, describe, expect, it } from "vitest";
import { POST as boardShareRoute } from "@/app/api/boards/[boardId]/share/route";
import { GET as shareLogRoute } from "@/app/api/share/[viewToken]/log/route";
import { GET as shareRoute } from "@/app/api/share/[viewToken]/route";
import { closeStore } from "@/db/store";
import { toRecord } from "@/lib/domain";
import { closeHub, getHub } from "@/lib/server/live/hub";
import { getShared } from "@/lib/server/share";
import { command, createBoardRaw, getLog, newId, post, readSharedEvents, send } from "./api";

afterAll(async () => {
  await closeHub();
  await closeStore();
});

const ORIGIN = "http://localhost:3000";

async function sharedBoard() {
  const created = await createBoardRaw({ title: "Shared plan" });
  const { boardId, viewToken } = created.body as { boardId: string; viewToken: string };
  const columnId = newId("col");
  await send(boardId, {
    commands: [
      command("addColumn", { columnId, title: "Now" }),
      command("addItem", { itemId: newId("item"), columnId, title: "<b>x</b>" }),
    ],
  });
  return { boardId, viewToken };
}

async function snapshot(viewToken: string) {
  const response = await shareRoute(new Request(`${ORIGIN}/api/share/${viewToken}`), {
    params: Promise.resolve({ viewToken }),
  });
  return { status: response.status, text: await response.text() };
}

async function replaceLink(boardId: string, headers: Record<string, string> = {}) {
  const response = await boardShareRoute(post(`/api/boards/${boardId}/share`, "", headers), {
    params: Promise.resolve({ boardId }),
  });
  return { status: response.status, body: await response.json() };
}

describe("GET /api/share/:viewToken", () => {
  it("answers the board's snapshot without its boardId", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const answer = await snapshot(viewToken);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      version: 3,
      state: { title: "Shared plan", columns: [{ title: "Now", items: [{ title: "<b>x</b>", completed: false }] }] },
    });
    expect(answer.text).not.toContain(boardId);
  });

  it("answers the v2 state: details on items, labels, members, the removed list", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const columnId = newId("col");
    const itemId = newId("item");
    await send(boardId, {
      commands: [
        command("addColumn", { columnId, title: "Later" }),
        command("addItem", { itemId, columnId, title: "Plan" }),
        command("describeItem", { itemId, description: "<script>not html</script>" }),
        command("removeColumn", { columnId }),
      ],
    });
    const state = JSON.parse((await snapshot(viewToken)).text).state;
    expect(state).toMatchObject({ labels: [], removed: [{ kind: "column", id: columnId, title: "Later" }] });
    expect(state.members.length).toBeGreaterThan(0);
    expect(state.columns[0].items[0]).toMatchObject({ description: "", checklist: [], comments: [] });
  });

  it("gives the read-only page the same plain record the board page gets, which holds no boardId", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const itemId = newId("item");
    const columnId = newId("col");
    await send(boardId, {
      commands: [
        command("addColumn", { columnId, title: "Later" }),
        command("addItem", { itemId, columnId, title: "Plan" }),
        command("describeItem", { itemId, description: "Details" }),
        command("removeItem", { itemId }),
      ],
    });
    const shared = await getShared(viewToken);
    if (!shared.ok) throw new Error(shared.rejection.reason);
    const record = toRecord(shared.value.state);
    expect(record.bin[itemId]).toMatchObject({ kind: "item", item: { title: "Plan", description: "Details" } });
    expect(JSON.stringify(record)).not.toContain(boardId);
  });

  it("answers 404 for an unknown token", async () => {
    expect((await snapshot("AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await snapshot("short")).status).toBe(404);
  });
});

describe("a view token on a write route", () => {
  it("opens nothing: commands, batches and link replacement answer 404 and append nothing", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const single = await send(viewToken, command("renameBoard", { title: "Hijacked" }));
    expect(single.status).toBe(404);
    const batch = await send(viewToken, { commands: [command("renameBoard", { title: "Hijacked" })] });
    expect(batch.status).toBe(404);
    expect((await replaceLink(viewToken)).status).toBe(404);
    expect((await getLog(boardId)).body.version).toBe(3);
    expect((await snapshot(viewToken)).status).toBe(200); // and the link itself is unharmed
  });
});

describe("GET /api/share/:viewToken/log", () => {
  const sharedLog = async (viewToken: string, query = "") => {
    const response = await shareLogRoute(new Request(`${ORIGIN}/api/share/${viewToken}/log${query}`), {
      params: Promise.resolve({ viewToken }),
    });
    return { status: response.status, body: await response.json() };
  };

  it("answers the events after a version, as the board's own log does, and never the boardId", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const shared = await sharedLog(viewToken, "?after=1&limit=1");
    expect(shared.status).toBe(200);
    expect(shared.body).toEqual((await getLog(boardId, "?after=1&limit=1")).body);
    expect(shared.body.events.map((event: { version: number }) => event.version)).toEqual([2]);
    expect(JSON.stringify(shared.body)).not.toContain(boardId);
  });

  it("answers 404 for a replaced or malformed link, and 400 for a bad position", async () => {
    const { boardId, viewToken } = await sharedBoard();
    expect((await sharedLog(viewToken, "?after=-1")).status).toBe(400);
    await replaceLink(boardId);
    expect((await sharedLog(viewToken)).status).toBe(404);
    expect((await sharedLog("not-a-token")).status).toBe(404);
    expect((await sharedLog(boardId)).status).toBe(404); // a boardId is no view token
  });
});

describe("POST /api/boards/:boardId/share", () => {
  it("makes a new link; the old one answers 404 at once and its open streams end", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const watching = readSharedEvents(viewToken);
    await watching.untilReady();
    expect(getHub().stats().streams).toBe(1);

    const replaced = await replaceLink(boardId);
    expect(replaced.status).toBe(200);
    expect(replaced.body.viewToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(replaced.body.viewToken).not.toBe(viewToken);
    expect((await snapshot(viewToken)).status).toBe(404);
    expect((await snapshot(replaced.body.viewToken)).status).toBe(200);
    await watching.until(() => getHub().stats().streams === 0, { what: "the old link's stream to end" });
    watching.close();

    const renewed = readSharedEvents(replaced.body.viewToken);
    await renewed.untilReady();
    await send(boardId, command("renameBoard", { title: "Seen through the new link" }));
    await renewed.untilVersion(4);
    renewed.close();
  });

  it("refuses another site's request (403) and keeps the link", async () => {
    const { boardId, viewToken } = await sharedBoard();
    const answer = await replaceLink(boardId, { origin: "https://evil.example" });
    expect(answer.status).toBe(403);
    expect((await snapshot(viewToken)).status).toBe(200);
  });
});
