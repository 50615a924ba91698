import "server-only";
// The Redis bus: ONE subscriber connection and ONE publisher per instance, whatever the number of
// streams. A publish waits a moment for a (re)connecting publisher, never longer (no unbounded
// offline queue): past that the message is dropped and logged, and the live hubs' store checks
// deliver the events anyway.
import { Redis } from "ioredis";
import { log } from "../log";
import type { Bus } from "./index";

/** Longer than ioredis' longest reconnect back-off (2 s), so a publish outlives a blip. */
const PUBLISH_WAIT_MS = 3000;

export class RedisBus implements Bus {
  readonly kind = "redis";
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly reconnectHandlers = new Set<() => void>();
  private publisherReady: Promise<void> | undefined;
  private subscriberWasReady = false;
  private down = false;

  constructor(url: string) {
    const common = {
      connectionName: "driftless",
      lazyConnect: false,
      // Back off to at most 2 s between attempts, so a Redis that is back is used again quickly.
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 2000),
    } as const;
    // Auto-pipelining: publishes made in the same turn of the event loop leave in one write.
    this.publisher = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
    });
    // Subscribe commands wait for the connection; ioredis re-subscribes every channel on reconnect.
    this.subscriber = new Redis(url, { ...common, maxRetriesPerRequest: null, autoResubscribe: true });
    for (const [role, connection] of [
      ["publisher", this.publisher],
      ["subscriber", this.subscriber],
    ] as const) {
      connection.on("error", (error: Error) => {
        // One line per outage, not one per retry.
        if (!this.down) log.warn("redis bus error", { role, error });
        if (role === "subscriber") this.down = true;
      });
    }
    this.subscriber.on("close", () => {
      if (this.subscriberWasReady && !this.down) log.warn("redis bus disconnected; streams fall back to store checks");
      this.down = true;
    });
    this.subscriber.on("ready", () => {
      // Also on the first ready: streams may have opened (and caught up) while Redis was not there.
      if (this.subscriberWasReady) log.info("redis bus reconnected; catching up every live board from the store");
      this.subscriberWasReady = true;
      this.down = false;
      // ioredis sends the re-SUBSCRIBEs right after "ready"; a PING answered after them means the
      // subscriptions are in place, so the catch-up read cannot miss a message sent meanwhile.
      this.subscriber
        .ping()
        .catch(() => undefined)
        .then(() => {
          for (const handler of this.reconnectHandlers) handler();
        });
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.publisher.status !== "ready") await this.untilPublisherReady();
    await this.publisher.publish(channel, message);
  }

  /** Resolves when the publisher is ready or PUBLISH_WAIT_MS passed; one listener however many wait. */
  private untilPublisherReady(): Promise<void> {
    this.publisherReady ??= new Promise<void>((resolve) => {
      this.publisher.once("ready", () => {
        this.publisherReady = undefined;
        resolve();
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, PUBLISH_WAIT_MS);
    });
    return Promise.race([this.publisherReady, timeout]).finally(() => clearTimeout(timer));
  }

  async subscribe(channel: string): Promise<void> {
    await this.subscriber.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    await this.subscriber.unsubscribe(channel);
  }

  onMessage(handler: (channel: string, message: string) => void): void {
    this.subscriber.on("message", handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.add(handler);
  }

  connected(): boolean {
    return this.subscriber.status === "ready" && this.publisher.status === "ready";
  }

  async close(): Promise<void> {
    this.reconnectHandlers.clear();
    // QUIT waits for the connection; when Redis is down, do not wait for it.
    const quit = Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
    await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
