import "server-only";
// Who is asking, as far as the server can tell. `X-Forwarded-*` headers say whatever their sender
// wrote (Next fills `X-Forwarded-For` only when it is absent), so they count only as far as the
// proxies in front of the instance are trusted: TRUST_PROXY of them (default 0: none). Otherwise
// the connection's own address and scheme decide (lib/server/connections.ts). See README, "Behind
// nginx".
import { connectionOf, watchingConnections } from "./connections";

/** TRUST_PROXY: how many proxies in front of this instance append to `X-Forwarded-For`. */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.TRUST_PROXY);
  return env.TRUST_PROXY && Number.isInteger(value) && value > 0 ? Math.min(value, 10) : 0;
}

/** The comma-separated entries of a forwarding header, trimmed, empty ones left out. */
function entries(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) and `10.0.0.1` are one address. */
function normalised(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}

/**
 * The client's address, for the per-address limits: the connection's peer, or with TRUST_PROXY=n
 * the entry of `X-Forwarded-For` that the n-th proxy from here appended (entries before it are the
 * client's own words). A request whose connection is unknown shares the address "unknown"; a
 * handler called outside a server (tests) takes the header's last entry as its peer.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = entries(headers.get("x-forwarded-for"));
  const connection = connectionOf(headers);
  const chain = connection
    ? [...forwarded, connection.address]
    : watchingConnections()
      ? [...forwarded, "unknown"]
      : forwarded;
  const address = chain[Math.max(0, chain.length - 1 - trustedProxies())];
  return address ? normalised(address) : "unknown";
}

/**
 * The origin the request was made to (`https://host:port`): its Host and the connection's scheme,
 * or behind trusted proxies what they forward (`X-Forwarded-Proto`, `X-Forwarded-Host`).
 * Undefined when it cannot be told (no Host).
 */
export function requestOrigin(headers: Headers, url?: string): string | undefined {
  const behindProxy = trustedProxies() > 0;
  const host = (behindProxy ? entries(headers.get("x-forwarded-host"))[0] : undefined) ?? headers.get("host");
  if (!host) return undefined;
  try {
    return new URL(`${requestScheme(headers, url)}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** The request came over HTTPS (to this instance, or to the trusted proxy in front of it). */
export function isHttps(headers: Headers, url?: string): boolean {
  return requestScheme(headers, url) === "https";
}

/** The scheme the client used: the connection's, or the trusted proxy's word for it. */
function requestScheme(headers: Headers, url?: string): string {
  const forwarded = trustedProxies() > 0 ? entries(headers.get("x-forwarded-proto"))[0] : undefined;
  if (forwarded === "https" || forwarded === "http") return forwarded;
  const connection = connectionOf(headers);
  if (connection) return connection.encrypted ? "https" : "http";
  // A handler called outside a server (tests): the scheme of its URL.
  if (!watchingConnections() && url) return new URL(url).protocol.slice(0, -1);
  return "http";
}
