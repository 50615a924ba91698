#!/usr/bin/env node
// `npm start`: builds first when there is no build or the sources changed since the last one,
// then runs `next start` (arguments pass through; signals are forwarded for graceful shutdown).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const next = path.join(root, "node_modules", ".bin", "next");
const SOURCES = ["app", "lib", "db", "public", "next.config.ts", "instrumentation.ts", "package.json"];
// Written by the build itself (the service worker), so they never make a build look stale.
const GENERATED = new Set([path.join(root, "public", "sw.js"), path.join(root, "public", "swe-worker")]);

function newestSourceTime(entry) {
  if (GENERATED.has(entry) || [...GENERATED].some((generated) => entry.startsWith(`${generated}-`))) return 0;
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSourceTime(path.join(entry, name))));
}

const buildId = path.join(root, ".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((name) => newestSourceTime(path.join(root, name))));
if (changedAt > builtAt) {
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  const build = spawnSync(next, ["build", "--webpack"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Driftless handles SIGTERM itself (instrumentation.ts): streams end with a retry hint, in-flight
// commands finish, and the process exits 0.
const server = spawn(next, ["start", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { NEXT_MANUAL_SIG_HANDLE: "true", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
