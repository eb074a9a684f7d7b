import { describe, expect, it } from "vitest";
import { createAbandonRates, createHandleTimes, estimateWait, gammaQuantile, type EtaAgent, type EtaInput } from "../../server/domain/eta.js";

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
  ])("%s → %s s", (_title, value, expected) => {
    expect(estimateWait(value)?.etaSeconds).toBe(expected);
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
    expect(estimateWait(input({ agents: both, waiting: { de: 1, en: 0 } }))?.etaSeconds).toBe(300);
    expect(estimateWait(input({ agents: both, waiting: { de: 1, en: 1 } }))?.etaSeconds).toBe(600);
  });

  it("expects a shorter wait when the people ahead give up at the measured rate", () => {
    const value = input({ position: 10, waiting: { de: 10 } });
    const patient = estimateWait(value)!.etaSeconds;
    const leaving = estimateWait({ ...value, abandonPerS: 1 / 600 })!.etaSeconds;
    expect(patient).toBe(3000);
    expect(leaving).toBeLessThan(patient);
    // Nobody ahead: abandonment changes nothing.
    expect(estimateWait({ ...input(), abandonPerS: 1 / 600 })!.etaSeconds).toBe(300);
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

  it("uses the exact exponential quantile for one step and Wilson–Hilferty beyond", () => {
    expect(gammaQuantile(1, 0.5, 0)).toBeCloseTo(Math.log(2), 6);
    expect(gammaQuantile(100, 0.5, 0)).toBeCloseTo(1, 1);
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
  });
});

describe("handle times", () => {
  it("uses the default until samples arrive, then their mean", () => {
    const times = createHandleTimes(300);
    expect(times.estimate("de")).toBe(300);
    for (const s of [100, 100, 100, 100, 100]) times.record("de", s);
    expect(times.estimate("de")).toBe(100);
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
