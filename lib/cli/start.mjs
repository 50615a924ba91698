#!/usr/bin/env node
// `npm start`: builds first when there is no build or the sources changed since the last one,
// then runs the self-contained server the build made (`.next/standalone/server.js`, what the
// README's Deploy section runs too; `next start` warns that it does not serve an `output:
// "standalone"` build). `-p/--port` and `-H/--hostname` are passed on as PORT and HOSTNAME;
// signals are forwarded for graceful shutdown.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, root } from "./ensure-build.mjs";

if (!ensureBuild()) process.exit(1);

// A connection left idle stays open 65 s (Node's own 5 s is shorter than a proxy's upstream
// keep-alive, and a proxy that reuses a connection just as it closes fails that request): README
// "Deploy".
const env = { NEXT_MANUAL_SIG_HANDLE: "true", KEEP_ALIVE_TIMEOUT: "65000", ...process.env };
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index++) {
  const [flag, inline] = args[index].split("=", 2);
  const value = inline ?? args[index + 1];
  if (inline === undefined && (flag === "-p" || flag === "--port" || flag === "-H" || flag === "--hostname")) index++;
  if (flag === "-p" || flag === "--port") env.PORT = value;
  else if (flag === "-H" || flag === "--hostname") env.HOSTNAME = value;
  else {
    console.error(`npm start: unknown option ${args[index]} (use -p <port>, -H <hostname>)`);
    process.exit(2);
  }
}
// The standalone server runs in its own folder: the embedded store's data stays in the project's
// .data (a rebuild replaces .next, and must never take the boards with it).
if (!env.DATABASE_URL && !env.PGLITE_DIR) env.PGLITE_DIR = path.join(root, ".data", "pglite");
else if (env.PGLITE_DIR && !env.PGLITE_DIR.startsWith("memory://")) env.PGLITE_DIR = path.resolve(env.PGLITE_DIR);

// Driftless handles SIGTERM itself (instrumentation.ts): streams end with a retry hint, in-flight
// commands finish, and the process exits 0.
const server = spawn(process.execPath, [path.join(root, ".next", "standalone", "server.js")], {
  cwd: root,
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
