import { describe, expect, it } from "vitest";
import { createAbandonRates, createHandleTimes, createSpreadCalibration, estimateWait, gammaWait, rangeOnGrid, sampleWait, type EtaAgent, type EtaInput } from "../../server/domain/eta.js";
import { shownRange } from "../../server/domain/wait-shown.js";
import { gammaCdf, gammaQuantile, gammaSpread, normalQuantile } from "../../server/domain/gamma.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const agent = (fields: Partial<EtaAgent> = {}): EtaAgent => ({ languages: ["de"], maxChats: 1, load: 1, accepting: true, changes: [], ...fields });
const input = (fields: Partial<EtaInput> = {}): EtaInput => ({
  language: "de",
  position: 1,
  now: NOW,
  handleTimeS: 300,
  agents: [agent()],
  waiting: { de: 1 },
  horizonMs: 4 * 3_600_000,
  ...fields,
});

describe("wait estimates", () => {
  it.each([
    ["one busy agent, first in line", input(), 300],
    ["one busy agent, third in line", input({ position: 3, waiting: { de: 3 } }), 900],
    ["two agents with three chats each, sixth in line", input({ position: 6, agents: [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 3, load: 3 })], waiting: { de: 6 } }), 300],
    ["a free slot now", input({ agents: [agent({ load: 0 })] }), 0],
    ["nobody now, a shift starting in 10 minutes", input({ agents: [agent({ accepting: false, load: 0, changes: [{ at: NOW + 600_000, on: true }] })] }), 600],
  ])("%s → a mean of %s s", (_title, value, expected) => {
    expect(estimateWait(value)?.meanSeconds).toBe(expected);
  });

  it("grows with the position in the queue", () => {
    const agents = [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 2, load: 2, changes: [{ at: NOW + 1_200_000, on: false }] })];
    let previous = -1;
    for (let position = 1; position <= 30; position++) {
      const eta = estimateWait(input({ position, agents, waiting: { de: 30 } }));
      expect(eta).not.toBeNull();
      expect(eta!.etaSeconds).toBeGreaterThanOrEqual(previous);
      previous = eta!.etaSeconds;
    }
  });

  it("shares a multilingual agent with the other queue in proportion to its line", () => {
    const both = [agent({ languages: ["de", "en"] })];
    expect(estimateWait(input({ agents: both, waiting: { de: 1, en: 0 } }))?.meanSeconds).toBe(300);
    expect(estimateWait(input({ agents: both, waiting: { de: 1, en: 1 } }))?.meanSeconds).toBe(600);
  });

  it("expects a shorter wait when the people ahead give up at the measured rate", () => {
    const value = input({ position: 10, waiting: { de: 10 } });
    const patient = estimateWait(value)!.meanSeconds;
    const leaving = estimateWait({ ...value, abandonPerS: 1 / 600 })!.meanSeconds;
    expect(patient).toBe(3000);
    expect(leaving).toBeLessThan(patient);
    // The abandonment-aware mean: Σ_{i=0}^{9} 1 / (μ + iθ) with μ = 1/300, θ = 1/600 (the fluid form is within 5 %).
    let exact = 0;
    for (let i = 0; i < 10; i++) exact += 1 / (1 / 300 + i / 600);
    expect(Math.abs(leaving - exact) / exact).toBeLessThan(0.05);
    // Nobody ahead: abandonment changes nothing.
    expect(estimateWait({ ...input(), abandonPerS: 1 / 600 })!.meanSeconds).toBe(300);
  });

  it("gives a rare language most of a bilingual agent when monolingual agents serve the common one", () => {
    const agents = [agent({ languages: ["tr", "en"] }), ...Array.from({ length: 5 }, () => agent({ languages: ["en"], maxChats: 3, load: 3 }))];
    const turkish = estimateWait(input({ language: "tr", agents, waiting: { tr: 1, en: 5 } }))!;
    // Shared by raw line length (1 : 5) it would be 1,800 s; fitted to how routing serves the lines it is far less.
    expect(turkish.etaSeconds).toBeLessThan(900);
  });

  it("stops counting an agent whose shift ends", () => {
    const leaving = [agent({ maxChats: 1, changes: [{ at: NOW + 60_000, on: false }] })];
    expect(estimateWait(input({ position: 5, agents: leaving, waiting: { de: 5 } }))).toBeNull();
  });

  it("has no estimate when nobody speaks the language or is due within the horizon", () => {
    expect(estimateWait(input({ agents: [agent({ languages: ["en"] })] }))).toBeNull();
    expect(estimateWait(input({ agents: [agent({ accepting: false, changes: [{ at: NOW + 5 * 3_600_000, on: true }] })] }))).toBeNull();
  });

  it("gives a range around the estimate that narrows relative to it deeper in the queue", () => {
    const first = estimateWait(input())!;
    const deep = estimateWait(input({ position: 20, waiting: { de: 20 } }))!;
    for (const eta of [first, deep]) {
      expect(eta.range[0]).toBeLessThanOrEqual(eta.etaSeconds);
      expect(eta.range[1]).toBeGreaterThanOrEqual(eta.etaSeconds);
    }
    expect(deep.range[1] / deep.range[0]).toBeLessThan(first.range[1] / first.range[0]);
  });

  it.each([1, 2, 5, 12, 40])("matches Erlang(p, cμ) for position %i behind two busy agents with three chats each", (p) => {
    // Six slots freeing at 1/300 s each: the wait of position p is Erlang(p, 6/300) — mean 50p s.
    const agents = [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 3, load: 3 })];
    const eta = estimateWait(input({ position: p, agents, waiting: { de: p } }))!;
    const mean = 50 * p;
    expect(eta.meanSeconds).toBe(mean);
    expect(eta.etaSeconds).toBeCloseTo(mean * gammaQuantile(p, 0.5), -1);
    const mass = (x: number) => gammaCdf(p, x / mean);
    // The range is on the widget's minute grid; once the wait spans several minutes it holds about 70 % of the
    // Erlang distribution and leaves about 15 % above it (for shorter waits the minute grid is coarser than that).
    expect(eta.range[0] % 60).toBe(0);
    expect(eta.range[1] % 60).toBe(0);
    if (p < 5) return;
    expect(mass(eta.range[1]) - mass(eta.range[0])).toBeGreaterThan(0.6);
    expect(mass(eta.range[1]) - mass(eta.range[0])).toBeLessThan(0.85);
    expect(1 - mass(eta.range[1])).toBeGreaterThan(0.07);
    expect(1 - mass(eta.range[1])).toBeLessThan(0.23);
  });

  it("spreads a shared agent's releases less than a dedicated agent's of the same pace (oldest first takes them in turn)", () => {
    // Both serve German at one release per 300 s: a German-only agent with one chat, and a German/English agent with
    // two chats split evenly with an English line as long. The shared agent's releases go to the two lines by age,
    // in turn: one German release is two of the agent's, Erlang(2, 2/300) — sd 300/√2 — not an exponential of 300 s.
    const dedicated = estimateWait(input())!;
    const shared = estimateWait(input({ agents: [agent({ languages: ["de", "en"], maxChats: 2, load: 2 })], waiting: { de: 1, en: 1 } }))!;
    expect(dedicated.meanSeconds).toBe(300);
    expect(shared.meanSeconds).toBe(300);
    expect(dedicated.sdSeconds).toBe(300);
    expect(shared.sdSeconds).toBe(Math.round(300 / Math.SQRT2));
    // With people ahead giving up the steps mix both: still narrower than the dedicated agent's.
    const ahead = { position: 4, abandonPerS: 1 / 600 };
    const dedicatedAhead = estimateWait(input({ ...ahead, waiting: { de: 4 } }))!;
    const sharedAhead = estimateWait(input({ ...ahead, agents: [agent({ languages: ["de", "en"], maxChats: 2, load: 2 })], waiting: { de: 4, en: 4 } }))!;
    expect(sharedAhead.meanSeconds).toBe(dedicatedAhead.meanSeconds);
    expect(sharedAhead.sdSeconds).toBeLessThan(dedicatedAhead.sdSeconds);
    expect(sharedAhead.sdSeconds).toBeGreaterThan(dedicatedAhead.sdSeconds / Math.SQRT2 - 1);
  });

  it("keeps a finite spread when a shared agent's part of the line vanishes", () => {
    // A long English line takes all of the German/English agent but a vanishing share of German (about 1e-100): its
    // pace alone is so slow that its cube underflows to 0 (this once made the spread NaN and the range "under 1 min").
    const agents = [
      agent({ languages: ["en"], maxChats: 3, load: 3 }),
      agent({ languages: ["de", "en"], maxChats: 3, load: 3 }),
      agent({ languages: ["de"], maxChats: 2, load: 2 }),
    ];
    const eta = estimateWait(input({ agents, waiting: { de: 1, en: 23 }, handleTimeS: 525 }))!;
    expect(eta.meanSeconds).toBe(263);
    expect(eta.sdSeconds).toBe(263);
    expect(eta.range[1]).toBeGreaterThan(60);
  });

  it("is certain when a shift start serves everyone ahead at once", () => {
    const agents = [agent({ maxChats: 1, load: 1 }), agent({ accepting: false, load: 0, maxChats: 3, changes: [{ at: NOW + 600_000, on: true }] })];
    const eta = estimateWait(input({ position: 3, agents, waiting: { de: 3 } }))!;
    expect(eta.etaSeconds).toBe(600);
    // Certain: the minute it falls in ("about 10–11 min").
    expect(eta.range).toEqual([600, 660]);
  });
});

