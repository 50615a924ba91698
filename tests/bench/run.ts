// npm run bench [-- --quick] [-- --only fan-out,idle]: Driftless against a floor measured in the same run, on the same
// Postgres and Redis (DATABASE_URL, REDIS_URL), against `next start` on the current build.
// Prints a table (figure, floor, ratio, goal, pass) and writes tests/bench/results/latest.json.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../integration/servers";
import { cleanup, only, quick, rows, runs, sql } from "./context";
import { driftless, warm } from "./servers";
import { benchAppend } from "./workloads/append";
import { benchCatchUp } from "./workloads/catch-up";
import { benchClientFold } from "./workloads/client-fold";
import { benchClosedLoop } from "./workloads/closed-loop";
import { benchCluster, benchPooler } from "./workloads/cluster";
import { benchFanOut } from "./workloads/fan-out";
import { benchFilter } from "./workloads/filter";
import { benchIdle } from "./workloads/idle";
import { benchImport } from "./workloads/import";
import { benchRender } from "./workloads/render";

try {
  console.log(
    `Driftless benchmarks${quick ? " (quick)" : ""} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  if (runs("client-fold")) benchClientFold();
  if (runs("filter")) benchFilter();
  if (runs("append") || runs("closed-loop") || runs("catch-up") || runs("fan-out")) {
    const a = await warm(await driftless());
    if (runs("append")) await benchAppend(a);
    if (runs("catch-up")) await benchCatchUp(a);
    if (runs("closed-loop") || runs("fan-out")) {
      const b = await warm(await driftless());
      if (runs("closed-loop")) await benchClosedLoop(a, b);
      if (runs("fan-out")) await benchFanOut(a, b);
      await b.stop();
    }
    // Each server holds a pool of store connections: the later workloads' must fit beside the
    // bench's own in Postgres' 100.
    await a.stop();
  }
  if (runs("render")) await benchRender();
  if (runs("idle")) await benchIdle();
  if (runs("import")) await benchImport();
  if (runs("cluster")) await benchCluster();
  if (runs("pooler")) await benchPooler();
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  await sql.end({ timeout: 5 });
}

const table = [
  "| workload | figure | Driftless | floor | ratio | goal | |",
  "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ...rows.map(
    (row) =>
      `| ${row.workload} | ${row.figure} | ${row.value} | ${row.floor ?? "—"} | ${row.ratio ?? "—"} | ${row.goal} | ${row.pass ? "pass" : "FAIL"} |`,
  ),
].join("\n");
console.log(`\n${table}\n`);
const gated = rows.filter((row) => row.goal !== "—" && row.goal !== "reference");
console.log(`${gated.filter((row) => row.pass).length} of ${gated.length} goals hold.`);
if (!only)
  writeFileSync(
    path.join(ROOT, "tests/bench/results/latest.json"),
    `${JSON.stringify({ at: new Date().toISOString(), quick, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, rows }, null, 2)}\n`,
  );
process.exit(0);
