import "server-only";
// The anonymous visitor: an id kept in a cookie per browser, signed by the server so that it can
// be neither made up nor borrowed, and a display name the user sets. Events never carry the id:
// on each board the visitor is a pseudonym of it (a keyed hash of the board and the id), stable
// there, different on every other board, and not reversible to the cookie. See README, "Architecture".
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "@/lib/domain";

export const ACTOR_COOKIE = "driftless_actor";
/** Set by the page (readable by script): the display name, URI-encoded. */
export const NAME_COOKIE = "driftless_name";
export const ANONYMOUS = "Anonymous";
/** Characters (code points) of a display name at most. */
export const NAME_MAX = 50;

/** Derived from the deployment's secret (lib/server/actor-secret.ts). */
export interface ActorKeys {
  readonly signing: Buffer;
  readonly pseudonyms: Buffer;
}

export interface Visitor {
  /** The verified id. The rate limits count by it; nothing published carries it. */
  readonly id: string;
  readonly name: string;
  /** The cookie to set when the id was just made (no cookie, or one whose signature failed). */
  readonly newCookie: string | undefined;
  /** Who the visitor is on `boardId`, as events record it. */
  forBoard(boardId: string): Actor;
}

/** The cookie's value: the id and its signature, `<22 chars>.<43 chars>`. */
const SIGNED = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

function signature(keys: ActorKeys, id: string): Buffer {
  return createHmac("sha256", keys.signing).update(id).digest();
}

/**
 * What the keyed hashes of recent requests came to, per set of keys: every command verifies its
 * cookie and derives its pseudonym, and a person sends many (an HMAC costs more than the rest of
 * reading a request here). Only cookies that verified are kept, so made-up ones cannot crowd
 * them out; past `RECENT_MAX` entries the memory starts over.
 */
const recent = new WeakMap<ActorKeys, { verified: Map<string, string>; pseudonyms: Map<string, string> }>();
const RECENT_MAX = 10_000;

function recentOf(keys: ActorKeys) {
  let found = recent.get(keys);
  if (!found) {
    found = { verified: new Map(), pseudonyms: new Map() };
    recent.set(keys, found);
  }
  return found;
}

function remember(map: Map<string, string>, key: string, value: string): string {
  if (map.size >= RECENT_MAX) map.clear();
  map.set(key, value);
  return value;
}

/** The id a cookie carries, if the server signed it. */
function verifiedId(keys: ActorKeys, cookie: string | undefined): string | undefined {
  if (cookie === undefined) return undefined;
  const { verified } = recentOf(keys);
  const known = verified.get(cookie);
  if (known !== undefined) return known;
  const match = SIGNED.exec(cookie);
  if (!match) return undefined;
  const given = Buffer.from(match[2], "base64url");
  const expected = signature(keys, match[1]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return remember(verified, cookie, match[1]);
}

/** A new id and the cookie value that carries it. */
export function newActorCookie(keys: ActorKeys): { id: string; value: string } {
  const id = randomBytes(16).toString("base64url");
  return { id, value: `${id}.${signature(keys, id).toString("base64url")}` };
}

/** The visitor's id on one board: 22 base64url characters, the same on that board every time. */
export function boardPseudonym(keys: ActorKeys, boardId: string, id: string): string {
  const input = `${boardId}\n${id}`;
  const { pseudonyms } = recentOf(keys);
  return (
    pseudonyms.get(input) ??
    remember(pseudonyms, input, createHmac("sha256", keys.pseudonyms).update(input).digest("base64url").slice(0, 22))
  );
}

/** The visitor a request's cookies describe; one with a new id when its cookie is missing or not signed by us. */
export function visitorFrom(cookie: (name: string) => string | undefined, keys: ActorKeys): Visitor {
  const name = displayName(cookie(NAME_COOKIE));
  const existing = verifiedId(keys, cookie(ACTOR_COOKIE));
  const made = existing === undefined ? newActorCookie(keys) : undefined;
  const id = existing ?? (made as { id: string }).id;
  return {
    id,
    name,
    newCookie: made?.value,
    forBoard: (boardId) => ({ id: boardPseudonym(keys, boardId, id), name }),
  };
}

export function displayName(raw: string | undefined): string {
  if (!raw) return ANONYMOUS;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return ANONYMOUS;
  }
  // Cut by code points, not UTF-16 units: a cut through an emoji would leave half of it, a lone
  // surrogate, which Postgres refuses in JSON (every event records the name).
  const clean = Array.from(decoded.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim())
    .slice(0, NAME_MAX)
    .join("")
    .trim();
  return clean || ANONYMOUS;
}

/** The actor cookie's attributes, for a response to a request over HTTPS or not. */
export function actorCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 400, secure } as const;
}
