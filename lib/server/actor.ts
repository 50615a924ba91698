import "server-only";
// The anonymous actor: an id kept in a cookie per browser, and a display name the user sets.
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/domain";

export const ACTOR_COOKIE = "driftless_actor";
/** Set by the page (readable by script): the display name, URI-encoded. */
export const NAME_COOKIE = "driftless_name";
export const ANONYMOUS = "Anonymous";
export const NAME_MAX = 50;

const ACTOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface ResolvedActor {
  readonly actor: Actor;
  /** The id was just made: the caller must set the cookie on its response. */
  readonly isNew: boolean;
}

export function resolveActor(cookie: (name: string) => string | undefined): ResolvedActor {
  const existing = cookie(ACTOR_COOKIE);
  const name = displayName(cookie(NAME_COOKIE));
  if (existing && ACTOR_ID.test(existing)) return { actor: { id: existing, name }, isNew: false };
  return { actor: { id: randomBytes(12).toString("base64url"), name }, isNew: true };
}

export function displayName(raw: string | undefined): string {
  if (!raw) return ANONYMOUS;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return ANONYMOUS;
  }
  const clean = decoded
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .trim()
    .slice(0, NAME_MAX);
  return clean || ANONYMOUS;
}

export const actorCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 400,
} as const;

/**
 * The current request's actor as board `boardId`'s events name it (the board page tells the
 * browser who it is, so that its predictions match the server's decisions), or null when the
 * browser has no actor yet: a page cannot set the cookie; its first command will.
 * Today the id is the cookie's on every board; the board is a parameter for when it is not.
 */
export async function boardActorFor(_boardId: string): Promise<Actor | null> {
  const jar = await cookies();
  const id = jar.get(ACTOR_COOKIE)?.value;
  if (!id || !ACTOR_ID.test(id)) return null;
  return { id, name: displayName(jar.get(NAME_COOKIE)?.value) };
}
