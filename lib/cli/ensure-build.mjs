#!/usr/bin/env node
// Builds when there is no build or the sources changed since the last one (`npm start` and
// `npm run bench` run against the current sources, never a stale build). A build replaces
// `.next` in place, so it never runs under a server still serving from it: that server would
// answer 500 and lose its pages' chunks mid-session (README, "Scripts").
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(import.meta.dirname, "..", "..");
const SOURCES = ["app", "lib", "db", "public", "next.config.ts", "instrumentation.ts", "package.json"];

function newestSourceTime(entry, generated) {
  if (generated.has(entry) || [...generated].some((name) => entry.startsWith(`${name}-`))) return 0;
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSourceTime(path.join(entry, name), generated)));
}

/**
 * The processes running the standalone server of the build in `dir` (found in /proc, by their
 * command line resolved against their working folder); none where there is no /proc to read.
 */
export function serversRunningFrom(dir) {
  const server = path.join(dir, ".next", "standalone", "server.js");
  let pids;
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const running = [];
  for (const pid of pids) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(1);
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (args.some((arg) => arg.endsWith("server.js") && path.resolve(cwd, arg) === server)) running.push(Number(pid));
    } catch {
      // gone meanwhile, or another user's: neither serves from this build
    }
  }
  return running;
}

/** Runs the build when needed; answers false when it is needed and failed or could not run. */
export function ensureBuild({
  dir = root,
  build = () => spawnSync("npm", ["run", "build"], { cwd: dir, stdio: "inherit" }).status === 0,
  say = console.log,
  complain = console.error,
} = {}) {
  // Written by the build itself (the service worker), so they never make a build look stale.
  const generated = new Set([path.join(dir, "public", "sw.js"), path.join(dir, "public", "swe-worker")]);
  const buildId = path.join(dir, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((name) => newestSourceTime(path.join(dir, name), generated)));
  if (changedAt <= builtAt) return true;
  const running = builtAt ? serversRunningFrom(dir) : [];
  if (running.length > 0) {
    complain(
      `The sources changed since the last build, but a Driftless server (process ${running.join(", ")}) is ` +
        "running from it, and building now would break it. Stop that server first, then run this again.",
    );
    return false;
  }
  say(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  return build();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(ensureBuild() ? 0 : 1);
}
