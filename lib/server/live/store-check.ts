// The store check (README, "The event stream": LIVE_CHECK_SECONDS): every live board's head is
// compared with what its streams sent, one query for all of them, periodically and after every bus
// reconnect, and what the bus lost is read once per board and offered to its streams.
import type { StoredEvent } from "@/lib/domain";
import { log, redact } from "../log";
import type { BoardFeeds } from "./board-feeds";
import type { RangeReader } from "./sequencer";
import type { BoardHead, HeadsReader } from "./store-reads";
import { StreamTimer } from "./stream-timer";

/** Told every head a check read, before its streams are caught up (a replaced link ends here). */
export type HeadWatcher = (boardId: string, head: BoardHead) => void;

export class StoreCheck {
  private readonly timer: StreamTimer;
  private readonly headWatchers: HeadWatcher[] = [];
  private checking = false;
  private again = false;

  constructor(
    private readonly feeds: Pick<BoardFeeds, "watch" | "counts" | "boards" | "sinks">,
    private readonly reads: { heads: HeadsReader; range: (boardId: string) => RangeReader },
    everyMs: number,
  ) {
    this.timer = new StreamTimer(feeds, everyMs, () => void this.check("timer"));
  }

  get running(): boolean {
    return this.timer.running;
  }

  onHead(watcher: HeadWatcher): void {
    this.headWatchers.push(watcher);
  }

  async check(reason: "timer" | "reconnect"): Promise<void> {
    const boards = this.feeds.boards();
    if (boards.length === 0) return;
    if (this.checking) {
      // A reconnect during a check must not be lost: the running one may have read heads before it.
      if (reason === "reconnect") this.again = true;
      return;
    }
    this.checking = true;
    try {
      const heads = await this.reads.heads(boards);
      for (const [boardId, head] of heads) {
        for (const watcher of this.headWatchers) watcher(boardId, head);
        await this.catchUp(boardId, head.version, reason);
      }
    } catch (error) {
      log.warn("live check failed", { reason, error });
    } finally {
      this.checking = false;
    }
    if (this.again) {
      this.again = false;
      await this.check("reconnect");
    }
  }

  stop(): void {
    this.timer.stop();
  }

  private async catchUp(boardId: string, head: number, reason: string): Promise<void> {
    let from = Number.POSITIVE_INFINITY;
    for (const sink of this.feeds.sinks(boardId)) {
      const sent = sink.settledVersion();
      if (sent !== undefined && sent < from) from = sent;
    }
    if (from < head) {
      if (reason === "timer") log.info("live check found undelivered events", { board: redact(boardId), head });
      // One read for the board, offered to every stream; each drops what it already sent.
      for await (const batch of this.reads.range(boardId)(from, head)) this.offer(boardId, batch);
    }
    // Streams still catching up are told the head too: they read what they lack when done.
    for (const sink of this.feeds.sinks(boardId)) sink.catchUpTo(head);
  }

  private offer(boardId: string, events: readonly StoredEvent[]): void {
    for (const sink of this.feeds.sinks(boardId)) sink.offer(events);
  }
}
