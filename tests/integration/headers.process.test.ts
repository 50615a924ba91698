// What a real `next start` answers about where a request came from and how it was made: HTTPS
// (Secure cookies, HSTS), the page's script policy, and the one cross-site rule of the routes and
// the server actions alike.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type RunningServer, startServer } from "./servers";

let server: RunningServer;
let boardId: string;
beforeAll(async () => {
  // One proxy in front (TRUST_PROXY=1): its X-Forwarded-Proto says whether the client used HTTPS.
  server = await startServer({
    env: { DATABASE_URL: "", PGLITE_DIR: "memory://", TRUST_PROXY: "1", LOG_LEVEL: "warn" },
  });
  const created = await fetch(`${server.url}/api/boards`, {
    method: "POST",
    body: JSON.stringify({ title: "Headers" }),
  });
  boardId = (await created.json()).boardId;
}, 60_000);
afterAll(() => server?.stop("SIGKILL"));

/** The id Next gave a server action in this build (the board page's client bundle carries the same). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"));
  const entry = Object.entries(manifest.node as Record<string, { exportedName: string }>).find(
    ([, action]) => action.exportedName === name,
  );
  if (!entry) throw new Error(`no server action ${name} in this build`);
  return entry[0];
}

/** Calls the board page's `runCommandAction` as its client does; answers the response and the action's result. */
async function runCommandAction(headers: Record<string, string>, title: string) {
  const response = await fetch(`${server.url}/b/${boardId}`, {
    method: "POST",
    headers: {
      "Next-Action": actionId("runCommandAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      ...headers,
    },
    body: JSON.stringify([boardId, { commandId: randomUUID(), type: "renameBoard", title }]),
  });
  // The flight answer's row 1 is the action's return value.
  const row = (await response.text()).split("\n").find((line) => line.startsWith("1:"));
  return { response, outcome: JSON.parse(row?.slice(2) ?? "null") as { status: string; code?: string } | null };
}

const actorCookie = (response: Response) =>
  response.headers.getSetCookie().find((c) => c.startsWith("driftless_actor="));

describe("over HTTPS, and not", () => {
  it("a new actor cookie is Secure over HTTPS, from a server action as from a route handler", async () => {
    const https = {
      "X-Forwarded-Proto": "https",
      Origin: "https://board.example",
      "X-Forwarded-Host": "board.example",
    };
    const viaAction = await runCommandAction(https, "secure");
    expect(viaAction.outcome?.status).toBe("accepted");
    expect(actorCookie(viaAction.response)).toMatch(/; Secure/i);
    const viaRoute = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
      method: "POST",
      headers: https,
      body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: "secure too" }),
    });
    expect(actorCookie(viaRoute)).toMatch(/; Secure/i);
    // Over plain HTTP the cookie cannot be Secure (the browser would drop it).
    const plain = await runCommandAction({ Origin: server.url }, "plain");
    expect(actorCookie(plain.response)).not.toMatch(/; Secure/i);
  });

  it("pages offer HSTS over HTTPS only", async () => {
    const secure = await fetch(`${server.url}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect((await fetch(`${server.url}/`)).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("the page's script policy", () => {
  it("every page response has a nonce of its own, in its policy and on its scripts, and no 'unsafe-inline' scripts", async () => {
    const nonces: string[] = [];
    for (const path_ of ["/", "/", `/b/${boardId}`]) {
      const response = await fetch(`${server.url}${path_}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      const script = policy.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
      expect(script).toContain("'strict-dynamic'");
      expect(script).not.toContain("'unsafe-inline'");
      const nonce = script.match(/'nonce-([^']+)'/)?.[1] as string;
      expect(nonce).toBeDefined();
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("cross-site requests", () => {
  it("a server action refuses what the routes refuse: Sec-Fetch-Site cross-site or same-site, an Origin of another scheme", async () => {
    const elsewhere: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site", Origin: server.url },
      { "Sec-Fetch-Site": "same-site", Origin: server.url },
      { Origin: server.url.replace("http:", "https:") },
    ];
    for (const headers of elsewhere) {
      const { outcome } = await runCommandAction(headers, "from elsewhere");
      expect(outcome).toMatchObject({ status: "rejected", code: "forbidden" });
      const route = await fetch(`${server.url}/api/boards/${boardId}/commands`, {
        method: "POST",
        headers,
        body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: "from elsewhere" }),
      });
      expect(route.status).toBe(403);
    }
    const board = await (await fetch(`${server.url}/api/boards/${boardId}`)).json();
    expect(board.state.title).not.toBe("from elsewhere");
    const { outcome } = await runCommandAction({ "Sec-Fetch-Site": "same-origin", Origin: server.url }, "from here");
    expect(outcome).toMatchObject({ status: "accepted" });
  });
});
