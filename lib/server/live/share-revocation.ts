import "server-only";
// A board's read-only link was replaced: its open streams end, here and on every instance. This
// module is the one place that knows it: the bus message (which carries a hash of the old token,
// never the token) and the store check's fallback for an instance that missed the message.
import { createHash } from "node:crypto";
import { log, redact } from "../log";
import type { BoardFeeds } from "./board-feeds";
import type { StoreCheck } from "./store-check";

const KIND = "revoked";

export class ShareRevocation {
  constructor(
    private readonly feeds: Pick<BoardFeeds, "handle" | "publish" | "sinks">,
    check: Pick<StoreCheck, "onHead">,
  ) {
    feeds.handle(KIND, (boardId, value) => {
      if (typeof value === "string") this.endStreams(boardId, value);
      else log.warn("ignored a malformed bus message", { board: redact(boardId) });
    });
    // A link replaced while the bus was down still stops within one check.
    check.onHead((boardId, head) => {
      for (const sink of [...feeds.sinks(boardId)])
        if (sink.viewToken && sink.viewToken !== head.viewToken) sink.end("link replaced");
    });
  }

  /** Ends the streams opened with `oldViewToken`, on this instance and the others. */
  revoke(boardId: string, oldViewToken: string): void {
    const hash = tokenHash(oldViewToken);
    this.endStreams(boardId, hash);
    this.feeds.publish(boardId, KIND, JSON.stringify(hash)).catch((error: unknown) => {
      log.warn("bus publish of a replaced link failed; other instances end its streams at their next check", {
        board: redact(boardId),
        error,
      });
    });
  }

  private endStreams(boardId: string, hash: string): void {
    for (const sink of [...this.feeds.sinks(boardId)])
      if (sink.viewToken && tokenHash(sink.viewToken) === hash) sink.end("link replaced");
  }
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 32);
}
