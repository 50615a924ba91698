import "server-only";
// The one rule for every state-changing request, route handlers and server actions alike: a
// browser says where a request comes from (`Sec-Fetch-Site`): same-origin passes, another site
// only when its `Origin` is one of ALLOWED_ORIGINS. A browser that does not say has its `Origin`
// compared whole — scheme, host and port — with the request's own origin and ALLOWED_ORIGINS.
// A request with neither (a script, curl) carries no one's cookies but its own, and may pass.
import type { Rejection } from "@/lib/domain";
import { requestOrigin } from "./client-address";

const refused: Rejection = { code: "forbidden", reason: "Requests from another site are not allowed." };

/** The rejection of a request another site made a browser send, or undefined. */
export function crossSiteRefusal(headers: Headers, url?: string): Rejection | undefined {
  const site = headers.get("sec-fetch-site");
  // Trusted first: it says what the browser knows, whatever a proxy in between did to Host.
  if (site === "same-origin") return undefined;
  const origin = headers.get("origin");
  const claimed = origin === null ? undefined : originOf(origin);
  if (site === "cross-site" || site === "same-site") return listed(claimed) ? undefined : refused;
  if (origin === null) return undefined;
  if (claimed === undefined) return refused; // "null" (a sandboxed frame, a redirect), or garbage
  return claimed === requestOrigin(headers, url) || listed(claimed) ? undefined : refused;
}

function listed(origin: string | undefined): boolean {
  return origin !== undefined && allowedOrigins().includes(origin);
}

function allowedOrigins(): (string | undefined)[] {
  return (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(originOf);
}

/** `scheme://host[:port]` as browsers write it (no default port), or undefined. */
function originOf(text: string): string | undefined {
  try {
    const { origin } = new URL(text);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
