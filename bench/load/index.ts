// `npm run bench -- load`: Parley and a bare Socket.IO relay under the same open-loop load from separate load
// processes (see bench/load/README.md for what each figure means and how it is measured).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Benchmark } from "../benchmark.js";
import { runScenario, type RunOptions, type ScenarioResult } from "./measure.js";
import { machineNow, textReport, targetRatios } from "./report.js";
import { SCENARIO_KEYS, customScenario, scenario, type Scenario } from "./scenarios.js";
import { TARGET_NAMES, type TargetName } from "./target.js";

const USAGE = `npm run bench -- load [--only 1000,5000,ramp,10k] [--targets relay,parley,redis1,redis3] [--seconds 10] [--step-seconds 4]
                        [--drain-seconds 10] [--load-processes 2] [--chats N [--customers M]] [--parley FILE] [--profile DIR]
                        [--heap-profile DIR [--heap-profile-live]] [--server-node-args="FLAGS"] [--server-log DIR] [--server-priority N] [--json]`;

export interface LoadOptions extends RunOptions {
  scenarios: Scenario[];
  targets: TargetName[];
}

/** Every scenario against every target, the relay first, each on a fresh server. */
export async function runLoadBenchmark(options: LoadOptions): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const s of options.scenarios) {
    for (const target of options.targets) results.push(await runScenario(target, s, options));
  }
  return results;
}

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be a number above 0 and at most ${max}, got "${raw}"`);
  return value;
}

/** A nice value for `--server-priority`: a whole number from -20 (first) to 19 (last). */
function priority(raw: string): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < -20 || value > 19) throw new Error(`--server-priority must be a whole number from -20 to 19, got "${raw}"`);
  return value;
}

export function parseLoadArgs(args: string[]): { options: Omit<LoadOptions, "log">; json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      only: { type: "string" }, targets: { type: "string" }, seconds: { type: "string" }, "step-seconds": { type: "string" },
      "drain-seconds": { type: "string" }, "load-processes": { type: "string" }, chats: { type: "string" }, customers: { type: "string" }, parley: { type: "string" },
      profile: { type: "string" }, "heap-profile": { type: "string" }, "heap-profile-live": { type: "boolean", default: false },
      "server-node-args": { type: "string" }, "server-log": { type: "string" }, "server-priority": { type: "string" }, json: { type: "boolean", default: false },
    },
  });
  const durations = { seconds: positive("seconds", values.seconds, 10, 600), stepSeconds: positive("step-seconds", values["step-seconds"], 4, 600) };
  const targets = (values.targets ?? TARGET_NAMES.join(",")).split(",").map((t) => t.trim());
  for (const t of targets) if (!(TARGET_NAMES as readonly string[]).includes(t)) throw new Error(`--targets: unknown target "${t}" (${TARGET_NAMES.join(", ")})`);
  if (values.parley !== undefined && !existsSync(values.parley)) throw new Error(`--parley: no file ${values.parley} (give another build's dist/server/index.js)`);
  const chats = values.chats === undefined ? null : Math.round(positive("chats", values.chats, 0, 10_000));
  const scenarios =
    chats !== null
      ? [customScenario(chats, Math.max(chats, Math.round(positive("customers", values.customers, chats, 20_000))), durations)]
      : (values.only ?? SCENARIO_KEYS.join(",")).split(",").map((key) => scenario(key.trim(), durations));
  return {
    options: {
      scenarios,
      targets: targets as TargetName[],
      loadProcesses: Math.round(positive("load-processes", values["load-processes"], 2, 4)),
      drainSeconds: positive("drain-seconds", values["drain-seconds"], 10, 120),
      ...(values.parley !== undefined && { parleyEntry: resolve(values.parley) }),
      ...(values.profile !== undefined && { profileDir: resolve(values.profile) }),
      ...(values["heap-profile"] !== undefined && { heapProfile: { dir: resolve(values["heap-profile"]), all: !values["heap-profile-live"] } }),
      ...(values["server-log"] !== undefined && { serverLogDir: resolve(values["server-log"]) }),
      ...(values["server-priority"] !== undefined && { serverPriority: priority(values["server-priority"]) }),
      ...(values["server-node-args"] !== undefined && { serverNodeArgs: values["server-node-args"].split(/\s+/).filter((a) => a !== "") }),
    },
    json: values.json,
  };
}

export const loadBenchmark: Benchmark = {
  about: "Parley (lowdb; one and three nodes on Redis) vs a bare Socket.IO relay: 1,000 / 5,000 chats, a rate ramp, 10,000 customers (latency, CPU, RSS)",
  async run(args) {
    let parsed;
    try {
      parsed = parseLoadArgs(args);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\nUsage: ${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    const { options, json } = parsed;
    // Progress goes to stderr, so --json leaves exactly one object on stdout.
    const started = Date.now();
    const before = machineNow();
    const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
    if (options.profileDir !== undefined) await mkdir(options.profileDir, { recursive: true });
    if (options.heapProfile !== undefined) await mkdir(options.heapProfile.dir, { recursive: true });
    if (options.serverLogDir !== undefined) await mkdir(options.serverLogDir, { recursive: true });
    const results = await runLoadBenchmark({ ...options, log });
    const machine = { cores: before.cores, loadAverageBefore: before.loadAverage, loadAverageAfter: machineNow().loadAverage };
    if (json) {
      const note = "the server, the load processes and the runner share these cores";
      process.stdout.write(`${JSON.stringify({ machine: { ...machine, note }, loadProcesses: options.loadProcesses, serverPriority: options.serverPriority ?? null, results, targets: targetRatios(results) })}\n`);
    } else process.stdout.write(`${textReport(results, options.loadProcesses, machine, options.serverPriority)}\n`);
    if (results.some((r) => r.error)) process.exitCode = 1;
  },
};
