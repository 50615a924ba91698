import "server-only";
// The query of a log read (`?after=N&limit=M`), the same for a board's log and a shared board's.
import type { Rejection } from "@/lib/domain";
import { intParam } from "./http";

export const LOG_LIMIT = { default: 500, max: 5000 } as const;

export function logQuery(
  url: URL,
): { ok: true; value: { after: number; limit: number } } | { ok: false; rejection: Rejection } {
  const after = intParam(url, "after", { fallback: 0 });
  if (!after.ok) return after;
  const limit = intParam(url, "limit", { fallback: LOG_LIMIT.default, min: 1, max: LOG_LIMIT.max });
  if (!limit.ok) return limit;
  return { ok: true, value: { after: after.value ?? 0, limit: limit.value ?? LOG_LIMIT.default } };
}
