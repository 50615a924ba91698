// The per-address limits against a real `next start`: `X-Forwarded-For` is the client's own word
// unless TRUST_PROXY says proxies in front write it, so extra hops in it choose nothing.
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./servers";

const servers: RunningServer[] = [];
const aborts: AbortController[] = [];
/**
 * The open streams' responses, held: undici cancels the body of a response that is garbage
 * collected unread, which would free its place on the server in the middle of a count.
 */
const held: Response[] = [];
afterAll(async () => {
  for (const abort of aborts) abort.abort();
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
});

async function serve(env: Record<string, string>): Promise<{ server: RunningServer; boardId: string }> {
  const server = await startServer({
    env: { DATABASE_URL: "", PGLITE_DIR: "memory://", SSE_MAX_PER_IP: "3", LOG_LEVEL: "warn", ...env },
  });
  servers.push(server);
  const created = await fetch(`${server.url}/api/boards`, { method: "POST", body: JSON.stringify({ title: "Hops" }) });
  return { server, boardId: (await created.json()).boardId };
}

/** Opens a stream (left open) with this X-Forwarded-For, and answers its status. */
async function openStream(server: RunningServer, boardId: string, forwardedFor: string): Promise<number> {
  const abort = new AbortController();
  aborts.push(abort);
  const response = await fetch(`${server.url}/api/boards/${boardId}/events`, {
    headers: { "X-Forwarded-For": forwardedFor },
    signal: abort.signal,
  });
  held.push(response);
  return response.status;
}

describe("the client's address", () => {
  it("TRUST_PROXY unset: X-Forwarded-For is ignored, the connection's address is counted (a second hop evades nothing)", async () => {
    const { server, boardId } = await serve({});
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n++) statuses.push(await openStream(server, boardId, `198.51.100.${n}, 203.0.113.${n}`));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  }, 60_000);

  it("TRUST_PROXY=1: the entry the proxy appended is counted, whatever the client wrote before it", async () => {
    const { server, boardId } = await serve({ TRUST_PROXY: "1" });
    const statuses: number[] = [];
    for (let n = 1; n <= 4; n++) statuses.push(await openStream(server, boardId, `198.51.100.${n}, 203.0.113.7`));
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy has places of its own.
    expect(await openStream(server, boardId, "203.0.113.8")).toBe(200);
  }, 60_000);

  it("SSE_MAX_PER_INSTANCE caps the streams of all addresses together", async () => {
    const { server, boardId } = await serve({ TRUST_PROXY: "1", SSE_MAX_PER_INSTANCE: "4" });
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n++) statuses.push(await openStream(server, boardId, `203.0.113.${n}`));
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  }, 60_000);
});
