import "server-only";
// The Content-Security-Policy of the app's pages, one per response: scripts run only with that
// response's nonce (Next puts it on its own scripts when it finds it in the request's policy) or
// when a script that has it loads them ('strict-dynamic'), so an injected <script> runs nowhere.
// Styles may be inline: dnd-kit moves items with style attributes. Nothing may frame a page.
// (The JSON/SSE API gets a static policy of its own in next.config.ts.)
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function pagePolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
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
}
