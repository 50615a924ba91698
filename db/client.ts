// The one connection module: postgres.js when DATABASE_URL is set, embedded PGlite otherwise.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type StoreKind = "postgres" | "pglite";

export interface Store {
  readonly kind: StoreKind;
  readonly db: Database;
  /**
   * Runs one SQL statement with positional parameters ($1, $2, …) and answers its rows: the hot
   * paths (append, catch-up) use it to skip the query builder, and on Postgres each text is
   * prepared once per connection instead of parsed and planned on every call (unless
   * DATABASE_PREPARE=false).
   */
  query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[]): Promise<Row[]>;
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreConfig {
  readonly databaseUrl?: string;
  /**
   * Where migrations run (DATABASE_MIGRATE_URL), when DATABASE_URL is a transaction pooler: they
   * hold a session advisory lock, which a pooler hands to another client between statements.
   */
  readonly migrateUrl?: string;
  /**
   * Named prepared statements on Postgres (DATABASE_PREPARE, default true). PgBouncer before
   * 1.21 in transaction mode does not keep them: set DATABASE_PREPARE=false behind it.
   */
  readonly prepare?: boolean;
  /** A folder, or `memory://` for a throw-away database. */
  readonly pgliteDir?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (!env.DATABASE_URL && isServerless(env)) {
    // PGlite writes to the local disk, which a serverless function loses between invocations and
    // does not share between them: refuse, loudly, rather than lose boards silently.
    throw new Error(
      "DATABASE_URL is not set: on a serverless host (Vercel, AWS Lambda) Driftless needs a managed Postgres; " +
        "the embedded PGlite would keep boards on a disk that is thrown away.",
    );
  }
  const prepare = (env.DATABASE_PREPARE ?? "").trim().toLowerCase();
  if (prepare !== "" && prepare !== "true" && prepare !== "false") {
    throw new Error(`DATABASE_PREPARE must be true or false, not "${env.DATABASE_PREPARE}".`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    migrateUrl: env.DATABASE_MIGRATE_URL || undefined,
    prepare: prepare !== "false",
    pgliteDir: env.PGLITE_DIR || ".data/pglite",
  };
}

export function isServerless(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Opens a store without migrating it (see `db/migrate.ts`). */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.prepare ?? true);
  return openPglite(config.pgliteDir ?? ".data/pglite");
}

async function openPostgres(url: string, prepare: boolean): Promise<Store> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE) || 10,
    prepare,
    // Fail fast when Postgres is down, so that callers answer 503 instead of hanging.
    connect_timeout: 5,
    onnotice: () => {},
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    kind: "postgres",
    db,
    query: async (text, params) => (await client.unsafe(text, params as never[], { prepare })) as never,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string): Promise<Store> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  // PGlite does not create the folder it is given.
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(inMemory ? dir : path.resolve(dir));
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    kind: "pglite",
    db,
    query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
