import "server-only";
// The one rule for every state-changing request, route handlers and server actions alike: a
// browser says where a request comes from (`Sec-Fetch-Site`), and when it does not, its `Origin`
// is compared whole — scheme, host and port — with the request's own origin and ALLOWED_ORIGINS.
// A request with neither (a script, curl) carries no one's cookies but its own, and may pass.
import type { Rejection } from "@/lib/domain";
import { requestOrigin } from "./client-address";

const refused: Rejection = { code: "forbidden", reason: "Requests from another site are not allowed." };

/** The rejection of a request another site made a browser send, or undefined. */
export function crossSiteRefusal(headers: Headers, url?: string): Rejection | undefined {
  const site = headers.get("sec-fetch-site");
  // Trusted first: it says what the browser knows, whatever a proxy in between did to Host.
  if (site === "same-origin") return undefined;
  if (site === "cross-site" || site === "same-site") return refused;
  const origin = headers.get("origin");
  if (origin === null) return undefined;
  const claimed = originOf(origin);
  if (claimed === undefined) return refused; // "null" (a sandboxed frame, a redirect), or garbage
  return claimed === requestOrigin(headers, url) || allowedOrigins().includes(claimed) ? undefined : refused;
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
