// `npm start` and `npm run bench` build first when the sources changed, but never under a server
// still running from that build (README, "Scripts"): the rebuild would replace its `.next`.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureBuild, serversRunningFrom } from "@/lib/cli/ensure-build.mjs";

let dir: string;
const children: ChildProcess[] = [];

/** A process whose command line names the build's server, as `npm start` and Deploy run it. */
async function serverNamed(serverPath: string) {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", serverPath], { cwd: dir });
  children.push(child);
  await new Promise((resolve) => child.once("spawn", resolve));
  return child;
}

function stopped(child: ChildProcess) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill();
  });
}

function run() {
  const built: string[] = [];
  const said: string[] = [];
  const answer = ensureBuild({
    dir,
    build: () => {
      built.push("build");
      return true;
    },
    say: (line: string) => said.push(line),
    complain: (line: string) => said.push(line),
  });
  return { answer, built: built.length, said: said.join("\n") };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "driftless-build-"));
  mkdirSync(path.join(dir, ".next", "standalone"), { recursive: true });
  mkdirSync(path.join(dir, "app"));
  writeFileSync(path.join(dir, ".next", "standalone", "server.js"), "");
  writeFileSync(path.join(dir, ".next", "BUILD_ID"), "old");
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path.join(dir, ".next", "BUILD_ID"), anHourAgo, anHourAgo);
  writeFileSync(path.join(dir, "app", "page.tsx"), "changed since");
});

afterEach(async () => {
  await Promise.all(
    children
      .splice(0)
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(stopped),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe("building before a start", () => {
  it("finds a server of this build by its command line, relative or absolute", async () => {
    expect(serversRunningFrom(dir)).toEqual([]);
    const relative = await serverNamed(".next/standalone/server.js");
    const absolute = await serverNamed(path.join(dir, ".next", "standalone", "server.js"));
    await serverNamed(path.join(tmpdir(), "elsewhere", ".next", "standalone", "server.js"));
    expect(serversRunningFrom(dir).sort()).toEqual([relative.pid, absolute.pid].sort());
  });

  it("refuses to rebuild under a running server, and says which one and what to do", async () => {
    const server = await serverNamed(".next/standalone/server.js");
    const refused = run();
    expect(refused).toMatchObject({ answer: false, built: 0 });
    expect(refused.said).toContain(`a Driftless server (process ${server.pid}) is running from it`);
    expect(refused.said).toContain("Stop that server first");

    await stopped(server);
    expect(run()).toMatchObject({ answer: true, built: 1, said: "Sources changed since the last build: building…" });
  });

  it("builds nothing when the build is newer than every source, server or not", async () => {
    await serverNamed(".next/standalone/server.js");
    writeFileSync(path.join(dir, ".next", "BUILD_ID"), "new");
    expect(run()).toMatchObject({ answer: true, built: 0 });
  });
});
