// Preloaded into a server under test (NODE_OPTIONS="--expose-gc --require …"): on SIGUSR2, a full
// garbage collection, then one line on stderr with what the process holds, so that a memory figure
// counts what the server keeps, not what it has not collected yet.
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.stderr.write(`collected-garbage ${JSON.stringify({ rss, held: heapUsed + external })}\n`);
});
