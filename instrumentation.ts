// Runs once when a server instance starts: watch its connections (lib/server/connections.ts), open
// the store and apply migrations (under an advisory lock on Postgres), read the actor key, and
// connect the bus, so that the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, before any request is parsed: route handlers learn their connection from it.
  const { watchConnections } = await import("./lib/server/connections");
  watchConnections();
  const { getStore } = await import("./db/store");
  await getStore();
  // Read before the first page: proxy.ts signs a first visit's actor cookie with it, and cannot wait.
  const { actorKeys } = await import("./lib/server/actor-secret");
  await actorKeys();
  const { getHub } = await import("./lib/server/live/hub");
  getHub();
  // With NEXT_MANUAL_SIG_HANDLE set (npm start sets it), Driftless owns SIGTERM/SIGINT: streams end
  // with a retry hint, in-flight commands finish, exit 0. Without it, Next closes its server and
  // exits 143; the streams are still ended at once so that its close does not wait for them.
  const { shutdown } = await import("./lib/server/shutdown");
  const manual = Boolean(process.env.NEXT_MANUAL_SIG_HANDLE);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void shutdown(signal, { exit: manual }));
  }
}
