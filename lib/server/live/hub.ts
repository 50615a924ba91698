import "server-only";
// One live hub per instance: it holds one bus subscription per board that has local streams and
// fans each message out to those streams in-process. Postgres is the truth: a periodic check (one
// query for all live boards) and a catch-up after every bus reconnect deliver whatever the bus lost.
import { createHash } from "node:crypto";
import { readEvents, readHeads } from "@/db/queries";
import { getStore } from "@/db/store";
import type { StoredEvent } from "@/lib/domain";
import { advanceBoard } from "../board-cache";
import { type Bus, busFromEnv } from "../bus";
import { log, redact } from "../log";
import type { RangeReader } from "./sequencer";

/** One open stream, as the hub sees it. */
export interface LiveSink {
  readonly boardId: string;
  /** Events for this board from the bus or a catch-up: possibly late, twice or out of order. */
  offer(events: readonly StoredEvent[]): void;
  /** Makes sure everything up to `version` reaches the client (it reads what it missed). */
  catchUpTo(version: number): void;
  /** The last version this stream sent, or undefined while it is still catching up. */
  settledVersion(): number | undefined;
  /** A keep-alive comment. */
  ping(): void;
  /** Set on a read-only stream: the view token it was opened with. */
  readonly viewToken?: string;
  /** Ends the stream (a replaced read-only link, a shutdown); `retryMs` tells the client when to come back. */
  end(reason: string, retryMs?: number): void;
}

export interface LiveOptions {
  /** How often every live board's head is compared with what its streams sent (lost publishes). */
  checkMs: number;
  /** Keep-alive comment interval (SSE proxies drop idle connections). */
  pingMs: number;
  /** How long attaching waits for the bus subscription before catching up anyway. */
  subscribeWaitMs: number;
}

export function liveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveOptions {
  return {
    checkMs: seconds(env.LIVE_CHECK_SECONDS, 5) * 1000,
    pingMs: Math.min(seconds(env.SSE_PING_SECONDS, 10), 15) * 1000,
    subscribeWaitMs: 1000,
  };
}

function seconds(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
}

const CHANNEL_PREFIX = "driftless:board:";
const READ_BATCH = 1000;
const SHARED_READ_TTL_MS = 2000;

interface Feed {
  readonly sinks: Set<LiveSink>;
  /** Resolves once the bus subscription is in place. */
  readonly subscribed: Promise<void>;
}

export interface LiveStats {
  readonly streams: number;
  readonly boards: number;
  readonly timers: number;
  readonly bus: Bus["kind"];
  readonly busConnected: boolean;
  /** Store reads made to fill gaps since start (shared reads count once). */
  readonly gapReads: number;
}