describe("the range on the widget's grid", () => {
  it("is always a range the widget words as it is, on the grid its upper end sets", () => {
    for (const mean of [20, 45, 200, 1_500, 3_300, 3_700, 6_000, 11_000, 20_000, 40_000]) {
      for (const cv of [0, 0.1, 0.4, 1]) {
        const range = rangeOnGrid(gammaWait(mean, cv * mean));
        expect(shownRange(range)).toEqual(range);
        expect(range[1]).toBeGreaterThan(range[0]);
      }
    }
    // Just under an hour: minutes ("about 50–59 min" or so), not the 5-minute grid that mean + 2 sd would pick.
    const r = rangeOnGrid(gammaWait(3_200, 250));
    expect(r[1]).toBeLessThan(3_600);
    expect(r[0] % 60).toBe(0);
  });

  it("covers a far second mode when more than 15 % of the waits are there", () => {
    // 80 % of the waits within three minutes, 20 % at five hours (say, when the only agent's shift ends first).
    const waits = [...Array.from({ length: 80 }, (_, i) => 60 + (120 * i) / 79), ...Array.from({ length: 20 }, () => 18_000)];
    const range = rangeOnGrid(sampleWait(waits));
    expect(range[0]).toBe(0);
    expect(range[1]).toBeGreaterThanOrEqual(18_000);
    // 10 % there: the far mode is left above the range, which stays within minutes.
    const fewer = [...Array.from({ length: 90 }, (_, i) => 60 + (120 * i) / 89), ...Array.from({ length: 10 }, () => 18_000)];
    expect(rangeOnGrid(sampleWait(fewer))[1]).toBeLessThanOrEqual(240);
  });

  it("reads a sample's distribution function and partial mean", () => {
    const wait = sampleWait([10, 20, 30, 40]);
    expect(wait.mean).toBe(25);
    expect(wait.sd).toBeCloseTo(Math.sqrt(125), 9);
    expect(wait.at(5)).toEqual({ cdf: 0, below: 0 });
    expect(wait.at(20)).toEqual({ cdf: 0.5, below: 7.5 });
    expect(wait.at(100)).toEqual({ cdf: 1, below: 25 });
  });

  it("picks, for Erlang waits, about the 15th and 85th percentiles", () => {
    // Erlang(12) with a mean of 20 minutes: quantiles 15 % ≈ 14.1 min and 85 % ≈ 25.9 min; the minute grid is fine.
    const mean = 1_200;
    const range = rangeOnGrid(gammaWait(mean, mean / Math.sqrt(12)));
    const mass = (x: number) => gammaCdf(12, x / mean);
    expect(mass(range[0])).toBeGreaterThan(0.1);
    expect(mass(range[0])).toBeLessThan(0.2);
    expect(1 - mass(range[1])).toBeGreaterThan(0.1);
    expect(1 - mass(range[1])).toBeLessThan(0.2);
  });
});

