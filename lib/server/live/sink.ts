// One open stream as the live layer sees it: what the modules of lib/server/live may ask of it.
import type { StoredEvent } from "@/lib/domain";
import type { Person } from "../presence/store";

export interface LiveSink {
  readonly boardId: string;
  /** Set on a read-only stream: the view token it was opened with. */
  readonly viewToken?: string;
  /** Set on a board page's stream with a signed visitor: who is present (README, "Presence"). */
  readonly person?: Person;
  /** Events for this board from the bus or a store read: possibly late, twice or out of order. */
  offer(events: readonly StoredEvent[]): void;
  /** Makes sure everything up to `version` reaches the client (it reads what it missed). */
  catchUpTo(version: number): void;
  /** The last version this stream sent, or undefined while it is still catching up. */
  settledVersion(): number | undefined;
  /** Writes a frame that is not an event (a keep-alive comment, a later module's own frames). */
  send(frame: Uint8Array): void;
  /** Ends the stream (a replaced read-only link, a shutdown); `retryMs` tells the client when to come back. */
  end(reason: string, retryMs?: number): void;
}
