import { describe, expect, it } from "vitest";
import { simulate } from "../../bench/simulator/engine.js";
import type { Customer } from "../../bench/simulator/desk.js";
import { daySpread, intervalScore, longerThan, positionBand, scoreAgainstOracle, scored } from "../../bench/simulator/scores.js";
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

  it("scores the estimates shown as rough guesses apart: those given before the language had 20 finished chats", () => {
    const result = run();
    const all = result.customers.filter(scored);
    const rough = all.filter((c) => c.roughGuess);
    // The day starts with no history: the first customers who queued were told a rough guess, the later ones not.
    expect(rough.length).toBeGreaterThan(0);
    expect(rough.length).toBeLessThan(all.length);
    const firstSure = all.findIndex((c) => !c.roughGuess);
    expect(all.slice(firstSure).every((c) => !c.roughGuess)).toBe(true);
    // Twenty chats had to end first: at least 20 customers had been answered before the first estimate called reliable.
    const before = result.customers.filter((c) => c.arrivedAt < all[firstSure]!.arrivedAt && c.result === "answered");
    expect(before.length).toBeGreaterThanOrEqual(20);
    const stratum = scoreAgainstOracle(result).strata.find((s) => s.stratum === "shown as a rough guess")!;
    expect(stratum.n).toBe(rough.length);
  });

  it("bands places in line and scores intervals as Gneiting–Raftery", () => {
    expect([1, 2, 3, 4, 9, 10, 40].map(positionBand)).toEqual(["1", "2–3", "2–3", "4–9", "4–9", "≥10", "≥10"]);
    expect(intervalScore([60, 180], 100)).toBe(120);
    expect(intervalScore([60, 180], 240)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
    expect(intervalScore([60, 180], 0)).toBeCloseTo(120 + (2 / 0.3) * 60, 9);
  });

  it("counts a wait within half a second of the estimate as half longer, half shorter (a certain wait is no bias)", () => {
    expect([longerThan(101, 100), longerThan(99, 100), longerThan(100.4, 100), longerThan(99.6, 100)]).toEqual([1, 0, 0.5, 0.5]);
  });
});

describe("the spread between days", () => {
  const DAY = 24 * 3600 * 1000;
  const start = Date.UTC(2026, 2, 2);
  // A queued customer on `day` who waited `waitS`, shown 2–5 min with a median of 200 s; the floor 1–4 min, median 150 s.
  const customer = (day: number, waitS: number): Customer =>
    ({
      id: `c${day}-${waitS}`,
      seq: 0,
      language: "en",
      queue: "en",
      route: "own",
      arrivedAt: start + day * DAY + 3_600_000,
      patienceMs: 1e9,
      handleMs: 1,
      eta: { etaSeconds: 200, range: [120, 300], meanSeconds: 200, sdSeconds: 60 },
      result: "answered",
      waitedMs: waitS * 1000,
      position: 5,
      potentialWaitMs: waitS * 1000,
      oracle: { medianS: 150, range: [60, 240], certain: false, shown: [60, 240] },
      baselines: null,
      nearShiftChange: false,
      roughGuess: false,
    }) as Customer;
  // Ten customers on a day, `inside` of them waiting 200 s (inside both ranges), the rest 400 s (late for both).
  const day = (index: number, inside: number) => Array.from({ length: 10 }, (_, i) => customer(index, i < inside ? 200 : 400));

  it("gives each pooled share two standard errors that count each simulated day as one cluster", () => {
    // Days at 60 % and 80 %: p = 70 %, SE² = 2/1 · ((6 − 7)² + (8 − 7)²) / 20² = 0.01, so ± 20 points.
    const [apart] = daySpread([[...day(0, 6), ...day(1, 8)]], ["en"], start);
    expect(apart!.coverage).toEqual({ pct: 70, margin: 20 });
    expect(apart!.late).toEqual({ pct: 30, margin: 20 });
    // The same customers split over two runs of one day each: the same clusters, the same figures.
    expect(daySpread([day(0, 6), day(0, 8)], ["en"], start)[0]!.coverage).toEqual({ pct: 70, margin: 20 });
    // Days that agree leave no doubt; one day alone gives no standard error.
    expect(daySpread([[...day(0, 7), ...day(1, 7)]], ["en"], start)[0]!.coverage).toEqual({ pct: 70, margin: 0 });
    expect(daySpread([day(0, 6)], ["en"], start)[0]!.coverage).toEqual({ pct: 60, margin: null });
  });

  it("pairs Parley with the floor on the same customers, so what both get right or wrong cancels", () => {
    const [overall] = daySpread([[...day(0, 6), ...day(1, 8)]], ["en"], start);
    // Both ranges hold every 200 s wait and miss every 400 s one: no difference, whatever the days do.
    expect(overall!.coverageVsFloor).toEqual({ pct: 0, margin: 0 });
    expect(overall!.lateVsFloor).toEqual({ pct: 0, margin: 0 });
    // A 200 s wait is not longer than Parley's median (200 s: a tie, ½) but longer than the floor's (150 s): −½ each.
    expect(overall!.longerVsFloor.pct).toBeCloseTo((-0.5 * 14 * 100) / 20, 1);
  });

  it("agrees with the pooled tables on every stratum's share", () => {
    const runs = [4, 5].map((seed) =>
      simulate(scenario({ languages: { en: { arrivalsPerHour: busyHours(50), meanHandleSeconds: 300, patienceSeconds: 120 } } }), { seed, policy: "least-loaded", oracleK: 30 }),
    );
    const pooled = scoreAgainstOracle({ ...runs[0]!, customers: runs.flatMap((r) => r.customers) });
    const spread = daySpread(runs.map((r) => r.customers), ["en"], runs[0]!.scenario.start);
    expect(spread.map((s) => [s.stratum, s.n, s.coverage.pct, s.late.pct, s.longer.pct])).toEqual(pooled.strata.map((s) => [s.stratum, s.n, s.coveragePct, s.latePct, s.longerPct]));
    expect(spread[0]!.coverage.margin).toBeGreaterThan(0);
  });
});
