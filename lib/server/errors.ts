import "server-only";
// The small typed set of failures, and the one place that maps them to HTTP statuses.
import type { Rejection, RejectionCode } from "@/lib/domain";

/** Every rejection code and its HTTP status (README, "HTTP API", lists them the same). */
export const STATUS: Record<RejectionCode, number> = {
  invalid: 400,
  not_found: 409,
  conflict: 409,
  forbidden: 403,
  unknown_board: 404,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

export function statusOf(code: RejectionCode): number {
  return STATUS[code];
}

export const unknownBoard: Rejection = { code: "unknown_board", reason: "There is no board at this address." };

/** Postgres' SQLSTATE of an error, looking through driver and Drizzle wrappers. */
export function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when the store could not be reached or went away (as opposed to a bug). */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = String((current as { code?: unknown }).code ?? "");
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|CONNECT_TIMEOUT|CONNECTION_\w+)$/.test(code)) {
      return true;
    }
    // 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources.
    if (/^(08|57P|53)/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
