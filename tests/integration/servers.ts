// Real server processes for the tests that need them: `npm start`, `next start`, migrations.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of a child process: this one's, minus the store/bus settings, plus `env`. A
 * child on this run's database (behind PgBouncer in CI) keeps its pooler settings (direct URL for
 * migrations, no prepared statements); a child on a database of its own does not.
 */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  if (env.DATABASE_URL === undefined || env.DATABASE_URL !== process.env.DATABASE_URL) {
    delete base.DATABASE_MIGRATE_URL;
    delete base.DATABASE_PREPARE;
  }
  for (const key of [
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_CLUSTER_NODES",
    "PGLITE_DIR",
    "VITEST",
    "VITEST_POOL_ID",
    "VITEST_WORKER_ID",
    "NODE_ENV",
  ]) {
    delete base[key];
  }
  // Test runs create many boards from 127.0.0.1 against one Redis: limits are tested elsewhere.
  base.RATE_LIMIT_BOARDS_PER_HOUR = "100000";
  for (const [key, value] of Object.entries(env)) if (value !== undefined) base[key] = value;
  return base;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  output(): string;
  /** Stops the whole process group (npm → node → next) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `command` in its own process group with PORT set, and waits until /api/health answers 200.
 * Default: `next start` on the existing build (`npm test` builds first).
 */
export async function startServer({
  env = {},
  command = [path.join(ROOT, "node_modules", ".bin", "next"), "start"],
  port,
  portArgument = command[0].endsWith("next") || command[0] === "npm",
  timeoutMs = 60_000,
}: {
  env?: Record<string, string | undefined>;
  command?: string[];
  port?: number;
  /** Append `-p <port>` (next start, npm start); other servers read PORT or their own config. */
  portArgument?: boolean;
  timeoutMs?: number;
} = {}): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  const args = portArgument ? [...command.slice(1), "-p", String(chosen)] : command.slice(1);
  const child = spawn(command[0], args, {
    cwd: ROOT,
    env: childEnv({ ...env, PORT: String(chosen) }),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: RunningServer = {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        return child.exitCode;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), "SIGKILL");
        } catch {}
      }, 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) return server;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop("SIGKILL");
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${output}`);
}

/** Runs a command to completion and answers its exit code and output. */
export function run(
  command: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  return completion(
    spawn(command[0], command.slice(1), { cwd: ROOT, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] }),
  );
}

/** Waits for a child to exit; answers its exit code and everything it printed. */
function completion(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("exit", (code) => resolve({ code, output }));
  });
}

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of the test's own on a spare port, which it may stop and start again. */
export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        {
          stdio: "ignore",
        },
      );
      const deadline = Date.now() + 10_000;
      while (!(await answersPing(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.on("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
  await redis.start();
  return redis;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.setTimeout(500);
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface OwnPostgres {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

const PG_BIN = (() => {
  try {
    const versions = readdirSync("/usr/lib/postgresql").sort();
    return versions.length > 0 ? path.join("/usr/lib/postgresql", versions[versions.length - 1], "bin") : undefined;
  } catch {
    return undefined;
  }
})();

/** True when this machine can run a Postgres cluster of a test's own (binaries, and root to drop to `postgres`). */
export const canRunOwnPostgres = Boolean(PG_BIN) && process.getuid?.() === 0;

function asPostgres(command: string[]): Promise<{ code: number | null; output: string }> {
  return completion(spawn("runuser", ["-u", "postgres", "--", ...command], { stdio: ["ignore", "pipe", "pipe"] }));
}

/** A Postgres cluster of the test's own on a spare port, which it may stop and start again. */
export async function ownPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "driftless-pg-"));
  chownSync(
    dir,
    Number(execFileSync("id", ["-u", "postgres"]).toString()),
    Number(execFileSync("id", ["-g", "postgres"]).toString()),
  );
  const data = path.join(dir, "data");
  const initdb = await asPostgres([path.join(PG_BIN as string, "initdb"), "-D", data, "-A", "trust", "-U", "postgres"]);
  if (initdb.code !== 0) throw new Error(`initdb failed:\n${initdb.output}`);
  const pgCtl = path.join(PG_BIN as string, "pg_ctl");
  const cluster: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      const started = await asPostgres([
        pgCtl,
        "-D",
        data,
        "-l",
        path.join(dir, "log"),
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
        "-w",
        "start",
      ]);
      if (started.code !== 0) throw new Error(`pg_ctl start failed:\n${started.output}`);
    },
    async stop() {
      await asPostgres([pgCtl, "-D", data, "-m", "fast", "-w", "stop"]);
    },
    async remove() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** A round-robin TCP load balancer over `ports`, skipping a backend that refuses (killed). */
export async function roundRobinProxy(ports: number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const attempt = (tries: number) => {
      const port = ports[next++ % ports.length];
      const upstream = createConnection({ port, host: "127.0.0.1" });
      upstream.once("connect", () => {
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
      });
      upstream.once("error", () => (tries > 1 ? attempt(tries - 1) : client.destroy()));
    };
    attempt(ports.length);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
