import { mkdtempSync, rmSync } from "node:fs";
import { Agent, get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./servers";

const dataDir = mkdtempSync(path.join(tmpdir(), "driftless-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm start with no services configured", () => {
  it("serves on the embedded default, and a board outlives a restart", async () => {
    const env = { PGLITE_DIR: path.join(dataDir, "pglite") };
    const first = await startServer({ env, command: ["npm", "start", "--"] });
    let boardId: string;
    try {
      expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({
        ok: true,
        store: "pglite",
        bus: "memory",
      });
      const created = await fetch(`${first.url}/api/boards`, {
        method: "POST",
        body: JSON.stringify({ title: "Survivor" }),
      });
      expect(created.status).toBe(201);
      boardId = (await created.json()).boardId;
      const page = await fetch(`${first.url}/b/${boardId}`);
      expect(await page.text()).toContain("Survivor");
    } finally {
      await first.stop();
    }

    const second = await startServer({ env, command: ["npm", "start", "--"] });
    try {
      const board = await (await fetch(`${second.url}/api/boards/${boardId}`)).json();
      expect(board).toMatchObject({ boardId, version: 1, state: { title: "Survivor", columns: [] } });
    } finally {
      await second.stop();
    }
    // It runs the build's own server: no warning (next start warns about a standalone build).
    expect(first.output()).not.toMatch(/⚠|warn/i);
    expect(second.output()).not.toMatch(/⚠|warn/i);
  }, 90_000);
});

/** GETs `url` through `agent`; answers the status and whether the agent reused an open connection. */
function getThrough(agent: Agent, url: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
    });
    request.on("error", reject);
  });
}

describe("npm start's connections", () => {
  it("keeps an idle keep-alive connection open longer than Node's 5 s, as a proxy reusing it expects", async () => {
    const server = await startServer({ env: { PGLITE_DIR: "memory://" }, command: ["npm", "start", "--"] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await getThrough(agent, `${server.url}/api/health`)).toEqual({ status: 200, reused: false });
      await sleep(6_000);
      // Closed by the server meanwhile, the agent would have dropped it and opened another.
      expect(await getThrough(agent, `${server.url}/api/health`)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
      await server.stop();
    }
  }, 60_000);
});
