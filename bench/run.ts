// `npm run bench -- <name> [options]`: runs one benchmark from the registry below.
import type { Benchmark } from "./benchmark.js";

// One line per benchmark; each module is loaded only when its benchmark runs.
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  store: async () => (await import("./store.js")).storeBenchmark,
  "store-burst": async () => (await import("./store-burst.js")).storeBurstBenchmark,
  queue: async () => (await import("./queue.js")).queueBenchmark,
  size: async () => (await import("./size.js")).sizeBenchmark,
  load: async () => (await import("./load/index.js")).loadBenchmark,
  widget: async () => (await import("./widget.js")).widgetBenchmark,
  crash: async () => (await import("./crash.js")).crashBenchmark,
  storm: async () => (await import("./storm.js")).stormBenchmark,
  soak: async () => (await import("./soak.js")).soakBenchmark,
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (!load || !Object.hasOwn(BENCHMARKS, name!)) {
    const lines = await Promise.all(Object.entries(BENCHMARKS).map(async ([key, get]) => `  ${key.padEnd(10)} ${(await get()).about}`));
    const problem = name === undefined || name === "help" || name === "--help" ? "" : `unknown benchmark "${name}"\n\n`;
    (problem ? process.stderr : process.stdout).write(`${problem}Usage: npm run bench -- <name> [--json]\n\nBenchmarks:\n${lines.join("\n")}\n`);
    return problem ? 2 : 0;
  }
  await (await load()).run(args);
  return 0;
}

process.exitCode = await main();