describe("the Gamma distribution", () => {
  it("has the exponential's quantiles for shape 1 and the normal's for a large shape", () => {
    expect(gammaQuantile(1, 0.5)).toBeCloseTo(Math.log(2), 6);
    expect(gammaQuantile(3, 0.5)).toBeCloseTo(2.67406 / 3, 4);
    expect(gammaCdf(4, 1)).toBeCloseTo(0.56653, 4);
    expect(gammaQuantile(10_000, 0.5)).toBeCloseTo(1, 2);
  });

  it("gives the narrowest 70 % interval, from 0 for an exponential wait unless capped above", () => {
    const free = gammaSpread(1, 0.7);
    expect(free.lo).toBe(0);
    expect(free.hi).toBeCloseTo(-Math.log(0.3), 4);
    const capped = gammaSpread(1, 0.7, 0.15);
    expect(capped.lo).toBeCloseTo(-Math.log(0.85), 3);
    expect(capped.hi).toBeCloseTo(-Math.log(0.15), 3);
    // Shape 4: narrower than the central interval.
    const hdi = gammaSpread(4, 0.7);
    const central = gammaQuantile(4, 0.85) - gammaQuantile(4, 0.15);
    expect(hdi.hi - hdi.lo).toBeLessThan(central);
    expect(gammaCdf(4, hdi.hi) - gammaCdf(4, hdi.lo)).toBeCloseTo(0.7, 3);
  });
});

