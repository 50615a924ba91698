import "server-only";
// What a page request gets before it renders (proxy.ts): a visitor without a signed actor cookie
// is given one, on the response and on the request the page renders from, so that the page knows
// the visitor's actor on its board at render time (session.ts `boardActorFor`).
import { type NextRequest, NextResponse } from "next/server";
import { ACTOR_COOKIE, actorCookieOptions, visitorFrom } from "./actor";
import { actorKeysIfReady } from "./actor-secret";
import { isHttps } from "./client-address";

export function pageVisit(request: NextRequest): NextResponse {
  // Read at start-up (instrumentation.ts); a page that comes before gets its cookie from its first change.
  const keys = actorKeysIfReady();
  const visitor = keys && visitorFrom((name) => request.cookies.get(name)?.value, keys);
  if (!visitor?.newCookie) return NextResponse.next();
  request.cookies.set(ACTOR_COOKIE, visitor.newCookie);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(ACTOR_COOKIE, visitor.newCookie, actorCookieOptions(isHttps(request.headers, request.url)));
  return response;
}
