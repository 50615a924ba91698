// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the PGlite folder) and exits.
import { configFromEnv, openStore } from "./client";
import { migrateStore } from "./migrate";

const config = configFromEnv();
const store = await openStore(config);
try {
  await migrateStore(store, config);
  console.log(`Migrations applied (${store.kind}).`);
} finally {
  await store.close();
}
