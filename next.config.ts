import { randomUUID } from "node:crypto";
import withSerwistInit from "@serwist/next";
import type { NextConfig } from "next";

const withSerwist = withSerwistInit({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  // The default reloads the page when the network returns, throwing away state mid-replay.
  reloadOnOnline: false,
  additionalPrecacheEntries: [
    { url: "/~offline", revision: randomUUID() },
    { url: "/~board", revision: randomUUID() },
  ],
  disable: process.env.NODE_ENV === "development",
});

/** The hosts of ALLOWED_ORIGINS (`https://a.example:8443` → `a.example:8443`), as Next's own check takes them. */
function allowedOriginHosts(): string[] {
  return (process.env.ALLOWED_ORIGINS ?? "").split(",").flatMap((entry) => {
    try {
      return entry.trim() ? [new URL(entry.trim()).host] : [];
    } catch {
      return [];
    }
  });
}

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // `node .next/standalone/server.js` runs without node_modules (see README, "Deploy"); the
  // migrations and PGlite's WASM are read from disk at run time, so they are traced in explicitly.
  output: "standalone",
  outputFileTracingIncludes: {
    "/**": ["./db/migrations/**", "./node_modules/@electric-sql/pglite/dist/**"],
  },
  // Metadata in <head> for every client, not streamed into <body> after a slow generateMetadata:
  // Chromium reads the manifest link (installability) and link previews read the title there.
  htmlLimitedBots: /.*/,
  experimental: {
    // Next checks a server action's Origin host itself before Driftless does (lib/server/cross-site.ts):
    // the extra origins allowed there are allowed here too (read when the server starts; with
    // `output: standalone` when it is built).
    serverActions: { allowedOrigins: allowedOriginHosts() },
    // With a proxy (proxy.ts) Next buffers each request body for it, and past this size keeps only
    // the start of it: an import may be 20 MB, and over that our own reader answers 413 in words.
    proxyClientMaxBodySize: "21mb",
  },
  async headers() {
    // Pages get their Content-Security-Policy, with a nonce per response, from proxy.ts
    // (lib/server/content-security-policy.ts); the JSON/SSE API renders nothing and runs nothing.
    const apiPolicy = "default-src 'none'; frame-ancestors 'none'";
    const everywhere = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ];
    // Board and share addresses are capabilities: never send them to other sites as a Referer.
    const private_ = [
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "X-Robots-Tag", value: "noindex, nofollow" },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
      { source: "/b/:path*", headers: private_ },
      { source: "/r/:path*", headers: private_ },
      {
        // The service worker must always be fetched fresh, or updates are never seen.
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
    ];
  },
};

export default withSerwist(nextConfig);
