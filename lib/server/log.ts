import "server-only";

// Structured log lines (one JSON object per line). Capability values are never printed whole:
// fields carry `redact`ed ones, and errors' messages are scrubbed of anything shaped like one.

type Fields = Record<string, unknown>;

const LEVELS = { info: 0, warn: 1, error: 2 } as const;
/** LOG_LEVEL=warn keeps the per-command and per-stream lines out (the test suites set it). */
const threshold = LEVELS[(process.env.LOG_LEVEL as keyof typeof LEVELS) ?? "info"] ?? 0;

function write(level: "info" | "warn" | "error", msg: string, fields: Fields = {}) {
  if (LEVELS[level] < threshold) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }, errorReplacer);
  if (level === "info") process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

function errorReplacer(_key: string, value: unknown) {
  if (value instanceof Error) {
    const cause = value.cause instanceof Error ? { cause: scrubbed(value.cause.message) } : {};
    return { name: value.name, message: scrubbed(value.message), ...cause };
  }
  return value;
}

/** A capability's shape: 22 base64url characters standing alone (board ids, view tokens). */
const CAPABILITY = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g;

/**
 * An error's text with every capability-looking token cut to its first characters: a failed
 * query's message carries its parameters (Drizzle: "Failed query: … params: <board id>,…").
 */
function scrubbed(text: string): string {
  return text.replace(CAPABILITY, redact);
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

/** The first characters of a board id or token: enough to correlate lines, useless as a capability. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
