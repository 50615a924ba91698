// Applies drizzle-kit migrations, once, even when several instances start together.
import { MIGRATIONS_FOLDER, type Store, type StoreConfig } from "./client";

// Any constant shared by every Driftless instance; pg_advisory_lock takes a bigint.
const MIGRATION_LOCK = 0x44524946; // "DRIF"

export async function migrateStore(store: Store, config: StoreConfig): Promise<void> {
  if (store.kind === "pglite") {
    // One process owns a PGlite folder, so there is nobody to race with.
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(store.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // The lock is held by one session: take it on a dedicated single connection, and run the
  // migrator on that same connection, so that a second instance waits and then finds nothing to do.
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Never through a transaction pooler (DATABASE_MIGRATE_URL): it would hand the locked session to
  // another client between two statements, and the unlock to a session that holds nothing.
  const url = config.migrateUrl ?? (config.databaseUrl as string);
  const client = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