export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private streams = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private checking = false;
  private checkAgain = false;
  /** Gap reads in flight, shared by every stream of the instance that needs the same range. */
  private readonly reads = new Map<string, Promise<StoredEvent[]>>();
  private gapReads = 0;
  /** Events received in this turn of the event loop, by board, not yet fanned out. */
  private readonly undelivered = new Map<string, StoredEvent[]>();

  constructor(
    readonly bus: Bus,
    private readonly options: LiveOptions,
  ) {
    bus.onMessage((channel, message) => this.onBusMessage(channel, message));
    bus.onReconnect(() => void this.check("reconnect"));
  }

  /** Registers a stream; resolves when its board's bus subscription is in place (or waiting stopped). */
  async attach(sink: LiveSink): Promise<void> {
    let feed = this.feeds.get(sink.boardId);
    if (!feed) {
      const channel = CHANNEL_PREFIX + sink.boardId;
      const subscribed = this.bus.subscribe(channel).catch((error: unknown) => {
        log.warn("bus subscribe failed; the board relies on store checks", { board: redact(sink.boardId), error });
      });
      feed = { sinks: new Set(), subscribed };
      this.feeds.set(sink.boardId, feed);
    }
    feed.sinks.add(sink);
    this.streams++;
    this.startTimers();
    // While Redis is down a subscription never confirms: the periodic check covers that stream.
    await waitAtMost(feed.subscribed, this.options.subscribeWaitMs);
  }

  detach(sink: LiveSink): void {
    const feed = this.feeds.get(sink.boardId);
    if (!feed?.sinks.delete(sink)) return;
    this.streams--;
    if (feed.sinks.size === 0) {
      this.feeds.delete(sink.boardId);
      this.bus.unsubscribe(CHANNEL_PREFIX + sink.boardId).catch((error: unknown) => {
        log.warn("bus unsubscribe failed", { board: redact(sink.boardId), error });
      });
    }
    if (this.streams === 0) this.stopTimers();
  }

  /**
   * Called after a commit: local streams get the events at once, other instances through the bus.
   * Never throws: a failed publish is logged, and the other instances' checks deliver the events.
   */
  announce(boardId: string, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.bus.publish(CHANNEL_PREFIX + boardId, JSON.stringify({ events })).catch((error: unknown) => {
      log.warn("bus publish failed; other instances will catch up from the store", {
        board: redact(boardId),
        version: events[events.length - 1].version,
        error,
      });
    });
    // Off the command's path: thousands of local streams must not delay its answer.
    if (this.feeds.has(boardId)) this.deliverSoon(boardId, events);
  }

  /**
   * A reader for the streams' gap fills: streams of one board usually miss the same range at the
   * same moment (a lost message, a reconnect), and read it from the store once between them.
   */
  sharedReader(boardId: string): RangeReader {
    const reads = this.reads;
    const counted = () => this.gapReads++;
    return async function* (after, upTo) {
      const key = `${boardId}:${after}:${upTo}`;
      let read = reads.get(key);
      if (!read) {
        counted();
        read = (async () => {
          const events: StoredEvent[] = [];
          for await (const batch of readRange(boardId)(after, upTo)) events.push(...batch);
          return events;
        })();
        // Committed events never change: the answer stays good for the streams that arrive at the
        // same gap a moment later (their grace timers fire one after another).
        read.then(
          () => setTimeout(() => reads.delete(key), SHARED_READ_TTL_MS),
          () => reads.delete(key),
        );
        reads.set(key, read);
      }
      yield await read;
    };
  }

  stats(): LiveStats {
    return {
      streams: this.streams,
      boards: this.feeds.size,
      timers: (this.pingTimer ? 1 : 0) + (this.checkTimer ? 1 : 0),
      bus: this.bus.kind,
      busConnected: this.bus.connected(),
      gapReads: this.gapReads,
    };
  }

  /** Compares every live board's head with what its streams sent, and delivers what is missing. */
  async check(reason: "timer" | "reconnect"): Promise<void> {
    if (this.feeds.size === 0) return;
    if (this.checking) {
      // A reconnect during a check must not be lost: the running one may have read heads before it.
      if (reason === "reconnect") this.checkAgain = true;
      return;
    }
    this.checking = true;
    try {
      const { db } = await getStore();
      const heads = await readHeads(db, { boardIds: [...this.feeds.keys()] });
      for (const [boardId, { version: head, viewToken }] of heads) {
        const feed = this.feeds.get(boardId);
        if (!feed) continue;
        // A read-only link replaced while the bus was down still stops within one check.
        for (const sink of feed.sinks) if (sink.viewToken && sink.viewToken !== viewToken) sink.end("link replaced");
        let from = Number.POSITIVE_INFINITY;
        for (const sink of feed.sinks) {
          const sent = sink.settledVersion();
          if (sent !== undefined && sent < from) from = sent;
        }
        if (from < head) {
          if (reason === "timer") log.info("live check found undelivered events", { board: redact(boardId), head });
          // One read for the board, offered to every stream; each drops what it already sent.
          for await (const batch of readRange(boardId)(from, head)) this.fanOut(boardId, batch);
        }
        // Streams still catching up are told the head too: they read what they lack when done.
        for (const sink of feed.sinks) sink.catchUpTo(head);
      }
    } catch (error) {
      log.warn("live check failed", { reason, error });
    } finally {
      this.checking = false;
    }
    if (this.checkAgain) {
      this.checkAgain = false;
      await this.check("reconnect");
    }
  }

  /** Ends every stream with a `retry:` hint (shutdown): clients reconnect, to another instance. */
  endAll(retryMs: number): void {
    for (const feed of [...this.feeds.values()]) for (const sink of [...feed.sinks]) sink.end("shutdown", retryMs);
  }

  async close(): Promise<void> {
    this.stopTimers();
    this.feeds.clear();
    this.streams = 0;
    await this.bus.close();
  }

  private onBusMessage(channel: string, message: string): void {
    if (!channel.startsWith(CHANNEL_PREFIX)) return;
    const boardId = channel.slice(CHANNEL_PREFIX.length);
    if (!this.feeds.has(boardId)) return;
    let parsed: { events?: StoredEvent[]; revoked?: string };
    try {
      parsed = JSON.parse(message) as typeof parsed;
      if (!Array.isArray(parsed.events) && typeof parsed.revoked !== "string") throw new Error("unknown message");
    } catch (error) {
      log.warn("ignored a malformed bus message", { board: redact(boardId), error });
      return;
    }
    if (parsed.revoked) this.endShared(boardId, parsed.revoked);
    else if (parsed.events) this.deliverSoon(boardId, parsed.events);
  }

  /**
   * A board's read-only link was replaced: its open streams end here and on every instance.
   * The bus carries a hash of the old token, never the token.
   */
  revokeShare(boardId: string, oldViewToken: string): void {
    const revoked = tokenHash(oldViewToken);
    this.endShared(boardId, revoked);
    this.bus.publish(CHANNEL_PREFIX + boardId, JSON.stringify({ revoked })).catch((error: unknown) => {
      log.warn("bus publish of a replaced link failed; other instances end its streams at their next check", {
        board: redact(boardId),
        error,
      });
    });
  }

  private endShared(boardId: string, revoked: string): void {
    const feed = this.feeds.get(boardId);
    if (!feed) return;
    for (const sink of [...feed.sinks])
      if (sink.viewToken && tokenHash(sink.viewToken) === revoked) sink.end("link replaced");
  }

  /**
   * Fans events out at the end of this turn of the event loop, together with whatever else came
   * for the board in the same turn: under load, several bus messages arrive in one socket read,
   * and each stream then gets one write for all of them instead of one per event.
   */
  private deliverSoon(boardId: string, events: readonly StoredEvent[]): void {
    const waiting = this.undelivered.get(boardId);
    if (waiting) {
      waiting.push(...events);
      return;
    }
    this.undelivered.set(boardId, [...events]);
    if (this.undelivered.size === 1) setImmediate(() => this.deliverAll());
  }

  private deliverAll(): void {
    const boards = [...this.undelivered];
    this.undelivered.clear();
    for (const [boardId, events] of boards) {
      // Two instances' messages can cross: in version order, each once (streams drop repeats anyway).
      events.sort((a, b) => a.version - b.version);
      const unique = events.filter((event, index) => index === 0 || event.version !== events[index - 1].version);
      // Other instances' appends keep this instance's cached board current (its own already are).
      advanceBoard(boardId, unique);
      this.fanOut(boardId, unique);
    }
  }

  private fanOut(boardId: string, events: readonly StoredEvent[]): void {
    const feed = this.feeds.get(boardId);
    if (!feed) return;
    for (const sink of feed.sinks) sink.offer(events);
  }

  private startTimers(): void {
    this.pingTimer ??= setInterval(() => {
      for (const feed of this.feeds.values()) for (const sink of feed.sinks) sink.ping();
    }, this.options.pingMs);
    this.checkTimer ??= setInterval(() => void this.check("timer"), this.options.checkMs);
  }

  private stopTimers(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.checkTimer);
    this.pingTimer = undefined;
    this.checkTimer = undefined;
  }
}

/** A reader of one board's events from the store, in batches. */
export function readRange(boardId: string): RangeReader {
  return async function* (after, upTo) {
    const { db } = await getStore();
    let from = after;
    while (from < upTo) {
      const batch = await readEvents(db, { boardId, after: from, upTo, limit: READ_BATCH });
      if (batch.length === 0) return;
      yield batch;
      from = batch[batch.length - 1].version;
    }
  };
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 32);
}

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

const cache = globalThis as typeof globalThis & { __driftlessLive?: LiveHub };

/** The process-wide hub (cached on globalThis: Next's module copies share one bus connection). */
export function getHub(): LiveHub {
  cache.__driftlessLive ??= new LiveHub(busFromEnv(), liveOptionsFromEnv());
  return cache.__driftlessLive;
}

/** The hub if one was started (health, shutdown), without starting one. */
export function currentHub(): LiveHub | undefined {
  return cache.__driftlessLive;
}

export async function closeHub(): Promise<void> {
  const hub = cache.__driftlessLive;
  cache.__driftlessLive = undefined;
  await hub?.close();
}
