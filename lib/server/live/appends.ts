import "server-only";
// Appends on the bus: after a commit the writer announces its events, and every instance — the
// committing one too — fans them out to its streams from its ONE subscriber, so a stream sees
// every board's appends in the one order the bus gives them (a local shortcut would race the
// other instances' messages and make streams wait on gaps). Only when the bus cannot carry them
// do the local streams get them straight away; the store check covers the other instances.
import { eventJson } from "@/db/event-encoding";
import type { StoredEvent } from "@/lib/domain";
import type { Bus } from "../bus";
import { log, redact } from "../log";
import type { BoardFeeds } from "./board-feeds";
import { type Deliver, TurnBatches } from "./turn-batches";

const KIND = "events";

export class LiveAppends {
  private readonly batches: TurnBatches;

  constructor(
    private readonly feeds: Pick<BoardFeeds, "handle" | "publish" | "sinks" | "has">,
    private readonly bus: Pick<Bus, "connected">,
    /** Told every batch before its streams (this instance's board cache follows other instances). */
    private readonly followers: readonly Deliver[] = [],
  ) {
    this.batches = new TurnBatches((boardId, events) => this.fanOut(boardId, events));
    feeds.handle(KIND, (boardId, value) => {
      if (Array.isArray(value)) this.batches.add(boardId, value as StoredEvent[]);
      else log.warn("ignored a malformed bus message", { board: redact(boardId) });
    });
  }

  /** Called after a commit. Never throws: a failed publish is logged, and store checks deliver. */
  announce(boardId: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    const local = () => {
      if (this.feeds.has(boardId)) this.batches.add(boardId, events);
    };
    if (!this.bus.connected()) local();
    this.feeds.publish(boardId, KIND, `[${events.map(eventJson).join(",")}]`).catch((error: unknown) => {
      log.warn("bus publish failed; other instances will catch up from the store", {
        board: redact(boardId),
        version: events[events.length - 1].version,
        error,
      });
      local(); // streams drop what they already have, if the bus was only slow
    });
  }

  private fanOut(boardId: string, events: readonly StoredEvent[]): void {
    for (const follow of this.followers) follow(boardId, events);
    for (const sink of this.feeds.sinks(boardId)) sink.offer(events);
  }
}
