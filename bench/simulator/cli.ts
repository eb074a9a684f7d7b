// `npm run simulate -- --scenario FILE [--seed N] [--policy P] [--json] [--chart out.svg] [--trace FILE]`.
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { RoutingPolicy } from "../../server/domain/routing.js";
import { simulate } from "./engine.js";
import { renderChart } from "./chart.js";
import { summarise } from "./metrics.js";
import { formatJson, formatTable } from "./report.js";
import { loadScenario } from "./scenario.js";
import { daySpread, formatDaySpread, formatOracleTables, scoreAgainstOracle } from "./scores.js";
import { formatTrace } from "./trace.js";

const POLICIES: readonly RoutingPolicy[] = ["least-loaded", "scarcity"];

export const USAGE = `Usage: npm run simulate -- --scenario FILE [--seed N | --seeds A-B] [--policy ${POLICIES.join("|")}] [--json] [--chart out.svg] [--trace FILE] [--oracle K]`;

/** Where the command writes (process streams in the real command, strings in tests). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the command; resolves to the exit code: 0 done, 1 the scenario is invalid, 2 bad arguments. */
export async function runSimulate(args: string[], io: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: "string" },
        seed: { type: "string", default: "1" },
        policy: { type: "string", default: "least-loaded" },
        json: { type: "boolean", default: false },
        chart: { type: "string" },
        trace: { type: "string" },
        oracle: { type: "string", default: "0" },
        seeds: { type: "string" },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const problems: string[] = [];
  if (!values.scenario) problems.push("--scenario FILE is required");
  const seed = Number(values.seed);
  if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) problems.push(`--seed must be a whole number ≥ 0, got "${values.seed}"`);
  const policy = values.policy as RoutingPolicy;
  if (!POLICIES.includes(policy)) problems.push(`--policy must be one of ${POLICIES.join(", ")}, got "${values.policy}"`);
  const oracleK = Number(values.oracle);
  if (!/^\d+$/.test(values.oracle) || !(oracleK === 0 || (oracleK >= 20 && oracleK <= 5000))) problems.push(`--oracle must be 0 (off) or a number of forks from 20 to 5000, got "${values.oracle}"`);
  // --seeds A-B: the oracle tables over the customers of every run from seed A to seed B together.
  const range = values.seeds === undefined ? null : /^(\d+)-(\d+)$/.exec(values.seeds);
  if (values.seeds !== undefined) {
    if (!range || Number(range[2]) < Number(range[1]) || Number(range[2]) - Number(range[1]) >= 100) problems.push(`--seeds must be a range of seeds like 1-6 (at most 100), got "${values.seeds}"`);
    if (oracleK === 0) problems.push("--seeds pools the oracle tables: give --oracle K too");
    if (values.trace || values.chart) problems.push("--seeds writes no trace or chart (one run each): drop --trace and --chart");
  }
  if (problems.length > 0) {
    io.err(`${problems.join("\n")}\n${USAGE}\n`);
    return 2;
  }

  const loaded = await loadScenario(values.scenario!);
  if (!loaded.ok) {
    io.err(`invalid scenario:\n${loaded.errors.map((e) => `  ${e}`).join("\n")}\n`);
    return 1;
  }
  if (oracleK > 0 && policy !== "least-loaded") {
    io.err(`--oracle forks the run with least-loaded routing only; drop --policy ${policy} or --oracle\n`);
    return 2;
  }
  if (range) {
    const seeds = Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
    const runs = seeds.map((s) => simulate(loaded.scenario, { seed: s, policy, oracleK }));
    const pooled = scoreAgainstOracle({ ...runs[0]!, customers: runs.flatMap((r) => r.customers) });
    const spread = daySpread(runs.map((r) => r.customers), Object.keys(loaded.scenario.languages), loaded.scenario.start);
    if (values.json) {
      io.out(JSON.stringify({ seeds, oracle: pooled, spread }) + "\n");
      return 0;
    }
    io.out(`${basename(values.scenario!)}: ${loaded.scenario.days} day(s) from ${new Date(loaded.scenario.start).toISOString()}, seeds ${seeds[0]}–${seeds.at(-1)} pooled, policy ${policy}\n\n`);
    io.out(`Against the oracle (${oracleK} forks per arrival), the customers of all ${seeds.length} runs together:\n\n${formatOracleTables(pooled)}\n\n${formatDaySpread(spread, seeds.length * loaded.scenario.days)}\n`);
    return 0;
  }
  const result = simulate(loaded.scenario, { seed, policy, oracleK });
  const report = summarise(result);
  const oracle = oracleK > 0 ? scoreAgainstOracle(result) : null;
  if (values.trace) await writeFile(values.trace, formatTrace(result.customers));
  if (values.chart) await writeFile(values.chart, renderChart(result, `${basename(values.scenario!)} — seed ${seed}, ${policy}`));
  if (values.json) {
    io.out((oracle ? JSON.stringify({ ...report, oracle }) : formatJson(report)) + "\n");
    return 0;
  }
  io.out(`${basename(values.scenario!)}: ${loaded.scenario.days} day(s) from ${new Date(loaded.scenario.start).toISOString()}, seed ${seed}, policy ${policy}\n\n`);
  io.out(formatTable(report) + "\n");
  if (oracle) io.out(`\nAgainst the oracle (${oracleK} forks per arrival):\n\n${formatOracleTables(oracle)}\n`);
  if (values.trace) io.out(`\ntrace: ${values.trace}\n`);
  if (values.chart) io.out(`chart: ${values.chart}\n`);
  return 0;
}
