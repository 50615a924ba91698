import "server-only";

// Structured log lines (one JSON object per line). Capability values are never printed whole.

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
    const cause = value.cause instanceof Error ? { cause: value.cause.message } : {};
    return { name: value.name, message: value.message, ...cause };
  }
  return value;
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
