// The load benchmark's harness at tiny scale against the real server process and the relay: every message is
// accounted for and every figure is there. Timings are never asserted (a benchmark is not a test).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runLoadBenchmark } from "../../bench/load/index.js";
import { placement } from "../../bench/load/measure.js";
import { customScenario } from "../../bench/load/scenarios.js";
import { describeWithRedis } from "../helpers/redis.js";

beforeAll(() => {
  for (const file of ["dist/server/index.js", "dist/bench/load/driver.js", "dist/bench/load/relay.js", "dist/bench/load/probe.js"]) {
    if (!existsSync(join(process.cwd(), file))) throw new Error(`${file} is missing: run \`npm test\` (it builds first) or \`npm run build\``);
  }
});

describe("the load benchmark harness", () => {
  it("drives 5 chats from two load processes against Parley and the relay, accounts for every message and profiles each measured step", async () => {
    const seconds = 2;
    const profileDir = await mkdtemp(join(tmpdir(), "parley-load-profile-"));
    const results = await runLoadBenchmark({
      scenarios: [customScenario(5, 8, { seconds, stepSeconds: seconds })],
      targets: ["relay", "parley"],
      loadProcesses: 2,
      drainSeconds: 20,
      profileDir,
      log: () => {},
    });
    // One CPU profile per server and measured step (the warm-up is not profiled), readable by Chrome DevTools.
    expect((await readdir(profileDir)).sort()).toEqual(["parley-custom-5.cpuprofile", "relay-custom-5.cpuprofile"]);
    const profile = JSON.parse(await readFile(join(profileDir, "parley-custom-5.cpuprofile"), "utf8")) as { nodes: unknown[]; samples: unknown[]; startTime: number; endTime: number };
    expect(profile.nodes.length).toBeGreaterThan(1);
    expect(profile.samples.length).toBeGreaterThan(0);
    // The step sends for `seconds` (the last chat's last message is due just under that after the start).
    expect(profile.endTime - profile.startTime).toBeGreaterThan((seconds - 1) * 1e6);
    await rm(profileDir, { recursive: true, force: true });
    expect(results.map((r) => [r.target, r.error])).toEqual([["relay", null], ["parley", null]]);
    for (const result of results) {
      const [step] = result.steps;
      expect(result.steps).toHaveLength(1);
      expect(step).toMatchObject({ offeredPerSecond: 5, sent: 5 * seconds, ackedOk: 5 * seconds, unacked: 0, ackErrors: {}, lost: 0, duplicated: 0, outOfOrder: 0, disconnects: 0 });
      for (const value of [step!.delivery.p50, step!.delivery.p99, step!.delivery.max, step!.ack.p99, step!.serverLoopDelayMs.p99, step!.ackedPerSecond, step!.loadCpuPercent]) {
        expect(Number.isFinite(value) && value >= 0).toBe(true);
      }
      expect(step!.serverCpuMsPerMessage).toBeGreaterThan(0);
      expect(result.rssBytes.agentsOnly).toBeGreaterThan(10_000_000);
      expect(result.rssBytes.customersConnected).toBeGreaterThan(10_000_000);
      expect(result.rateLimitedRegistrations).toBe(0);
    }
  }, 180_000);
});

// Pure: runs without Redis too.
describe("the load benchmark's placement of clients on nodes", () => {
  it("puts each load process's customers on other nodes than its agents", () => {
    expect(placement(["a"], 2)).toEqual([{ agents: "a", customers: ["a"] }, { agents: "a", customers: ["a"] }]);
    expect(placement(["a", "b", "c"], 2)).toEqual([{ agents: "a", customers: ["b", "c"] }, { agents: "b", customers: ["a", "c"] }]);
  });
});

describeWithRedis("the load benchmark harness on Redis", () => {
  it("drives 5 chats against one node and three node processes on Redis and accounts for every message", async () => {
    const seconds = 2;
    const results = await runLoadBenchmark({
      scenarios: [customScenario(5, 8, { seconds, stepSeconds: seconds })],
      targets: ["redis1", "redis3"],
      loadProcesses: 2,
      drainSeconds: 20,
      log: () => {},
    });
    expect(results.map((r) => [r.target, r.error])).toEqual([["redis1", null], ["redis3", null]]);
    for (const result of results) {
      const [step] = result.steps;
      expect(step).toMatchObject({ offeredPerSecond: 5, sent: 5 * seconds, ackedOk: 5 * seconds, unacked: 0, ackErrors: {}, lost: 0, duplicated: 0, outOfOrder: 0, disconnects: 0 });
      expect(step!.serverCpuMsPerMessage).toBeGreaterThan(0);
      expect(result.rssBytes.customersConnected).toBeGreaterThan(10_000_000);
    }
  }, 240_000);
});
