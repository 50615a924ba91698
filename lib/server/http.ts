import "server-only";
// The edge helpers of route handlers: bounded JSON bodies, the Origin check, the visitor, responses, errors.
import type { Rejection } from "@/lib/domain";
import { utf16ByMark } from "@/lib/domain/byte-order-mark";
import { ACTOR_COOKIE, actorCookieOptions, NAME_COOKIE, type Visitor, visitorFrom } from "./actor";
import { actorKeys } from "./actor-secret";
import { isHttps } from "./client-address";
import { crossSiteRefusal } from "./cross-site";
import { isStoreUnavailable, statusOf } from "./errors";
import { log } from "./log";
import { isDraining, tracked } from "./shutdown";

const MB = 1024 * 1024;
/** The most a request body may hold (an import's may hold more: IMPORT_BODY_LIMIT). */
export const BODY_LIMIT = MB;

/** Decode a whole body at a time (no `stream` option), so one decoder of each serves every request. */
const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf16 = {
  "utf-16le": new TextDecoder("utf-16le", { fatal: true }),
  "utf-16be": new TextDecoder("utf-16be", { fatal: true }),
};

/**
 * A body is UTF-8, or UTF-16 when it starts with that encoding's byte order mark: a file saved so
 * by an editor is sent as it is by `curl --data-binary` (README, "HTTP API").
 */
function decoderFor(body: Uint8Array): TextDecoder {
  const marked = utf16ByMark(body);
  return marked ? utf16[marked] : utf8;
}

type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly rejection: Rejection };

/**
 * Reads a JSON body of at most `limit` bytes (1 MB unless said), counting bytes as they arrive
 * (Content-Length may lie or be absent); over it, the answer says the limit in words (413).
 */
export async function readJsonBody(
  request: Request,
  { limit = BODY_LIMIT, what = "The request body" }: { limit?: number; what?: string } = {},
): Promise<BodyResult> {
  // Worded only when refused: formatting a number for a locale costs more than reading a command.
  const refused = (): BodyResult => ({
    ok: false,
    rejection: {
      code: "too_large",
      reason: `${what} is larger than ${(limit / MB).toLocaleString("en-US")} MB, the most this server takes.`,
    },
  });
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) return refused();
  if (!request.body) return { ok: false, rejection: { code: "invalid", reason: "The request has no body." } };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return refused();
    }
    chunks.push(value);
  }
  let text: string;
  const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  const decoder = decoderFor(body);
  try {
    text = decoder.decode(body);
  } catch {
    const encoding = decoder === utf8 ? "UTF-8" : "UTF-16, as its byte order mark says";
    return { ok: false, rejection: { code: "invalid", reason: `The request body is not valid ${encoding}.` } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, rejection: { code: "invalid", reason: "The request body is not valid JSON." } };
  }
}

/** Cross-site POSTs are refused (cross-site.ts: the same rule as the server actions'). */
export function checkOrigin(request: Request): Rejection | undefined {
  return crossSiteRefusal(request.headers, request.url);
}

/** Below this length (in characters) an answer goes out uncompressed: gzip would cost more than it saves. */
const COMPRESS_FROM = 1024;

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const text = JSON.stringify(body);
  // `no-transform` is what keeps Next's gzip off a small answer (a command's outcome, a health check).
  const cacheControl = text.length < COMPRESS_FROM ? "no-store, no-transform" : "no-store";
  return new Response(text, {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": cacheControl, ...headers },
  });
}

export function rejection(rejection: Rejection, extra?: Record<string, unknown>, headers?: HeadersInit): Response {
  return json(
    { status: "rejected", ...extra, code: rejection.code, reason: rejection.reason },
    statusOf(rejection.code),
    headers,
  );
}

/** The request's visitor, and a function that sets its cookie on a response when it was just made. */
export async function visitorOf(request: Request): Promise<Visitor & { withCookie(response: Response): Response }> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const visitor = visitorFrom((name) => cookies.get(name), await actorKeys());
  return {
    ...visitor,
    withCookie(response) {
      if (visitor.newCookie) response.headers.append("Set-Cookie", serializeActorCookie(visitor.newCookie, request));
      return response;
    },
  };
}

function serializeActorCookie(value: string, request: Request): string {
  const { path, maxAge, sameSite, secure } = actorCookieOptions(isHttps(request.headers, request.url));
  return `${ACTOR_COOKIE}=${value}; Path=${path}; Max-Age=${maxAge}; SameSite=${sameSite}; HttpOnly${secure ? "; Secure" : ""}`;
}

/** "Forget everything on this device": the next person at a shared computer gets a new identity. */
export function expireDeviceCookies(request: Request, response: Response): Response {
  const { path, sameSite, secure } = actorCookieOptions(isHttps(request.headers, request.url));
  const flags = `Path=${path}; Max-Age=0; SameSite=${sameSite}${secure ? "; Secure" : ""}`;
  response.headers.append("Set-Cookie", `${ACTOR_COOKIE}=; ${flags}; HttpOnly`);
  response.headers.append("Set-Cookie", `${NAME_COOKIE}=; ${flags}`);
  return response;
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

/**
 * Runs a route handler body; a failure becomes a JSON answer and one log line, never a stack
 * trace: 503 when the store is unreachable (clients keep the command queued), 500 otherwise.
 */
export async function guard(route: string, handler: () => Promise<Response>): Promise<Response> {
  if (isDraining()) {
    // Shutting down: the client keeps its command queued and retries (on another instance).
    return rejection({ code: "unavailable", reason: "This server is restarting; try again in a moment." }, undefined, {
      "Retry-After": "1",
      Connection: "close",
    });
  }
  try {
    // Counted while it runs (not only its commands): a shutdown waits for every answer in progress.
    return await tracked(handler);
  } catch (error) {
    if (isStoreUnavailable(error)) {
      log.warn("store unavailable", { route, error });
      return rejection({ code: "unavailable", reason: "The board store is unreachable right now; try again shortly." });
    }
    log.error("request failed", { route, error });
    return json({ status: "error", reason: "Something went wrong on the server." }, 500);
  }
}

/** The largest number a version, a position or a limit may be: a Postgres integer. */
export const INTEGER_MAX = 2 ** 31 - 1;

/**
 * A non-negative whole number written in decimal digits (a version, a limit) that fits a Postgres
 * integer, or undefined: a bigger one would reach a query and fail there, as a 500.
 */
export function wholeNumber(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value <= INTEGER_MAX ? value : undefined;
}

/** A non-negative integer query parameter; absent → `fallback`; anything else is a rejection. */
export function intParam(
  url: URL,
  name: string,
  { fallback, min = 0, max = INTEGER_MAX }: { fallback?: number; min?: number; max?: number },
): { ok: true; value: number | undefined } | { ok: false; rejection: Rejection } {
  const raw = url.searchParams.get(name);
  if (raw === null) return { ok: true, value: fallback };
  const value = wholeNumber(raw);
  if (value === undefined || value < min || value > max) {
    return {
      ok: false,
      rejection: { code: "invalid", reason: `"${name}" must be a whole number from ${min} to ${max}.` },
    };
  }
  return { ok: true, value };
}
