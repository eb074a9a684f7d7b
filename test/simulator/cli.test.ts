import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSimulate } from "../../bench/simulator/cli.js";
import { rawScenario } from "./fixtures.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-sim-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await runSimulate(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("npm run simulate", () => {
  it.each([
    ["no --scenario", [], /--scenario FILE is required/],
    ["an unknown option", ["--scenario", "x.json", "--speed", "2"], /Unknown option '--speed'/],
    ["a seed that is not a number", ["--scenario", "x.json", "--seed", "abc"], /--seed must be a whole number/],
    ["an unknown policy", ["--scenario", "x.json", "--policy", "random"], /--policy must be one of least-loaded, scarcity/],
    ["too few forks for the oracle", ["--scenario", "x.json", "--oracle", "5"], /--oracle must be 0 \(off\) or a number of forks from 20 to 5000/],
  ])("exits 2 and says what is wrong for %s", async (_title, args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/Usage: npm run simulate/);
  });

  it("exits 1 naming the bad field of an invalid scenario", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify(rawScenario({ days: "one" })));
    const result = await cli(["--scenario", file]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file}: days:`);
  });

  it("prints exactly one JSON object with --json and writes the trace and the chart", async () => {
    const file = join(dir, "ok.json");
    await writeFile(file, JSON.stringify(rawScenario()));
    const result = await cli(["--scenario", file, "--json", "--seed", "3", "--trace", join(dir, "trace.jsonl"), "--chart", join(dir, "chart.svg")]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    for (const figures of [report.overall, report.languages.en]) {
      for (const key of ["arrivals", "meanWaitS", "p90WaitS", "answeredIn60sPct", "abandonedPct", "utilizationPct", "etaMedianAbsErrorPct", "etaWithinRangePct", "erlangCMeanWaitS"]) expect(figures).toHaveProperty(key);
    }
    const trace = (await readFile(join(dir, "trace.jsonl"), "utf8")).trim().split("\n");
    expect(trace).toHaveLength(report.overall.arrivals);
    expect(Object.keys(JSON.parse(trace[0]!))).toEqual(["language", "arrivedAt", "etaShownS", "etaRange", "waitedS", "outcome"]);
    const svg = await readFile(join(dir, "chart.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("hour of arrival (UTC)");
    expect(svg).toContain("wait (seconds)");
  });

  it("prints a table per language and overall", async () => {
    const file = join(dir, "ok.json");
    await writeFile(file, JSON.stringify(rawScenario()));
    const result = await cli(["--scenario", file]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^language\s+arrivals\s+mean wait s/m);
    expect(result.out).toMatch(/^en\s+\d+/m);
    expect(result.out).toMatch(/^overall\s+\d+/m);
  });
});

describe("npm run simulate --oracle", () => {
  it("prints the oracle-relative tables with the baselines, and puts them under `oracle` in --json", async () => {
    const file = join(dir, "busy.json");
    await writeFile(file, JSON.stringify(rawScenario({ languages: { en: { arrivalsPerHour: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 10 ? 40 : 0)), meanHandleSeconds: 300, patienceSeconds: 300 } } })));
    const table = await cli(["--scenario", file, "--oracle", "40"]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Against the oracle \(40 forks per arrival\)/);
    for (const column of ["in range %", "late %", "width ÷ oracle", "int. score ÷ oracle", "median err ÷ oracle", "waited longer %", "oracle in range %"]) expect(table.out).toContain(column);
    expect(table.out).toContain("The floor: the oracle's own distribution worded by the widget");
    for (const row of ["overall", "language en", "position 1"]) expect(table.out).toContain(row);
    for (const baseline of ["QL-abandon", "head-of-line", "last customer", "Rocket.Chat"]) expect(table.out).toContain(baseline);
    const json = await cli(["--scenario", file, "--oracle", "40", "--json"]);
    const report = JSON.parse(json.out) as { oracle: { strata: Array<{ stratum: string; n: number; coveragePct: number }> } };
    expect(report.oracle.strata[0]).toMatchObject({ stratum: "overall" });
    expect(report.oracle.strata[0]!.n).toBeGreaterThan(0);
  });

  it("pools the oracle tables over a range of seeds: every run's customers together", async () => {
    const file = join(dir, "pooled.json");
    await writeFile(file, JSON.stringify(rawScenario({ languages: { en: { arrivalsPerHour: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 10 ? 40 : 0)), meanHandleSeconds: 300, patienceSeconds: 300 } } })));
    type Pooled = { seeds: number[]; oracle: { strata: Array<{ stratum: string; n: number }> }; spread: Array<{ stratum: string }> };
    const n = async (args: string[]) => (JSON.parse((await cli(["--scenario", file, "--oracle", "40", "--json", ...args])).out) as Pooled).oracle.strata[0]!.n;
    const pooled = JSON.parse((await cli(["--scenario", file, "--oracle", "40", "--json", "--seeds", "3-5"])).out) as Pooled;
    expect(pooled.seeds).toEqual([3, 4, 5]);
    expect(pooled.oracle.strata[0]!.n).toBe((await n(["--seed", "3"])) + (await n(["--seed", "4"])) + (await n(["--seed", "5"])));
    const table = await cli(["--scenario", file, "--oracle", "40", "--seeds", "3-5"]);
    expect(table.out).toMatch(/seeds 3–5 pooled/);
    expect(table.out).toContain("The floor:");
    expect(table.out).toMatch(/Between days: .* each of the 3 simulated days as one cluster/);
    expect(pooled.spread.map((s) => s.stratum)).toEqual(pooled.oracle.strata.map((s) => s.stratum));
    for (const [args, message] of [
      [["--seeds", "5-3", "--oracle", "40"], /--seeds must be a range of seeds like 1-6/],
      [["--seeds", "1-3"], /give --oracle K too/],
      [["--seeds", "1-3", "--oracle", "40", "--trace", "t.jsonl"], /writes no trace or chart/],
    ] as const) {
      const refused = await cli(["--scenario", file, ...args]);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(message);
    }
  });

  it("refuses the oracle with scarcity routing (the forks route least-loaded)", async () => {
    const file = join(dir, "s.json");
    await writeFile(file, JSON.stringify(rawScenario()));
    const result = await cli(["--scenario", file, "--oracle", "40", "--policy", "scarcity"]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/least-loaded routing only/);
  });
});
