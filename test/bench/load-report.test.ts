// The load benchmark's text report: figures side by side, a failed scenario said once, never a flattering blank.
import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "../../bench/load/measure.js";
import { textReport } from "../../bench/load/report.js";

const machine = { cores: 2, loadAverageBefore: 0.5, loadAverageAfter: 0.7 };

function result(target: "relay" | "parley", error: string | null, p99: number): ScenarioResult {
  const spread = { p50: 1, p99, max: p99 };
  return {
    target, scenario: "1000", title: "1,000 chats × 1 msg/s", customers: 1000, chats: 1000, loadProcesses: 2, setupSeconds: 3,
    rssBytes: { agentsOnly: 1, customersConnected: 2, afterRun: 3 }, rssPerIdleCustomerKB: 27, rssPerChattingCustomerKB: 30, rateLimitedRegistrations: 0,
    steps: error ? [] : [{
      offeredPerSecond: 1000, seconds: 10, sent: 10_000, ackedOk: 10_000, ackErrors: {}, unacked: 0, lost: 0, duplicated: 0, outOfOrder: 0, stray: 0,
      disconnects: 0, delivery: spread, ack: spread, ackedPerSecond: 1000, serverCpuMsPerMessage: 0.1, serverLoopDelayMs: spread, serverGc: { totalMs: 12, maxMs: 4, major: 1, allocatedBytes: 3_000_000, promotedBytes: 100_000 }, loadCpuPercent: 20,
      loadCpuMsPerMessage: 0.2, sendLatenessP99Ms: 1, sendLatenessMaxMs: 2, passed: true, loadBound: false,
    }],
    ramp: null, error,
  };
}

describe("the load report", () => {
  it("prints both servers' figures, the ratio and the issue's targets", () => {
    const text = textReport([result("relay", null, 4), { ...result("parley", null, Number.POSITIVE_INFINITY) }], 2, machine);
    expect(text).toMatch(/customer → agent p50 \/ p99 \/ max \(ms\)\s+1\.0 \/ 4\.0 \/ 4\.0\s+1\.0 \/ never \/ never/);
    expect(text).toContain("2 cores");
    expect(text).toMatch(/server heap allocated \/ promoted per message \(KB\)\s+0\.3 \/ 0\.01\s+0\.3 \/ 0\.01\s+1\.00× \/ 1\.00×/);
    expect(text).toMatch(/1,000 chats: customer → agent p99\s+not measured/);
  });

  it("says a failed scenario once, under its table", () => {
    const text = textReport([result("relay", null, 4), result("parley", "load process en: no answer", 0)], 2, machine);
    expect(text.split("parley: failed: load process en: no answer")).toHaveLength(2);
    expect(text).toMatch(/server CPU per message \(ms\)\s+0\.100\s+failed/);
  });
});
