// Runs once when a server instance starts: open the store and apply migrations (under an
// advisory lock on Postgres), and connect the bus, so that the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getStore } = await import("./db/store");
  await getStore();
  const { getHub } = await import("./lib/server/live/hub");
  getHub();
}
