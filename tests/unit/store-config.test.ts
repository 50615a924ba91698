import { describe, expect, it } from "vitest";
import { configFromEnv as fromEnv } from "@/db/client";

const configFromEnv = (env: Record<string, string>) => fromEnv(env as NodeJS.ProcessEnv);

describe("the store configuration", () => {
  it("uses Postgres when DATABASE_URL is set, PGlite in PGLITE_DIR otherwise", () => {
    expect(configFromEnv({ DATABASE_URL: "postgres://db/x" })).toMatchObject({ databaseUrl: "postgres://db/x" });
    expect(configFromEnv({})).toEqual({ databaseUrl: undefined, prepare: true, pgliteDir: ".data/pglite" });
    expect(configFromEnv({ PGLITE_DIR: "/var/lib/driftless" })).toMatchObject({ pgliteDir: "/var/lib/driftless" });
  });

  it("refuses PGlite on a serverless host, saying why, instead of losing boards", () => {
    for (const env of [{ VERCEL: "1" }, { AWS_LAMBDA_FUNCTION_NAME: "driftless" }] as Record<string, string>[]) {
      expect(() => configFromEnv(env)).toThrow(/serverless host .* needs a managed Postgres/);
    }
    expect(configFromEnv({ VERCEL: "1", DATABASE_URL: "postgres://db/x" })).toMatchObject({
      databaseUrl: "postgres://db/x",
    });
  });

  it("behind a transaction pooler: prepared statements off with DATABASE_PREPARE=false, migrations on DATABASE_MIGRATE_URL", () => {
    expect(configFromEnv({ DATABASE_URL: "postgres://pooler/x" })).toMatchObject({
      prepare: true,
      migrateUrl: undefined,
    });
    expect(
      configFromEnv({
        DATABASE_URL: "postgres://pooler:6432/x",
        DATABASE_PREPARE: "false",
        DATABASE_MIGRATE_URL: "postgres://db:5432/x",
      }),
    ).toMatchObject({ databaseUrl: "postgres://pooler:6432/x", prepare: false, migrateUrl: "postgres://db:5432/x" });
    expect(configFromEnv({ DATABASE_PREPARE: "TRUE" })).toMatchObject({ prepare: true });
    expect(() => configFromEnv({ DATABASE_PREPARE: "no" })).toThrow(/DATABASE_PREPARE must be true or false/);
  });
});
