#!/usr/bin/env node
// Builds when there is no build or the sources changed since the last one (`npm start` and
// `npm run bench` run against the current sources, never a stale build).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(import.meta.dirname, "..", "..");
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

/** Runs `npm run build` when needed; answers false when that build failed. */
export function ensureBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((name) => newestSourceTime(path.join(root, name))));
  if (changedAt <= builtAt) return true;
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  return spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" }).status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(ensureBuild() ? 0 : 1);
}
