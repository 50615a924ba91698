// Every page request, before it renders: its Content-Security-Policy nonce, HSTS over HTTPS, and
// the visitor's signed actor cookie on a first visit
import type { NextRequest } from "next/server";
import { pageVisit } from "@/lib/server/page-visit";

export function proxy(request: NextRequest) {
  return pageVisit(request);
}

export const config = {
  // Page views only: not the JSON/SSE API, Next's static files, the service worker, public files,
  // prefetches, or server actions (they answer with data, not a document, and set their own cookie).
  matcher: [
    {
      source:
        "/((?!api/|_next/static|_next/image|sw\\.js|swe-worker|icons/|manifest\\.webmanifest|robots\\.txt|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-action" },
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
