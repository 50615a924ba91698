// How the outbox reaches the server from a browser: the server action for a fresh command, the
// stable route for replays. Any failure to get an answer becomes RetryLater (the command stays).
import type { Command, RejectionCode } from "@/lib/domain";
import { type CommandAnswer, type OutboxTransport, RetryLater } from "./outbox";

export function browserTransport(
  runCommand: (boardId: string, command: Command) => Promise<CommandAnswer>,
): OutboxTransport {
  return {
    async sendOne(boardId, command) {
      try {
        return await runCommand(boardId, command);
      } catch (error) {
        // Offline, a server that went away, or an action id from a previous deploy: replay later.
        throw new RetryLater(error instanceof Error ? error.message : "the server action failed");
      }
    },
    async sendBatch(boardId, commands, schemaVersion) {
      let response: Response;
      try {
        response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/commands`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ commands, schemaVersion }),
          cache: "no-store",
        });
      } catch {
        throw new RetryLater("offline");
      }
      // The service worker kept the request for Background Sync: it will be sent by the browser.
      if (response.status === 202 && response.headers.get("X-Driftless-Queued")) return "queued";
      if (response.status >= 500 || response.status === 429 || response.status === 408) {
        const seconds = Number(response.headers.get("Retry-After"));
        throw new RetryLater(
          `the server answered ${response.status}`,
          Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
        );
      }
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
