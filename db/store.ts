import "server-only";
// The process-wide store: opened and migrated once, cached on globalThis so that Next's module
// copies (route handlers, pages, actions, instrumentation) share one pool or one PGlite.
import { configFromEnv, openStore, type Store } from "./client";
import { migrateStore } from "./migrate";

const cache = globalThis as typeof globalThis & { __driftlessStore?: Promise<Store> };

export function getStore(): Promise<Store> {
  cache.__driftlessStore ??= open().catch((error: unknown) => {
    // Forget a failed open, so that the next request tries again (e.g. Postgres came back).
    cache.__driftlessStore = undefined;
    throw error;
  });
  return cache.__driftlessStore;
}

async function open(): Promise<Store> {
  const config = configFromEnv();
  const store = await openStore(config);
  try {
    await migrateStore(store, config);
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

/** Closes the process-wide store (graceful shutdown, tests). */
export async function closeStore(): Promise<void> {
  const pending = cache.__driftlessStore;
  cache.__driftlessStore = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}
