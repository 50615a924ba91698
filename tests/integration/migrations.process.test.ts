import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@/db/client";
import { migrateStore } from "@/db/migrate";
import { boards } from "@/db/schema";
import { ROOT, run } from "./servers";

/** How many migrations there are: every one is applied once. */
const MIGRATIONS = (
  JSON.parse(readFileSync(path.join(ROOT, "db", "migrations", "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

const DATABASE_URL = process.env.DATABASE_URL;
/** Behind a transaction pooler (CI), migrations run on a direct connection: DATABASE_MIGRATE_URL. */
const MIGRATE_URL = process.env.DATABASE_MIGRATE_URL;
const prepare = process.env.DATABASE_PREPARE !== "false";
const migrateCommand = [path.join(ROOT, "node_modules", ".bin", "tsx"), "db/migrate-cli.ts"];

describe("migrations on PGlite", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "driftless-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("applied twice are a no-op that keeps the data", async () => {
    const config = { pgliteDir: path.join(dir, "db") };
    const store = await openStore(config);
    try {
      await migrateStore(store, config);
      await store.db.insert(boards).values({ id: "kept", viewToken: "token" });
      await migrateStore(store, config);
      const applied = (await store.db.execute(
        "select count(*)::int as n from drizzle.__drizzle_migrations",
      )) as unknown as {
        rows: { n: number }[];
      };
      expect(applied.rows[0].n).toBe(MIGRATIONS);
      const rows = (await store.db.execute("select id from boards")) as unknown as { rows: { id: string }[] };
      expect(rows.rows).toEqual([{ id: "kept" }]);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!DATABASE_URL)("migrations on Postgres", () => {
  const admin = DATABASE_URL ? postgres(DATABASE_URL, { max: 1, onnotice: () => {} }) : undefined;
  const created: string[] = [];

  /** A new database: its URL as DATABASE_URL names it, and the env a migration of it runs with. */
  async function freshDatabase(): Promise<{ url: string; env: Record<string, string> }> {
    const name = `driftless_migrate_${process.pid}_${created.length}_${Date.now()}`;
    await admin?.unsafe(`create database ${name}`);
    created.push(name);
    const rename = (base: string) => {
      const url = new URL(base);
      url.pathname = `/${name}`;
      return url.toString();
    };
    const url = rename(DATABASE_URL as string);
    return { url, env: { DATABASE_URL: url, ...(MIGRATE_URL ? { DATABASE_MIGRATE_URL: rename(MIGRATE_URL) } : {}) } };
  }

  afterAll(async () => {
    for (const name of created) await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  async function appliedMigrations(url: string): Promise<number> {
    const client = postgres(url, { max: 1, prepare, onnotice: () => {} });
    try {
      const [row] = await client`select count(*)::int as n from drizzle.__drizzle_migrations`;
      return row.n;
    } finally {
      await client.end();
    }
  }

  it("applied twice are a no-op", async () => {
    const { url, env } = await freshDatabase();
    expect((await run(migrateCommand, env)).code).toBe(0);
    const again = await run(migrateCommand, env);
    expect(again.code, again.output).toBe(0);
    expect(await appliedMigrations(url)).toBe(MIGRATIONS);
  });

  it("run by two processes starting together, migrate once and both succeed", async () => {
    for (let round = 0; round < 3; round++) {
      const { url, env } = await freshDatabase();
      const [first, second] = await Promise.all([run(migrateCommand, env), run(migrateCommand, env)]);
      expect(first.code, first.output).toBe(0);
      expect(second.code, second.output).toBe(0);
      expect(await appliedMigrations(url)).toBe(MIGRATIONS);
    }
  });
});
