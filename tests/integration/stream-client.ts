// A stream reader for tests, built on the `eventsource` package (a client nobody here wrote):
// it records what a browser's EventSource would see, in order, across reconnects.
import { EventSource, type FetchLike } from "eventsource";
import type { StoredEvent } from "@/lib/domain";

export type Seen =
  | { readonly kind: "event"; readonly version: number; readonly event: StoredEvent }
  | { readonly kind: "ready" | "reset"; readonly version: number };

/** What an `event: presence` frame says (README, "Presence"). */
export interface PresenceSeen {
  readonly people: { readonly id: string; readonly name: string }[];
  readonly viewers: number;
  /** Whether `ready` had come before it on this connection. */
  readonly afterReady: boolean;
}

export class StreamReader {
  readonly seen: Seen[] = [];
  /** The presence frames, in arrival order (apart from `seen`: they are not versions). */
  readonly presence: PresenceSeen[] = [];
  readonly source: EventSource;
  opens = 0;
  errors = 0;

  constructor(url: string, options: { fetch?: FetchLike } = {}) {
    this.source = new EventSource(url, options);
    this.source.onerror = () => {
      this.errors++;
    };
    this.source.onmessage = (message) => {
      const event = JSON.parse(message.data) as StoredEvent;
      this.seen.push({ kind: "event", version: event.version, event });
    };
    let readyHere = false;
    this.source.onopen = () => {
      this.opens++;
      readyHere = false;
    };
    this.source.addEventListener("ready", () => {
      readyHere = true;
    });
    this.source.addEventListener("presence", (message) => {
      this.presence.push({ ...(JSON.parse(message.data) as Omit<PresenceSeen, "afterReady">), afterReady: readyHere });
    });
    for (const kind of ["ready", "reset"] as const) {
      this.source.addEventListener(kind, (message) => {
        this.seen.push({ kind, version: (JSON.parse(message.data) as { version: number }).version });
      });
    }
  }

  /** Versions of the domain events received, in arrival order. */
  versions(): number[] {
    return this.seen.flatMap((entry) => (entry.kind === "event" ? [entry.version] : []));
  }

  last(): number {
    return this.versions().at(-1) ?? 0;
  }

  async until(predicate: (reader: StreamReader) => boolean, { timeoutMs = 10_000, what = "condition" } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; saw ${JSON.stringify(this.seen.map(({ kind, version }) => [kind, version]))}` +
            ` and presence ${JSON.stringify(this.presence.at(-1))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  untilVersion(version: number, timeoutMs?: number) {
    return this.until((reader) => reader.last() >= version, { timeoutMs, what: `version ${version}` });
  }

  untilReady(timeoutMs?: number) {
    return this.until((reader) => reader.seen.some((entry) => entry.kind === "ready"), { timeoutMs, what: "ready" });
  }

  /** Waits until the last presence frame satisfies `predicate`. */
  untilPresence(predicate: (presence: PresenceSeen) => boolean, timeoutMs = 10_000) {
    return this.until(
      (reader) => {
        const last = reader.presence.at(-1);
        return last !== undefined && predicate(last);
      },
      { timeoutMs, what: "presence" },
    );
  }

  /** The names in the last presence frame. */
  names(): string[] {
    return this.presence.at(-1)?.people.map((person) => person.name) ?? [];
  }

  close() {
    this.source.close();
  }
}

/** 1..n, for comparing with what a reader saw. */
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
