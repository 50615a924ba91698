// What this device remembers outside the board store: the display name and the boards opened here.
import { cutToFit } from "./text-limits";

const NAME_KEY = "driftless:name";
const BOARDS_KEY = "driftless:boards";
/** The server reads the display name from this cookie (lib/server/actor.ts). */
const NAME_COOKIE = "driftless_name";
export const NAME_MAX = 50;
/** How many boards the start page lists (README, "Using a board"): the most recently opened. */
export const RECENT_MAX = 50;

export interface RecentBoard {
  readonly boardId: string;
  readonly title: string;
  readonly openedAt: number;
  /**
   * Its read-only links as the board pages here showed them, newest first (a link replaced, or a
   * page shown from a cache, may name an older one): forgetting the board drops each one's page.
   */
  readonly viewTokens?: readonly string[];
}

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined; // storage disabled (private mode, policy)
  }
}

export function readName(): string {
  return storage()?.getItem(NAME_KEY) ?? "";
}

/** Calls `onChange` with the new name when another tab of this browser saves one. */
export function watchName(onChange: (name: string) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === NAME_KEY) onChange(event.newValue ?? "");
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}

/** Keeps the name on the device and in the cookie every command carries. */
export function saveName(raw: string): string {
  // Cut as the server counts (code points), and never inside what shows as one character.
  const name = cutToFit(raw.trim(), NAME_MAX);
  storage()?.setItem(NAME_KEY, name);
  const maxAge = name ? 60 * 60 * 24 * 400 : 0;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari
  document.cookie = `${NAME_COOKIE}=${encodeURIComponent(name)}; path=/; max-age=${maxAge}; samesite=lax`;
  return name;
}

/** Said in this tab when its list of boards changes (another tab's change arrives as a `storage` event). */
const RECENT_CHANGED = "driftless:recent-boards";

function writeRecentBoards(boards: readonly RecentBoard[]): void {
  storage()?.setItem(BOARDS_KEY, JSON.stringify(boards));
  window.dispatchEvent(new Event(RECENT_CHANGED));
}

/** Calls `onChange` whenever the list of boards changes, in this tab (an import, a Forget) or another. */
export function watchRecentBoards(onChange: () => void): () => void {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === BOARDS_KEY || event.key === null) onChange();
  };
  window.addEventListener("storage", fromOtherTab);
  window.addEventListener(RECENT_CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", fromOtherTab);
    window.removeEventListener(RECENT_CHANGED, onChange);
  };
}

export function readRecentBoards(): RecentBoard[] {
  try {
    const parsed = JSON.parse(storage()?.getItem(BOARDS_KEY) ?? "[]") as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (entry): entry is RecentBoard =>
          typeof entry?.boardId === "string" &&
          typeof entry?.title === "string" &&
          typeof entry?.openedAt === "number" &&
          (entry.viewTokens === undefined ||
            (Array.isArray(entry.viewTokens) && entry.viewTokens.every((token: unknown) => typeof token === "string"))),
      )
      .sort((a, b) => b.openedAt - a.openedAt);
  } catch {
    return [];
  }
}

/** Puts a board first on this device's list of boards opened here (the start page shows it). */
export function addRecentBoard(boardId: string, title: string): void {
  const listed = readRecentBoards();
  const known = listed.find((entry) => entry.boardId === boardId)?.viewTokens;
  const others = listed.filter((entry) => entry.boardId !== boardId);
  const entry: RecentBoard = { boardId, title, openedAt: Date.now(), ...(known ? { viewTokens: known } : {}) };
  const boards = [entry, ...others].slice(0, RECENT_MAX);
  writeRecentBoards(boards);
}

const VIEW_TOKENS_KEPT = 5;

/** Keeps a board's read-only link on its entry of the list (its place in the list stays). */
export function noteViewToken(boardId: string, viewToken: string): void {
  const boards = readRecentBoards().map((entry) =>
    entry.boardId === boardId
      ? {
          ...entry,
          viewTokens: [viewToken, ...(entry.viewTokens ?? []).filter((token) => token !== viewToken)].slice(
            0,
            VIEW_TOKENS_KEPT,
          ),
        }
      : entry,
  );
  writeRecentBoards(boards);
}

/** Takes a board off this device's list. */
export function forgetRecentBoard(boardId: string): void {
  const boards = readRecentBoards().filter((entry) => entry.boardId !== boardId);
  writeRecentBoards(boards);
}

/** Removes the name and the list of boards from this device (localStorage and the name cookie). */
export function forgetDeviceData(): void {
  const local = storage();
  if (local) {
    for (const key of Object.keys(local)) if (key.startsWith("driftless:")) local.removeItem(key);
  }
  window.dispatchEvent(new Event(RECENT_CHANGED));
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari
  document.cookie = `${NAME_COOKIE}=; path=/; max-age=0; samesite=lax`;
}
