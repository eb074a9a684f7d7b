import { describe, expect, it } from "vitest";
import { simulate } from "../../bench/simulator/engine.js";
import { intervalScore, positionBand, scoreAgainstOracle, scored } from "../../bench/simulator/scores.js";
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

  it("bands places in line and scores intervals as Gneiting–Raftery", () => {
    expect([1, 2, 3, 4, 9, 10, 40].map(positionBand)).toEqual(["1", "2–3", "2–3", "4–9", "4–9", "≥10", "≥10"]);
    expect(intervalScore([60, 180], 100)).toBe(120);
    expect(intervalScore([60, 180], 240)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
    expect(intervalScore([60, 180], 0)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
  });
});
