// Fractional positions: sorting siblings by `position` gives their order, and a new position
// can always be made between two neighbours without renumbering anyone.
import { generateKeyBetween } from "fractional-indexing";

interface Positioned {
  readonly id: string;
  readonly position: string;
}

/**
 * The position for an entry placed after `afterId` among `siblings` (already in order):
 * `undefined` → at the end, `null` → first. The entry being moved, if it is among the
 * siblings, is left out so it is never its own neighbour. Returns `undefined` when `afterId`
 * is not among the siblings.
 */
export function positionAfter(
  siblings: readonly Positioned[],
  afterId: string | null | undefined,
  movingId?: string,
): string | undefined {
  const others = movingId === undefined ? siblings : siblings.filter((entry) => entry.id !== movingId);
  if (afterId === undefined) return generateKeyBetween(others.at(-1)?.position ?? null, null);
  if (afterId === null) return generateKeyBetween(null, others[0]?.position ?? null);
  const index = others.findIndex((entry) => entry.id === afterId);
  if (index === -1) return undefined;
  return generateKeyBetween(others[index].position, others[index + 1]?.position ?? null);
}

/**
 * `position` itself when no sibling (in order) holds it, else a position right after the siblings
 * that do: where something restored goes back to, without two siblings ever sharing a place.
 */
export function positionAt(siblings: readonly Positioned[], position: string): string {
  if (!siblings.some((entry) => entry.position === position)) return position;
  const next = siblings.find((entry) => entry.position > position);
  return generateKeyBetween(position, next?.position ?? null);
}