describe("abandonment rates", () => {
  it("counts people who left unserved per second waited by everyone who left", () => {
    const rates = createAbandonRates();
    expect(rates.rate("de")).toBe(0);
    rates.record("de", 100, true);
    rates.record("de", 300, false);
    expect(rates.rate("de")).toBeCloseTo(1 / 400, 10);
    expect(rates.rate("en")).toBe(0);
    // The people still in line have waited 600 s together without giving up: exposure too.
    expect(rates.rate("de", 600)).toBeCloseTo(1 / 1000, 10);
    expect(rates.rate("de", Number.NaN)).toBeCloseTo(1 / 400, 10);
  });

  it("is not too high while a line builds up (the patient ones are still waiting)", () => {
    // A line that builds from empty: 40 people join a minute apart and nobody is served; each gives up after an
    // exponential patience of mean 900 s (quantiles, so the draw is exact). After 40 minutes the ones who gave up
    // are the impatient ones; the rest are still in line.
    const rates = createAbandonRates();
    const patienceS = 900;
    const now = 40 * 60;
    let inLineS = 0;
    for (let i = 0; i < 40; i++) {
      const patience = -patienceS * Math.log(1 - (i + 0.5) / 40);
      const joined = (i * 37) % 40 * 60; // joins spread over the 40 minutes, patience unrelated to when
      const waited = now - joined;
      if (patience < waited) rates.record("en", patience, true);
      else inLineS += waited;
    }
    const withLine = rates.rate("en", inLineS);
    const departuresOnly = rates.rate("en");
    // Departures alone see only the short patiences: over twice the true rate; with the line counted, near it.
    expect(departuresOnly).toBeGreaterThan(2 / patienceS);
    expect(withLine).toBeGreaterThan(0.7 / patienceS);
    expect(withLine).toBeLessThan(1.3 / patienceS);
  });
});

describe("handle times", () => {
  it("uses the default until samples arrive, then their mean", () => {
    const times = createHandleTimes(300);
    expect(times.estimate("de")).toBe(300);
    for (const s of [100, 100, 100, 100, 100]) times.record("de", s);
    expect(times.estimate("de")).toBe(100);
  });

  it("is unbiased for exponential chats although it caps long ones", () => {
    const times = createHandleTimes(300);
    // Exponential quantiles with mean 100: the plain mean of these is 100 (to rounding).
    for (let i = 0; i < 100; i++) times.record("de", -100 * Math.log(1 - (i + 0.5) / 100));
    expect(times.estimate("de")).toBeGreaterThan(95);
    expect(times.estimate("de")).toBeLessThan(105);
  });

  it("is not dragged by an outlier (a chat left open for hours)", () => {
    const times = createHandleTimes(300);
    for (const s of [200, 220, 180, 210, 190, 200, 36_000]) times.record("de", s);
    expect(times.estimate("de")).toBeLessThan(300);
  });

  it("keeps languages apart and ignores nonsense samples", () => {
    const times = createHandleTimes(300);
    for (let i = 0; i < 5; i++) times.record("en", 60);
    times.record("de", Number.NaN);
    times.record("de", -5);
    expect(times.estimate("en")).toBe(60);
    expect(times.estimate("de")).toBe(300);
  });
});

