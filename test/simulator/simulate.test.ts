import { describe, expect, it } from "vitest";
import { simulate } from "../../bench/simulator/engine.js";
import { summarise } from "../../bench/simulator/metrics.js";
import { formatJson } from "../../bench/simulator/report.js";
import { formatTrace, type TraceLine } from "../../bench/simulator/trace.js";
import { busyHours, scenario } from "./fixtures.js";

const run = (s = scenario(), seed = 1, policy: "least-loaded" | "scarcity" = "least-loaded") => simulate(s, { seed, policy });

describe("the simulator", () => {
  it("gives identical figures for the same seed", () => {
    expect(formatJson(summarise(run(scenario(), 7)))).toBe(formatJson(summarise(run(scenario(), 7))));
  });

  it("gives different figures for a different seed", () => {
    expect(formatJson(summarise(run(scenario(), 7)))).not.toBe(formatJson(summarise(run(scenario(), 8))));
  });

  it("draws the same customers whatever the routing policy", () => {
    const two = scenario({ languages: { en: { arrivalsPerHour: busyHours(30), meanHandleSeconds: 300, patienceSeconds: 600 }, tr: { arrivalsPerHour: busyHours(6), meanHandleSeconds: 300, patienceSeconds: 600 } } });
    const arrivals = (policy: "least-loaded" | "scarcity") => run(two, 3, policy).customers.map((c) => [c.language, c.arrivedAt, c.handleMs, c.patienceMs]);
    expect(arrivals("scarcity")).toEqual(arrivals("least-loaded"));
  });

  it("reports a day with no arrivals without waits or estimates", () => {
    const report = summarise(run(scenario({ languages: { en: { arrivalsPerHour: busyHours(0), meanHandleSeconds: 300, patienceSeconds: 600 } } })));
    expect(report.overall).toMatchObject({ arrivals: 0, meanWaitS: null, p90WaitS: null, abandonedPct: null, etaMedianAbsErrorPct: null, utilizationPct: 0, erlangCMeanWaitS: null, erlangCOverloadedHours: 0 });
  });

  it("counts an overloaded hour instead of averaging an infinite Erlang C wait", () => {
    // 30 an hour × 420 s = 3.5 Erlangs against 1 slot in the first busy hour only; 4 slots would be fine.
    const s = scenario({
      languages: { en: { arrivalsPerHour: busyHours(30, 1), meanHandleSeconds: 420, patienceSeconds: 600 } },
      agents: [{ name: "Solo", languages: ["en"], maxChats: 1 }],
    });
    const report = summarise(run(s));
    expect(report.overall.erlangCOverloadedHours).toBe(1);
    expect(report.overall.erlangCMeanWaitS).toBeNull();
    expect(report.overall.abandonedPct).toBeGreaterThan(0);
  });

  it("has customers abandon when their patience is tiny and agents are busy", () => {
    const s = scenario({ languages: { en: { arrivalsPerHour: busyHours(60), meanHandleSeconds: 600, patienceSeconds: 5 } } });
    const report = summarise(run(s));
    expect(report.overall.abandonedPct).toBeGreaterThan(30);
    expect(report.overall.abandoned).toBeGreaterThan(0);
  });

  it("writes a trace from which the reported mean wait, p90 and counts are recomputed", () => {
    const result = run(scenario({ languages: { en: { arrivalsPerHour: busyHours(50), meanHandleSeconds: 300, patienceSeconds: 300 } } }), 5);
    const report = summarise(result);
    const lines = formatTrace(result.customers).trim().split("\n").map((l) => JSON.parse(l) as TraceLine);
    const waits = lines.filter((l) => l.outcome === "answered").map((l) => l.waitedS);
    expect(lines).toHaveLength(report.overall.arrivals);
    expect(waits.length).toBe(report.overall.answered);
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeCloseTo(report.overall.meanWaitS!, 1);
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[Math.ceil(0.9 * sorted.length) - 1]).toBeCloseTo(report.overall.p90WaitS!, 1);
    const abandoned = lines.filter((l) => l.outcome === "abandoned" || l.fallbackResult === "abandoned").length;
    expect((100 * abandoned) / lines.length).toBeCloseTo(report.overall.abandonedPct!, 1);
  });

  it("recomputes the ETA figures from the trace with |eta − wait| / max(wait, 30 s)", () => {
    const result = run(scenario({ languages: { en: { arrivalsPerHour: busyHours(50), meanHandleSeconds: 300, patienceSeconds: 300 } } }), 6);
    const report = summarise(result);
    const answered = formatTrace(result.customers).trim().split("\n").map((l) => JSON.parse(l) as TraceLine).filter((l) => l.outcome === "answered");
    const errors = answered.map((l) => Math.abs(l.etaShownS! - l.waitedS) / Math.max(l.waitedS, 30)).sort((a, b) => a - b);
    expect(100 * errors[Math.ceil(0.5 * errors.length) - 1]!).toBeCloseTo(report.overall.etaMedianAbsErrorPct!, 0);
    const within = answered.filter((l) => l.etaRange![0] <= l.waitedS && l.waitedS <= l.etaRange![1]).length;
    expect((100 * within) / answered.length).toBeCloseTo(report.overall.etaWithinRangePct!, 1);
  });

  it("sends a language nobody speaks to the fallback queue, or has them leave a message when there is none", () => {
    const languages = { en: { arrivalsPerHour: busyHours(10), meanHandleSeconds: 300, patienceSeconds: 600 }, ja: { arrivalsPerHour: busyHours(10), meanHandleSeconds: 300, patienceSeconds: 600 } };
    const withEnglish = summarise(run(scenario({ languages })));
    expect(withEnglish.languages.ja!.fallback).toBe(withEnglish.languages.ja!.arrivals);
    expect(withEnglish.languages.ja!.arrivals).toBeGreaterThan(0);
    const noFallback = summarise(run(scenario({ languages, fallbackLanguage: "de" })));
    expect(noFallback.languages.ja!.messages).toBe(noFallback.languages.ja!.arrivals);
  });

  it("serves nobody outside the agents' shifts", () => {
    const s = scenario({ agents: [{ name: "Late", languages: ["en"], maxChats: 2, timeZone: "UTC", shifts: [{ days: "Daily", from: "20:00", to: "22:00" }] }] });
    const result = run(s);
    // Busy hours are 08:00–11:00 and the shift starts at 20:00, beyond the 4-hour horizon: every customer leaves a message.
    expect(result.customers.every((c) => c.route === "message")).toBe(true);
  });
});
