import "server-only";
// What a page request gets before it renders (proxy.ts): its Content-Security-Policy with a fresh
// nonce, HSTS when it came over HTTPS, and for a visitor without a signed actor cookie a new one,
// set on the response and on the request the page renders from, so that the page knows the
// visitor's actor on its board at render time (session.ts `boardActorFor`).
import { type NextRequest, NextResponse } from "next/server";
import { ACTOR_COOKIE, actorCookieOptions, visitorFrom } from "./actor";
import { actorKeysIfReady } from "./actor-secret";
import { isHttps } from "./client-address";
import { newNonce, pagePolicy } from "./content-security-policy";

/** A year: browsers that saw the site over HTTPS keep to HTTPS. Subdomains are left to their owners. */
const HSTS = "max-age=31536000";

export function pageVisit(request: NextRequest): NextResponse {
  // Read at start-up (instrumentation.ts); a page that comes before gets its cookie from its first change.
  const keys = actorKeysIfReady();
  const visitor = keys && visitorFrom((name) => request.cookies.get(name)?.value, keys);
  if (visitor?.newCookie) request.cookies.set(ACTOR_COOKIE, visitor.newCookie);
  const policy = pagePolicy(newNonce());
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const https = isHttps(request.headers, request.url);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  if (visitor?.newCookie) response.cookies.set(ACTOR_COOKIE, visitor.newCookie, actorCookieOptions(https));
  return response;
}
