// End-to-end tests in Chromium (Debian's when installed, Playwright's own otherwise).
// With DATABASE_URL and REDIS_URL set, two `next start` instances share one Postgres and one Redis
// and the tests put one browser context on each; without them, one instance on embedded PGlite.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const shared = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const PORTS = [Number(process.env.E2E_PORT_A ?? 3301), Number(process.env.E2E_PORT_B ?? 3302)];
const instances = shared ? PORTS : PORTS.slice(0, 1);

// A third instance, always on its own embedded store and bus, takes few changes per browser: the
// tests of what a person sees while refused (429) use it.
const LIMITED_PORT = Number(process.env.E2E_PORT_LIMITED ?? 3303);
const LIMITED_CHANGES_PER_MINUTE = 3;
process.env.E2E_LIMITED_PER_MINUTE = String(LIMITED_CHANGES_PER_MINUTE);

// The tests read where the instances are from here (B is A when there is only one).
process.env.E2E_URL_A = `http://127.0.0.1:${PORTS[0]}`;
process.env.E2E_URL_B = `http://127.0.0.1:${instances.at(-1)}`;
process.env.E2E_URL_LIMITED = `http://127.0.0.1:${LIMITED_PORT}`;

const serverEnv: Record<string, string> = shared
  ? {
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      REDIS_URL: process.env.REDIS_URL ?? "",
      REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? "",
    }
  : { DATABASE_URL: "", REDIS_URL: "", REDIS_CLUSTER_NODES: "", PGLITE_DIR: "memory://" };

export default defineConfig({
  testDir: "tests/e2e",
  // Two files at a time, each test in its own browser context on its own boards; a file's tests
  // run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]] : [["list"]],
  outputDir: "test-results/playwright",
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    ...instances.map((port) => ({
      command: `node_modules/.bin/next start -p ${port} --keepAliveTimeout 65000`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Each run creates dozens of boards from 127.0.0.1 (and Redis keeps counts between runs).
      env: { ...serverEnv, PORT: String(port), LIVE_CHECK_SECONDS: "2", RATE_LIMIT_BOARDS_PER_HOUR: "100000" },
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    })),
    {
      command: `node_modules/.bin/next start -p ${LIMITED_PORT} --keepAliveTimeout 65000`,
      url: `http://127.0.0.1:${LIMITED_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        DATABASE_URL: "",
        REDIS_URL: "",
        PGLITE_DIR: "memory://",
        PORT: String(LIMITED_PORT),
        RATE_LIMIT_ACTOR_PER_MINUTE: String(LIMITED_CHANGES_PER_MINUTE),
        RATE_LIMIT_BOARDS_PER_HOUR: "100000",
      },
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    },
  ],
});
