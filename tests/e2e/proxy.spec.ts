// Three standalone instances behind Debian's nginx, configured with the README's own example:
// live edits between browsers, a stream that outlives an instance, offline replay — all through it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { trelloBoard } from "../fixtures/trello";
import { freePort, ROOT, type RunningServer, startServer } from "../integration/servers";
import { range, StreamReader } from "../integration/stream-client";
import { expect, test } from "./fixtures";
import { BoardPage, createBoard, newId, runCommands } from "./pages/board";

const NGINX = "/usr/sbin/nginx";
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL) && existsSync(NGINX);

/** The nginx example from the README, with its ports swapped for the test's. */
function readmeNginx(upstreams: number[], listen: number): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = readme.match(/```nginx\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("the README has no nginx example");
  let config = block.replace("listen 8080;", `listen 127.0.0.1:${listen};`);
  ["3001", "3002", "3003"].forEach((port, index) => {
    config = config.replace(`127.0.0.1:${port};`, `127.0.0.1:${upstreams[index]};`);
  });
  return config;
}

test.describe("behind nginx, three instances", () => {
  test.skip(!enabled, "needs DATABASE_URL, REDIS_URL and nginx (.ci/run installs it)");
  test.describe.configure({ mode: "serial" });

  let instances: RunningServer[] = [];
  let proxy: RunningServer | undefined;
  let base = "";
  let dir = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      HOSTNAME: "127.0.0.1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      KEEP_ALIVE_TIMEOUT: "65000", // as the README's Deploy section sets it, above nginx's 60 s
      // One key for all: a server action encrypted by one instance is run by another.
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      LIVE_CHECK_SECONDS: "2",
      // The README's nginx sits in front of every instance.
      TRUST_PROXY: "1",
    };
    instances = await Promise.all(
      range(1, 3).map(() => startServer({ env, command: ["node", path.join(ROOT, ".next/standalone/server.js")] })),
    );
    const listen = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), "driftless-nginx-"));
    for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, temp));
    writeFileSync(
      path.join(dir, "nginx.conf"),
      `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${readmeNginx(
  instances.map((instance) => instance.port),
  listen,
)}
}
`,
    );
    proxy = await startServer({ command: [NGINX, "-c", path.join(dir, "nginx.conf"), "-p", dir], port: listen });
    base = `http://127.0.0.1:${listen}`;
  });

  test.afterAll(async () => {
    await proxy?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("one person's edits reach another's browser live", async ({ browser, request }) => {
    const { boardId } = await createBoard(request, "Through nginx", base);
    const alice = new BoardPage(await (await browser.newContext()).newPage());
    const bob = new BoardPage(await (await browser.newContext()).newPage());
    await alice.open(base, boardId);
    await bob.open(base, boardId);
    await alice.addColumn("Proxied");
    await alice.addItem("Proxied", "Sent by a server action");
    await expect(bob.item("Proxied", "Sent by a server action")).toBeVisible();
    await bob.checkbox("Sent by a server action").check();
    await expect(alice.checkbox("Sent by a server action")).toBeChecked();
    await alice.settled();
    await bob.settled();
  });

  test("streams survive an instance being killed: clients resume on another, with no gap", async ({ request }) => {
    const { boardId } = await createBoard(request, "Kill one", base);
    const readers = range(1, 3).map(() => new StreamReader(`${base}/api/boards/${boardId}/events`));
    try {
      await Promise.all(readers.map((reader) => reader.untilReady()));
      for (let n = 1; n <= 10; n++)
        await runCommands(request, boardId, [{ type: "renameBoard", title: `before ${n}` }], base);
      await instances[0].stop("SIGKILL");
      for (let n = 1; n <= 10; n++)
        await runCommands(request, boardId, [{ type: "renameBoard", title: `after ${n}` }], base);
      await Promise.all(readers.map((reader) => reader.untilVersion(21, 20_000)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const reader of readers) expect(reader.versions()).toEqual(range(1, 21));
      expect(readers.some((reader) => reader.opens > 1)).toBe(true);
    } finally {
      for (const reader of readers) reader.close();
    }
  });

  test("a 13 MB import goes through the proxy; one over 20 MB is refused by Driftless, in words", async ({
    request,
  }) => {
    // A real-sized Trello export, padded in a field Trello exports and the import does not read.
    const file = { ...trelloBoard({ seed: 3, cards: 1_000, actions: 5_000 }), desc: "x".repeat(10 * 1024 * 1024) };
    const imported = await request.post(`${base}/api/boards/import`, { data: JSON.stringify(file) });
    expect(imported.status()).toBe(201);
    const { boardId, version } = await imported.json();
    expect((await (await request.get(`${base}/api/boards/${boardId}/log?limit=1`)).json()).version).toBe(version);
    const huge = await request.post(`${base}/api/boards/import`, {
      data: JSON.stringify({ ...file, desc: "x".repeat(21 * 1024 * 1024) }),
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).reason).toBe("The file is larger than 20 MB, the most this server takes.");
  });

  test("changes made offline replay through the proxy exactly once", async ({ context, page, request }) => {
    const { boardId } = await createBoard(request, "Offline via nginx", base);
    await runCommands(request, boardId, [{ type: "addColumn", columnId: newId(), title: "Queue" }], base);
    const board = new BoardPage(page);
    await board.open(base, boardId);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect(board.status).toHaveText("Live");
    await context.setOffline(true);
    await board.addItem("Queue", "First offline");
    await board.addItem("Queue", "Second offline");
    await expect(board.status).toHaveText("Offline — 2 changes waiting");
    await context.setOffline(false);
    await expect(board.status).toHaveText("Live", { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const log = await (await request.get(`${base}/api/boards/${boardId}/log`)).json();
    expect((log.events as { type: string }[]).filter((event) => event.type === "ItemAdded")).toHaveLength(2);
  });
});
