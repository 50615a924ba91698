import "server-only";
import { configFromEnv } from "@/db/client";
import { getStore } from "@/db/store";
import { log } from "./log";

const TIMEOUT_MS = 3000;

export async function health() {
  const store = configFromEnv().databaseUrl ? "postgres" : "pglite";
  const bus = process.env.REDIS_URL || process.env.REDIS_CLUSTER_NODES ? "redis" : "memory";
  try {
    await withTimeout((async () => (await getStore()).ping())(), TIMEOUT_MS);
    return { ok: true, store, bus } as const;
  } catch (error) {
    log.warn("health check failed", { store, error });
    return { ok: false, store, bus, failing: "store", reason: `The ${store} store is unreachable.` } as const;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
