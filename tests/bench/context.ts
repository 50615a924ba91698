import postgres from "postgres";

export const quick = process.argv.includes("--quick");
/** `--readers 200,500,1000`: the fan-out sizes (default: 200 quick, else 200, 500 and 1,000). */
export const readersArgument = process.argv.includes("--readers")
  ? process.argv[process.argv.indexOf("--readers") + 1].split(",").map(Number)
  : undefined;
/** BENCH_CPU_PROF=dir: the Driftless servers write V8 CPU profiles there when they stop. */
export const cpuProfileDir = process.env.BENCH_CPU_PROF;
export const WORKLOADS = [
  "client-fold",
  "filter",
  "append",
  "closed-loop",
  "catch-up",
  "fan-out",
  "render",
  "idle",
  "import",
  "cluster",
  "pooler",
] as const;
/** `--only a,b`: run those workloads (a partial run does not replace results/latest.json). */
export const onlyArgument = process.argv[process.argv.indexOf("--only") + 1];
export const only = process.argv.includes("--only") ? new Set(onlyArgument?.split(",")) : undefined;
for (const name of only ?? []) {
  if (!(WORKLOADS as readonly string[]).includes(name)) {
    console.error(`Unknown workload "${name}": one of ${WORKLOADS.join(", ")}.`);
    process.exit(1);
  }
}
export const runs = (workload: (typeof WORKLOADS)[number]) => !only || only.has(workload);
export const { DATABASE_URL, REDIS_URL } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.error("npm run bench needs DATABASE_URL and REDIS_URL (a real Postgres and Redis).");
  process.exit(1);
}
export const sql = postgres(DATABASE_URL, { max: 40, onnotice: () => {} });
export const cleanup: (() => Promise<unknown>)[] = [];

export interface Row {
  workload: string;
  figure: string;
  value: number;
  floor?: number;
  ratio?: number;
  goal: string;
  pass: boolean;
}
export const rows: Row[] = [];
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
/**
 * A figure against its floor in the same run: the ratio, and whether it meets a goal of at most
 * (`most`) or at least (`least`) so many times the floor; no goal, a reference row.
 */
export function againstFloor(
  value: number,
  floor: number,
  goal: { most: number } | { least: number } | "reference" | "—",
): Pick<Row, "value" | "floor" | "ratio" | "goal" | "pass"> {
  const ratio = value / floor;
  if (typeof goal === "string") return { value, floor, ratio, goal, pass: true };
  if ("most" in goal) return { value, floor, ratio, goal: `≤ ${goal.most}×`, pass: ratio <= goal.most };
  return { value, floor, ratio, goal: `≥ ${goal.least}×`, pass: ratio >= goal.least };
}

export function record(row: Omit<Row, "ratio"> & { ratio?: number }) {
  rows.push({
    ...row,
    value: round(row.value),
    floor: row.floor === undefined ? undefined : round(row.floor),
    ratio: row.ratio === undefined ? undefined : round(row.ratio, 2),
  });
  const last = rows[rows.length - 1];
  console.log(
    `  ${last.workload} · ${last.figure}: ${last.value}${last.floor !== undefined ? ` (floor ${last.floor}${last.ratio === undefined ? "" : `, ratio ${last.ratio}`})` : ""} ${last.pass ? "✓" : "✗"} ${last.goal}`,
  );
}
