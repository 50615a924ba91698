// SIGTERM on a real `next start` (as npm start runs it): streams end with a retry hint, commands in
// flight finish (or are refused as "try again" before they start), and the process exits 0 fast.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./servers";

const dataDir = mkdtempSync(path.join(tmpdir(), "driftless-shutdown-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("SIGTERM", () => {
  it("ends streams with a retry hint, finishes in-flight commands and exits 0 within 10 s", async () => {
    const env = { PGLITE_DIR: path.join(dataDir, "pglite"), NEXT_MANUAL_SIG_HANDLE: "true" };
    const server = await startServer({ env });
    const created = await fetch(`${server.url}/api/boards`, {
      method: "POST",
      body: JSON.stringify({ title: "Going down" }),
    });
    const { boardId } = await created.json();

    const stream = await fetch(`${server.url}/api/boards/${boardId}/events`);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while (!text.includes("event: ready")) text += new TextDecoder().decode((await reader.read()).value);

    // A burst of commands, and SIGTERM while they are in flight.
    const sends = Array.from({ length: 40 }, (_, n) =>
      fetch(`${server.url}/api/boards/${boardId}/commands`, {
        method: "POST",
        body: JSON.stringify({ commandId: randomUUID(), type: "renameBoard", title: `Change ${n}` }),
      }).then(
        async (response) => ({ status: response.status, body: await response.json() }),
        () => ({ status: 0, body: null }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const signalled = Date.now();
    const exited = server.stop("SIGTERM");

    // The stream ends on purpose, telling the client to come back soon (to another instance).
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/retry: 500\n\n$/);

    const answers = await Promise.all(sends);
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    // Every command got an answer: done, or "try again" (kept queued by the client). None was cut.
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    const accepted = answers.filter((answer) => answer.status === 200).length;
    expect(server.output()).toContain('"msg":"shut down"');

    // What was accepted is there after a restart; nothing else is.
    const again = await startServer({ env });
    try {
      const board = await (await fetch(`${again.url}/api/boards/${boardId}`)).json();
      expect(board.version).toBe(1 + accepted);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