describe("spread calibration", () => {
  // Normal quantiles at evenly spaced probabilities: a sample whose standard deviation is 1 (to rounding).
  const unitNormal = (n: number) => Array.from({ length: n }, (_, i) => normalQuantile((i + 0.5) / n));

  it("leaves the modelled spread alone until enough waits are in, and when the model's spread is right", () => {
    const spread = createSpreadCalibration(300, 30);
    for (const z of unitNormal(29)) spread.record("en", { meanSeconds: 300, sdSeconds: 100 }, 300 + 100 * z);
    expect(spread.factor("en")).toBe(1);
    for (const z of unitNormal(200)) spread.record("en", { meanSeconds: 300, sdSeconds: 100 }, 300 + 100 * z);
    expect(spread.factor("en")).toBeCloseTo(1, 1);
  });

  it("narrows a spread that is wider than the waits people had, and widens one that is narrower, within bounds", () => {
    const spread = createSpreadCalibration(300, 30, 0.6, 1.5);
    for (const z of unitNormal(300)) spread.record("de", { meanSeconds: 300, sdSeconds: 100 }, 300 + 80 * z);
    expect(spread.factor("de")).toBeCloseTo(0.8, 1);
    for (const z of unitNormal(300)) spread.record("fr", { meanSeconds: 300, sdSeconds: 100 }, 300 + 130 * z);
    expect(spread.factor("fr")).toBeCloseTo(1.3, 1);
    for (const z of unitNormal(300)) spread.record("tr", { meanSeconds: 300, sdSeconds: 100 }, 300 + 10 * z);
    expect(spread.factor("tr")).toBe(0.6);
    expect(spread.factor("pl")).toBe(1);
  });

  it("ignores estimates without a spread and impossible waits", () => {
    const spread = createSpreadCalibration(300, 1);
    spread.record("en", { meanSeconds: 0, sdSeconds: 0 }, 50);
    spread.record("en", { meanSeconds: 100, sdSeconds: 10 }, Number.NaN);
    spread.record("en", { meanSeconds: 100, sdSeconds: 10 }, -1);
    expect(spread.factor("en")).toBe(1);
  });

  it("scales the range the estimate shows", () => {
    const input: EtaInput = {
      language: "en",
      position: 6,
      now: 0,
      handleTimeS: 300,
      agents: [{ languages: ["en"], maxChats: 2, load: 2, accepting: true, changes: [] }],
      waiting: { en: 5 },
      horizonMs: 4 * 3600_000,
    };
    const plain = estimateWait(input)!;
    const narrower = estimateWait({ ...input, spreadFactor: 0.6 })!;
    expect(narrower.meanSeconds).toBe(plain.meanSeconds);
    expect(narrower.sdSeconds).toBe(plain.sdSeconds);
    expect(narrower.range[1] - narrower.range[0]).toBeLessThan(plain.range[1] - plain.range[0]);
  });
});

describe("spread calibration and people who gave up", () => {
  it("counts someone who gave up only once they had waited beyond the mean, as a lower bound", () => {
    const early = createSpreadCalibration(300, 1);
    early.record("en", { meanSeconds: 300, sdSeconds: 100 }, 100, false);
    expect(early.factor("en")).toBe(1);
    const late = createSpreadCalibration(300, 1, 0.6, 1.5);
    late.record("en", { meanSeconds: 300, sdSeconds: 100 }, 420, false);
    expect(late.factor("en")).toBeCloseTo(1.2, 5);
  });
});
