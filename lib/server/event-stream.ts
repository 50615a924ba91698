import "server-only";
// The HTTP edge of the event streams (README, "The event stream"): the request's start position
// and place among the instance's streams, the board it asks for, the response. The stream itself
// is live/board-stream.ts, which knows nothing of headers.
import type { Rejection } from "@/lib/domain";
import { BOARD_ID } from "./boards";
import { clientAddress } from "./client-address";
import { type Connection, connectionOf } from "./connections";
import { unknownBoard } from "./errors";
import { INTEGER_MAX, intParam, rejection, visitorOf, wholeNumber } from "./http";
import { BoardStream, streamBody } from "./live/board-stream";
import { getHub } from "./live/hub";
import { storeCatchUp } from "./live/store-reads";
import { StreamSlots } from "./live/stream-slots";
import type { Person } from "./presence/store";
import { getLimiter } from "./rate-limit";
import { boardOfViewToken, notShared } from "./share";

/** What the browser waits before reconnecting after a stream that ended on purpose. */
const PLANNED_END_RETRY_MS = 250;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

function maxLifetimeMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SSE_MAX_SECONDS);
  return (env.SSE_MAX_SECONDS && Number.isFinite(value) && value > 0 ? value : 300) * 1000;
}

/** `GET /api/boards/:boardId/events`. */
export async function boardEventStream(request: Request, boardId: string): Promise<Response> {
  if (!BOARD_ID.test(boardId)) return rejection(unknownBoard);
  return eventStream(request, boardId, undefined, await personOf(request, boardId));
}

/**
 * Who is present with this stream: the visitor as the board knows them, named by the name cookie
 * as it is when the stream opens. A request without a signed actor cookie (not from a board page,
 * which gets one before it renders) is counted as a viewer, never named (README, "Presence").
 */
async function personOf(request: Request, boardId: string): Promise<Person | undefined> {
  const visitor = await visitorOf(request);
  return visitor.newCookie ? undefined : visitor.forBoard(boardId);
}

/** `GET /api/share/:viewToken/events`: the same stream, the board found from its view token. */
export async function sharedEventStream(request: Request, viewToken: string): Promise<Response> {
  const boardId = await boardOfViewToken(viewToken);
  if (!boardId) return rejection(notShared);
  return eventStream(request, boardId, viewToken);
}

const shared = globalThis as typeof globalThis & { __driftlessSlots?: StreamSlots };

/** The instance's places for streams (limits read when the first stream opens). */
function streamSlots(): StreamSlots {
  const { streamsPerIp, streamsPerInstance } = getLimiter().limits;
  shared.__driftlessSlots ??= new StreamSlots({ perAddress: streamsPerIp, perInstance: streamsPerInstance });
  return shared.__driftlessSlots;
}

/** Where the client resumes: `Last-Event-ID` (set by EventSource on reconnect) wins over `?after`. */
export function startPosition(request: Request): { ok: true; value: number } | { ok: false; rejection: Rejection } {
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null && lastEventId.trim() !== "") {
    const value = wholeNumber(lastEventId.trim());
    if (value === undefined) {
      return {
        ok: false,
        rejection: { code: "invalid", reason: `Last-Event-ID must be a version number from 0 to ${INTEGER_MAX}.` },
      };
    }
    return { ok: true, value };
  }
  const after = intParam(new URL(request.url), "after", { fallback: 0 });
  return after.ok ? { ok: true, value: after.value ?? 0 } : after;
}

/**
 * A place for one more stream from the request's address. It is given back when the response
 * has really ended; where the connection is not known (a handler called directly, in tests), when
 * the stream calls `release`.
 */
function takePlace(
  request: Request,
): { ok: true; connection: Connection | undefined; release: () => void } | { ok: false; rejection: Rejection } {
  const slot = streamSlots().take(clientAddress(request.headers));
  if (!slot.ok) return slot;
  const connection = connectionOf(request.headers);
  if (!connection) return { ok: true, connection, release: slot.release };
  void connection.ended.then(slot.release);
  return { ok: true, connection, release: () => {} };
}

const endedWhileOpening: Rejection = {
  code: "unavailable",
  reason: "The stream ended before it started; connect again.",
};

async function eventStream(request: Request, boardId: string, viewToken?: string, person?: Person): Promise<Response> {
  const start = startPosition(request);
  if (!start.ok) return rejection(start.rejection);
  const place = takePlace(request);
  if (!place.ok) return rejection(place.rejection, undefined, { "Retry-After": "10" });
  const { connection, release } = place;
  let streaming = false;
  try {
    const client = { signal: request.signal, owner: request, connection, release, viewToken, person };
    const timing = { lifetimeMs: maxLifetimeMs(), plannedEndRetryMs: PLANNED_END_RETRY_MS };
    const stream = new BoardStream(boardId, start.value, getHub(), storeCatchUp, client, timing);
    // Subscribed and caught up before answering: an unknown board is a 404 in JSON, not a stream.
    const opened = await stream.open();
    if (opened === "unknown") return rejection(viewToken ? notShared : unknownBoard);
    if (opened === "gone") {
      // The client left (nobody reads this), or the server ended the stream while it opened (a
      // shutdown, a replaced link): then the client should come back, to find out which.
      if (request.signal.aborted) return new Response(null, { status: 204 });
      return rejection(endedWhileOpening, undefined, { "Retry-After": "1" });
    }
    streaming = true;
    return new Response(streamBody(stream), { headers: SSE_HEADERS });
  } finally {
    if (!streaming) release();
  }
}
