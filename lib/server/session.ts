import "server-only";
// The visitor of a server action or a server component, from Next's request cookies (route
// handlers read theirs in http.ts; both go through actor.ts `visitorFrom`).
import { cookies, headers } from "next/headers";
import type { Actor, Rejection } from "@/lib/domain";
import { ACTOR_COOKIE, actorCookieOptions, type Visitor, visitorFrom } from "./actor";
import { actorKeys } from "./actor-secret";
import { isHttps } from "./client-address";
import { crossSiteRefusal } from "./cross-site";

/**
 * The rejection of a server action another site made a browser send, by the rule the routes
 * apply (cross-site.ts), on top of Next's own check of the Origin's host.
 */
export async function actionCrossSiteRefusal(): Promise<Rejection | undefined> {
  return crossSiteRefusal(await headers());
}

/** The current visitor; a new one gets its cookie (cookies can be set in server actions only). */
export async function actionVisitor(): Promise<Visitor> {
  const [jar, requestHeaders, keys] = await Promise.all([cookies(), headers(), actorKeys()]);
  const visitor = visitorFrom((name) => jar.get(name)?.value, keys);
  if (visitor.newCookie) jar.set(ACTOR_COOKIE, visitor.newCookie, actorCookieOptions(isHttps(requestHeaders)));
  return visitor;
}

/**
 * Who the visitor is on `boardId` (`{ id: <pseudonym>, name }`, as its events will say), for a
 * server component. proxy.ts gives a first visit its cookie before the page renders; undefined
 * when the request still has none the server signed (it came before the server could sign one).
 */
export async function boardActorFor(boardId: string): Promise<Actor | undefined> {
  const [jar, keys] = await Promise.all([cookies(), actorKeys()]);
  const visitor = visitorFrom((name) => jar.get(name)?.value, keys);
  return visitor.newCookie ? undefined : visitor.forBoard(boardId);
}
