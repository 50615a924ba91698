import "server-only";
// The live layer of one instance, put together: one bus subscription per board with streams here
// (board-feeds), appends fanned out from it (appends), gaps read once for every stream
// (gap-reads), the store check (store-check), replaced links (share-revocation) and keep-alive
// comments (keep-alive) and who is here (presence). This file only wires them; each is its own
// module with its own tests. A new live capability is one more module given `feeds` (README,
// "Architecture").
import type { StoredEvent } from "@/lib/domain";
import { advanceBoard } from "../board-cache";
import { type Bus, busFromEnv } from "../bus";
import { presenceStoreFromEnv } from "../presence/from-env";
import { MemoryPresenceStore } from "../presence/memory-store";
import type { PresenceStore } from "../presence/store";
import { LiveAppends } from "./appends";
import { BoardFeeds, type StreamWatcher } from "./board-feeds";
import { SharedGapReads } from "./gap-reads";
import { keepAlive } from "./keep-alive";
import { Presence, type PresenceOptions, presenceOptionsFromEnv } from "./presence";
import type { RangeReader } from "./sequencer";
import { ShareRevocation } from "./share-revocation";
import type { LiveSink } from "./sink";
import { StoreCheck } from "./store-check";
import { type HeadsReader, readBoardHeads, readRange } from "./store-reads";
import type { StreamTimer } from "./stream-timer";

export type { LiveSink } from "./sink";

export interface LiveOptions {
  /** How often every live board's head is compared with what its streams sent (lost publishes). */
  checkMs: number;
  /** Keep-alive comment interval (SSE proxies drop idle connections). */
  pingMs: number;
  /** How long attaching waits for the bus subscription before catching up anyway. */
  subscribeWaitMs: number;
  /** Presence entries' life and refresh (PRESENCE_TTL_SECONDS). */
  presence: PresenceOptions;
}

export function liveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveOptions {
  return {
    checkMs: seconds(env.LIVE_CHECK_SECONDS, 5) * 1000,
    pingMs: Math.min(seconds(env.SSE_PING_SECONDS, 10), 15) * 1000,
    subscribeWaitMs: 1000,
    presence: presenceOptionsFromEnv(env),
  };
}

function seconds(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : fallback;
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

/** Where the live layer reads the store (tests stand it on something else). */
export interface LiveReads {
  readonly heads: HeadsReader;
  readonly range: (boardId: string) => RangeReader;
}

export class LiveHub {
  private readonly feeds: BoardFeeds;
  private readonly appends: LiveAppends;
  private readonly gaps: SharedGapReads;
  private readonly checks: StoreCheck;
  private readonly revocation: ShareRevocation;
  private readonly pings: StreamTimer;
  private readonly presence: Presence;

  constructor(
    readonly bus: Bus,
    options: LiveOptions,
    reads: LiveReads = { heads: readBoardHeads, range: readRange },
    presenceStore: PresenceStore = new MemoryPresenceStore(),
  ) {
    this.feeds = new BoardFeeds(bus, options.subscribeWaitMs);
    // Other instances' appends keep this instance's cached board current (its own already are).
    this.appends = new LiveAppends(this.feeds, bus, [advanceBoard]);
    this.gaps = new SharedGapReads(reads.range);
    this.checks = new StoreCheck(this.feeds, reads, options.checkMs);
    this.revocation = new ShareRevocation(this.feeds, this.checks);
    this.pings = keepAlive(this.feeds, options.pingMs);
    this.presence = new Presence(this.feeds, presenceStore, options.presence);
    bus.onReconnect(() => void this.checks.check("reconnect"));
  }

  /** Registers a stream; resolves when its board's bus subscription is in place (or waiting stopped). */
  attach(sink: LiveSink): Promise<void> {
    return this.feeds.attach(sink);
  }

  detach(sink: LiveSink): void {
    this.feeds.detach(sink);
  }

  /** A stream said `ready`: it gets the board's presence from now on. */
  ready(sink: LiveSink): void {
    this.presence.streamReady(sink);
  }

  /** Who has a board open, as this instance's streams are told. */
  presenceOf(boardId: string) {
    return this.presence.viewOf(boardId);
  }

  /** Follows the streams of this instance (a module such as presence). */
  watch(watcher: StreamWatcher): void {
    this.feeds.watch(watcher);
  }

  /** Called after a commit; never throws. */
  announce(boardId: string, events: readonly StoredEvent[]): void {
    this.appends.announce(boardId, events);
  }

  /** A board's gap reader for one stream, shared with the other streams of the instance. */
  sharedReader(boardId: string): RangeReader {
    return this.gaps.reader(boardId);
  }

  /** A board's read-only link was replaced: its streams end here and on every instance. */
  revokeShare(boardId: string, oldViewToken: string): void {
    this.revocation.revoke(boardId, oldViewToken);
  }

  /** Compares every live board's head with what its streams sent, and delivers what is missing. */
  check(reason: "timer" | "reconnect"): Promise<void> {
    return this.checks.check(reason);
  }

  stats(): LiveStats {
    return {
      ...this.feeds.counts(),
      timers: (this.pings.running ? 1 : 0) + (this.checks.running ? 1 : 0) + (this.presence.running ? 1 : 0),
      bus: this.bus.kind,
      busConnected: this.bus.connected(),
      gapReads: this.gaps.count,
    };
  }

  /** Ends every stream with a `retry:` hint (shutdown): clients reconnect, to another instance. */
  endAll(retryMs: number): void {
    for (const sink of [...this.feeds.all()]) sink.end("shutdown", retryMs);
  }

  async close(): Promise<void> {
    this.pings.stop();
    this.checks.stop();
    // Before the bus closes: the other instances hear that this one's people left.
    await this.presence.close();
    this.feeds.clear();
    await this.bus.close();
  }
}

const cache = globalThis as typeof globalThis & { __driftlessLive?: LiveHub };

/** The process-wide hub (cached on globalThis: Next's module copies share one bus connection). */
export function getHub(): LiveHub {
  cache.__driftlessLive ??= new LiveHub(busFromEnv(), liveOptionsFromEnv(), undefined, presenceStoreFromEnv());
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
