#!/usr/bin/env node
// `npm start`: builds first when there is no build or the sources changed since the last one,
// then runs `next start` (arguments pass through; signals are forwarded for graceful shutdown).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, root } from "./ensure-build.mjs";

const next = path.join(root, "node_modules", ".bin", "next");
if (!ensureBuild()) process.exit(1);

// Driftless handles SIGTERM itself (instrumentation.ts): streams end with a retry hint, in-flight
// commands finish, and the process exits 0.
const server = spawn(next, ["start", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { NEXT_MANUAL_SIG_HANDLE: "true", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
