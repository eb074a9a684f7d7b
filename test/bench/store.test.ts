// The store benchmark as a user runs it, in its own process at a small size: it ends by itself, answers every append and
// prints its figures as JSON. (The paced flush that once left it exiting with appends pending is covered
// deterministically in test/store/journal.test.ts; here it depends on the machine's speed.) Timings are never asserted.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

beforeAll(() => {
  if (!existsSync(join(process.cwd(), "dist/bench/run.js"))) throw new Error("dist/bench/run.js is missing: run `npm test` (it builds first) or `npm run build`");
});

describe("the store benchmark", () => {
  it("finishes every acked append with 1,000 and 100,000 messages stored and prints its figures", async () => {
    const { stdout } = await run(process.execPath, ["dist/bench/run.js", "store", "--appends", "300", "--json"], { timeout: 120_000 });
    const report = JSON.parse(stdout) as { appends: number; results: { stored: number; medianMs: number; p99Ms: number }[] };
    expect(report.appends).toBe(300);
    expect(report.results.map((r) => r.stored)).toEqual([1_000, 100_000]);
    for (const r of report.results) expect(r.medianMs).toBeGreaterThan(0), expect(r.p99Ms).toBeGreaterThanOrEqual(r.medianMs);
  }, 150_000);

  it("refuses a bad --appends with a clear error and exit code 1", async () => {
    const failed = await run(process.execPath, ["dist/bench/run.js", "store", "--appends", "zero"]).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain("--appends must be a positive whole number");
  });
});
