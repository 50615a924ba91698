import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = import.meta.dirname;

// The suites send thousands of commands from one address: limits are tested on their own
// (tests/integration/limits.test.ts), with their own small values.
const QUIET_AND_UNLIMITED = {
  LOG_LEVEL: "warn",
  RATE_LIMIT_ACTOR_PER_MINUTE: "10000000",
  RATE_LIMIT_IP_PER_MINUTE: "10000000",
  RATE_LIMIT_BOARDS_PER_HOUR: "10000000",
  SSE_MAX_PER_IP: "100000",
};

// The integration suites run once per store: embedded PGlite always, real Postgres (and Redis)
// when DATABASE_URL is set — same tests, parameterised by environment.
const stores: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "pglite",
      include: ["tests/integration/**/*.test.ts"],
      exclude: ["tests/integration/**/*.process.test.ts"],
      env: {
        DATABASE_URL: "",
        REDIS_URL: "",
        REDIS_CLUSTER_NODES: "",
        PGLITE_DIR: "memory://",
        ...QUIET_AND_UNLIMITED,
      },
    },
  },
];
if (process.env.DATABASE_URL) {
  stores.push({
    extends: true,
    test: {
      name: "postgres",
      include: ["tests/integration/**/*.test.ts"],
      exclude: ["tests/integration/**/*.process.test.ts"],
      env: {
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL ?? "",
        // With a Redis Cluster (.ci/run starts one), the bus and the limits use it instead.
        REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES ?? "",
        ...QUIET_AND_UNLIMITED,
      },
    },
  });
}

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Outside Next's server bundles the marker package throws on import; here it is a no-op.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // CI adds up this report with Playwright's into one summary line (.ci/run).
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time even on 2 cores (the default there is one): most of a file's time is
    // spent waiting on a store, a stream or a timer, not computing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/unit/table-equality.ts"],
        },
      },
      ...stores,
      {
        extends: true,
        // Real `next start` processes against a build: one file at a time, after every other
        // project has finished, so no server of theirs shares the 2 cores with another suite.
        test: {
          name: "processes",
          include: ["tests/integration/**/*.process.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
