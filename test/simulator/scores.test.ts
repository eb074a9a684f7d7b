import { describe, expect, it } from "vitest";
import { simulate } from "../../bench/simulator/engine.js";
import { intervalScore, positionBand, scoreAgainstOracle, scored } from "../../bench/simulator/scores.js";
import { shownRange } from "../../server/domain/wait-shown.js";
import { busyHours, scenario } from "./fixtures.js";

describe("ghosts and oracle scores", () => {
  const run = () =>
    simulate(scenario({ languages: { en: { arrivalsPerHour: busyHours(50), meanHandleSeconds: 300, patienceSeconds: 120 } } }), { seed: 4, policy: "least-loaded", oracleK: 50 });

  it("keeps people who gave up in line as ghosts and scores them at the moment a slot would have reached them", () => {
    const { customers } = run();
    const answered = customers.filter((c) => c.result === "answered");
    const ghosts = customers.filter((c) => c.result === "abandoned");
    expect(ghosts.length).toBeGreaterThan(10);
    for (const c of answered) expect(c.potentialWaitMs).toBe(c.waitedMs);
    // A ghost was not reached before giving up: their potential wait is at least their patience.
    for (const g of ghosts) if (g.potentialWaitMs !== null) expect(g.potentialWaitMs).toBeGreaterThanOrEqual(g.patienceMs);
    expect(ghosts.filter((g) => g.potentialWaitMs !== null).length).toBeGreaterThan(ghosts.length * 0.9);
    // Ghosts are scored, not only the patient ones.
    expect(customers.filter(scored).some((c) => c.result === "abandoned")).toBe(true);
  });

  it("gives every scored customer the oracle's median inside its narrowest interval", () => {
    const result = run();
    for (const c of result.customers.filter(scored)) {
      expect(c.oracle).not.toBeNull();
      expect(c.oracle!.range[0]).toBeLessThanOrEqual(c.oracle!.medianS + 1e-9);
    }
    const report = scoreAgainstOracle(result);
    expect(report.strata.map((s) => s.stratum)).toContain("overall");
    expect(report.strata[0]!.oracleCoveragePct).toBeGreaterThan(50);
  });

  it("words the oracle's distribution as the widget would (the floor) and splits the scores by how the range reads", () => {
    const result = run();
    for (const c of result.customers.filter(scored)) {
      const [lo, hi] = c.oracle!.shown;
      expect(shownRange([lo, hi])).toEqual([lo, hi]);
      // The floor's range holds the oracle's median (it spans the 15th to the 85th percentile of the forks).
      expect(lo).toBeLessThanOrEqual(c.oracle!.medianS);
      expect(hi).toBeGreaterThanOrEqual(c.oracle!.medianS);
    }
    const report = scoreAgainstOracle(result);
    const overall = report.strata[0]!;
    expect(overall.floor.coveragePct).toBeGreaterThan(50);
    expect(overall.floor.widthRatio).toBeGreaterThan(0.8);
    const under = report.strata.find((s) => s.stratum === 'shown "under N"')!;
    const about = report.strata.find((s) => s.stratum === 'shown "about a–b"')!;
    expect(under.n + about.n).toBe(overall.n);
    // "under N" has no early misses: its coverage is 100 − late.
    expect(under.coveragePct! + under.latePct!).toBeCloseTo(100, 5);
  });

  it("bands places in line and scores intervals as Gneiting–Raftery", () => {
    expect([1, 2, 3, 4, 9, 10, 40].map(positionBand)).toEqual(["1", "2–3", "2–3", "4–9", "4–9", "≥10", "≥10"]);
    expect(intervalScore([60, 180], 100)).toBe(120);
    expect(intervalScore([60, 180], 240)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
    expect(intervalScore([60, 180], 0)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
  });
});
