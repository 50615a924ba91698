import "server-only";
// The instance's bus subscriptions: ONE per board that has streams here, taken when its first
// stream opens and dropped when its last one ends, and the bus messages for those boards handed
// to the module that owns their kind. Other modules follow a board's streams through `watch`
// (README, "Architecture": the live layer).
import type { Bus } from "../bus";
import { log, redact } from "../log";
import { boardChannel, boardOfChannel, decodeMessage, encodeMessage } from "./bus-messages";
import type { LiveSink } from "./sink";

/** What a module of the live layer hears about the streams of this instance. */
export interface StreamWatcher {
  /** The first stream of `boardId` opened here. */
  boardOpened?(boardId: string): void;
  /** The last stream of `boardId` here ended. */
  boardClosed?(boardId: string): void;
  streamAttached?(sink: LiveSink): void;
  streamDetached?(sink: LiveSink): void;
}

/** Handles the value of one kind of bus message for a board with streams here. */
export type MessageHandler = (boardId: string, value: unknown) => void;

interface Feed {
  readonly sinks: Set<LiveSink>;
  /** Resolves once the bus subscription is in place. */
  readonly subscribed: Promise<void>;
}

export class BoardFeeds {
  private readonly feeds = new Map<string, Feed>();
  private readonly handlers = new Map<string, MessageHandler>();
  private readonly watchers: StreamWatcher[] = [];
  private streams = 0;

  constructor(
    private readonly bus: Bus,
    /** How long attaching waits for the bus subscription before the stream catches up anyway. */
    private readonly subscribeWaitMs: number,
  ) {
    bus.onMessage((channel, message) => this.onMessage(channel, message));
  }

  /** Registers a stream; resolves when its board's subscription is in place (or waiting stopped). */
  async attach(sink: LiveSink): Promise<void> {
    let feed = this.feeds.get(sink.boardId);
    const first = !feed;
    if (!feed) {
      const subscribed = this.bus.subscribe(boardChannel(sink.boardId)).catch((error: unknown) => {
        log.warn("bus subscribe failed; the board relies on store checks", { board: redact(sink.boardId), error });
      });
      feed = { sinks: new Set(), subscribed };
      this.feeds.set(sink.boardId, feed);
    }
    feed.sinks.add(sink);
    this.streams++;
    if (first) for (const watcher of this.watchers) watcher.boardOpened?.(sink.boardId);
    for (const watcher of this.watchers) watcher.streamAttached?.(sink);
    // While Redis is down a subscription never confirms: the store check covers that stream.
    await waitAtMost(feed.subscribed, this.subscribeWaitMs);
  }

  detach(sink: LiveSink): void {
    const feed = this.feeds.get(sink.boardId);
    if (!feed?.sinks.delete(sink)) return;
    this.streams--;
    for (const watcher of this.watchers) watcher.streamDetached?.(sink);
    if (feed.sinks.size > 0) return;
    this.feeds.delete(sink.boardId);
    this.bus.unsubscribe(boardChannel(sink.boardId)).catch((error: unknown) => {
      log.warn("bus unsubscribe failed", { board: redact(sink.boardId), error });
    });
    for (const watcher of this.watchers) watcher.boardClosed?.(sink.boardId);
  }

  watch(watcher: StreamWatcher): void {
    this.watchers.push(watcher);
  }

  /** Hands every message of `kind` for a board with streams here to `handler` (one owner per kind). */
  handle(kind: string, handler: MessageHandler): void {
    if (this.handlers.has(kind)) throw new Error(`bus messages of kind ${kind} already have an owner`);
    this.handlers.set(kind, handler);
  }

  /** Sends a message of `kind` (its value as JSON text) to every instance with streams of the board. */
  publish(boardId: string, kind: string, valueJson: string): Promise<void> {
    return this.bus.publish(boardChannel(boardId), encodeMessage(kind, valueJson));
  }

  /** The streams of a board on this instance (none: an empty set). */
  sinks(boardId: string): ReadonlySet<LiveSink> {
    return this.feeds.get(boardId)?.sinks ?? NONE;
  }

  has(boardId: string): boolean {
    return this.feeds.has(boardId);
  }

  boards(): string[] {
    return [...this.feeds.keys()];
  }

  /** Every stream of the instance. */
  *all(): Iterable<LiveSink> {
    for (const feed of this.feeds.values()) yield* feed.sinks;
  }

  counts(): { streams: number; boards: number } {
    return { streams: this.streams, boards: this.feeds.size };
  }

  /** Forgets every stream without telling anyone (the instance is closing). */
  clear(): void {
    this.feeds.clear();
    this.streams = 0;
  }

  private onMessage(channel: string, text: string): void {
    const boardId = boardOfChannel(channel);
    if (boardId === undefined || !this.feeds.has(boardId)) return;
    const message = decodeMessage(text);
    const handler = message && this.handlers.get(message.kind);
    if (!message || !handler) {
      log.warn("ignored a malformed bus message", { board: redact(boardId) });
      return;
    }
    handler(boardId, message.value);
  }
}

const NONE: ReadonlySet<LiveSink> = new Set();

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
