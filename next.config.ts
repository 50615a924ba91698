import { randomUUID } from "node:crypto";
import withSerwistInit from "@serwist/next";
import type { NextConfig } from "next";

const withSerwist = withSerwistInit({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  // The default reloads the page when the network returns, throwing away state mid-replay.
  reloadOnOnline: false,
  additionalPrecacheEntries: [{ url: "/~offline", revision: randomUUID() }],
  disable: process.env.NODE_ENV === "development",
});

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  experimental: {
    // With a proxy (proxy.ts) Next buffers each request body for it, and past this size keeps only
    // the start of it: an import may be 20 MB, and over that our own reader answers 413 in words.
    proxyClientMaxBodySize: "21mb",
  },
  // `node .next/standalone/server.js` runs without node_modules (see README, "Deploy"); the
  // migrations and PGlite's WASM are read from disk at run time, so they are traced in explicitly.
  output: "standalone",
  outputFileTracingIncludes: {
    "/**": ["./db/migrations/**", "./node_modules/@electric-sql/pglite/dist/**"],
  },
  // Metadata in <head> for every client, not streamed into <body> after a slow generateMetadata:
  // Chromium reads the manifest link (installability) and link previews read the title there.
  htmlLimitedBots: /.*/,
  async headers() {
    // Next's app router inlines its bootstrap scripts and dnd-kit sets inline styles, hence
    // 'unsafe-inline' for those two; everything else is this origin only, and no framing at all.
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    const everywhere = [
      { key: "Content-Security-Policy", value: csp },
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
