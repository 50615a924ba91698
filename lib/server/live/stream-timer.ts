// A timer that runs while the instance has open streams and not otherwise: an idle instance (or
// a test) holds no timer, and one stream or ten thousand cost the same one timer.
import type { BoardFeeds } from "./board-feeds";

export class StreamTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feeds: Pick<BoardFeeds, "watch" | "counts">,
    private readonly everyMs: number,
    private readonly tick: () => void,
  ) {
    feeds.watch({
      boardOpened: () => {
        this.timer ??= setInterval(this.tick, this.everyMs);
      },
      boardClosed: () => {
        if (this.feeds.counts().boards === 0) this.stop();
      },
    });
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
