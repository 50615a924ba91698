// How the outbox reaches the server from a browser: the server action for a fresh command, the
// stable route for replays, `POST /api/boards` for a board created here offline. Any failure to
// get an answer becomes RetryLater (the command stays).
import type { Command, RejectionCode, StoredEvent } from "@/lib/domain";
import { type CommandAnswer, type OutboxTransport, RetryLater } from "./outbox";

export function browserTransport(
  runCommand: (boardId: string, command: Command) => Promise<CommandAnswer>,
): OutboxTransport {
  return {
    async create(boardId, creation) {
      const response = await post("/api/boards", {
        title: creation.title,
        boardId,
        commandId: creation.commandId,
      });
      const body = (await response.json().catch(() => null)) as
        | { version: number; duplicate?: true }
        | { code?: RejectionCode; reason?: string }
        | null;
      if (!response.ok || !body || !("version" in body)) {
        const refusal = body as { code?: RejectionCode; reason?: string } | null;
        return {
          status: "rejected",
          commandId: creation.commandId,
          code: refusal?.code ?? "invalid",
          reason: refusal?.reason ?? `The server refused to create the board (${response.status}).`,
        };
      }
      // The answer names the version, not the event: read it, so the page folds it like any answer.
      const { version, duplicate } = body;
      let log: Response;
      try {
        log = await fetch(`/api/boards/${encodeURIComponent(boardId)}/log?after=0&limit=${version}`, {
          cache: "no-store",
        });
      } catch {
        throw new RetryLater("offline"); // sent again later, it answers as a duplicate
      }
      if (!log.ok) throw new RetryLater(`the log answered ${log.status}`);
      const { events } = (await log.json()) as { events: StoredEvent[] };
      return {
        status: "accepted",
        commandId: creation.commandId,
        version,
        events,
        ...(duplicate ? { duplicate } : {}),
      };
    },
    async sendOne(boardId, command) {
      try {
        return await runCommand(boardId, command);
      } catch (error) {
        // Offline, a server that went away, or an action id from a previous deploy: replay later.
        throw new RetryLater(error instanceof Error ? error.message : "the server action failed");
      }
    },
    async sendBatch(boardId, commands, schemaVersion) {
      const response = await post(`/api/boards/${encodeURIComponent(boardId)}/commands`, { commands, schemaVersion });
      // The service worker kept the request for Background Sync: it will be sent by the browser.
      if (response.status === 202 && response.headers.get("X-Driftless-Queued")) return "queued";
      const body = (await response.json().catch(() => null)) as {
        results?: CommandAnswer[];
        status?: string;
        code?: RejectionCode;
        reason?: string;
      } | null;
      if (response.ok && Array.isArray(body?.results)) return body.results;
      // The whole batch was refused (the board is gone, the request was malformed): every command
      // in it gets that answer, so each is rolled back and explained.
      const code = body?.code ?? "invalid";
      const reason = body?.reason ?? `The server refused the changes (${response.status}).`;
      return commands.map((command) => ({ status: "rejected", commandId: command.commandId, code, reason }) as const);
    },
  };
}

/** A JSON POST that answers, or throws RetryLater when there is no answer worth keeping (offline, 5xx, 429). */
async function post(url: string, body: object): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new RetryLater("offline");
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    const seconds = Number(response.headers.get("Retry-After"));
    throw new RetryLater(
      `the server answered ${response.status}`,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
      response.status === 429,
    );
  }
  return response;
}
