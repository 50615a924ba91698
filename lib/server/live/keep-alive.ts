// Keep-alive comments on every open stream: SSE proxies and load balancers drop a connection that
// says nothing for a while (README, "The event stream": SSE_PING_SECONDS).
import type { BoardFeeds } from "./board-feeds";
import { PING_FRAME } from "./frames";
import { StreamTimer } from "./stream-timer";

export function keepAlive(feeds: Pick<BoardFeeds, "watch" | "counts" | "all">, pingMs: number): StreamTimer {
  return new StreamTimer(feeds, pingMs, () => {
    for (const sink of feeds.all()) sink.send(PING_FRAME);
  });
}
