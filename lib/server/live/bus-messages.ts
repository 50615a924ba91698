// What the live layer says on a board's bus channel: one JSON object whose one key names its
// kind — `{"events":[…]}` (appends), `{"revoked":"…"}` (a replaced read-only link) — and whose
// value belongs to the module that owns that kind (README, "Several instances").

import { BOARD_CHANNEL_PREFIX as CHANNEL_PREFIX } from "../redis-keys";

/** The bus channel of one board (every instance with streams of it subscribes). */
export function boardChannel(boardId: string): string {
  return CHANNEL_PREFIX + boardId;
}

/** The board a channel belongs to, or undefined for a channel that is not a board's. */
export function boardOfChannel(channel: string): string | undefined {
  return channel.startsWith(CHANNEL_PREFIX) ? channel.slice(CHANNEL_PREFIX.length) : undefined;
}

export interface BusMessage {
  readonly kind: string;
  readonly value: unknown;
}

/** A message of `kind` whose value is already JSON text (events encode themselves once). */
export function encodeMessage(kind: string, valueJson: string): string {
  return `{${JSON.stringify(kind)}:${valueJson}}`;
}

/** The kind and value of a message, or undefined when it is not one object with one key. */
export function decodeMessage(text: string): BusMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1) return undefined;
  return { kind: keys[0], value: (parsed as Record<string, unknown>)[keys[0]] };
}
