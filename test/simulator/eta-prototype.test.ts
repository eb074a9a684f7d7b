import { describe, expect, it } from "vitest";
import { estimateWait, type EtaAgent, type EtaInput } from "../../server/domain/eta.js";
import { createAbandonRates, estimateWaitPrototype } from "../../bench/simulator/eta-prototype.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const agent = (fields: Partial<EtaAgent> = {}): EtaAgent => ({ languages: ["de"], maxChats: 2, load: 2, accepting: true, changes: [], ...fields });
const input = (fields: Partial<EtaInput> = {}): EtaInput => ({ language: "de", position: 4, now: NOW, handleTimeS: 300, agents: [agent(), agent()], waiting: { de: 4 }, horizonMs: 4 * 3_600_000, ...fields });

describe("the estimate prototype", () => {
  it.each([
    ["monolingual agents, fourth in line", input()],
    ["a shift starting in 10 minutes", input({ agents: [agent({ accepting: false, load: 0, changes: [{ at: NOW + 600_000, on: true }] })], position: 1, waiting: { de: 1 } })],
    ["a free slot now", input({ agents: [agent({ load: 1 })], position: 1, waiting: { de: 1 } })],
  ])("matches the product's estimate without abandonment or other languages: %s", (_title, value) => {
    expect(estimateWaitPrototype({ ...value, abandonPerS: 0 })!.etaSeconds).toBeCloseTo(estimateWait(value)!.etaSeconds, -1);
  });

  it("expects a shorter wait when people ahead abandon", () => {
    const value = input({ position: 10, waiting: { de: 10 } });
    expect(estimateWaitPrototype({ ...value, abandonPerS: 1 / 600 })!.etaSeconds).toBeLessThan(estimateWaitPrototype({ ...value, abandonPerS: 0 })!.etaSeconds);
  });

  it("gives a rare language most of a bilingual agent when monolingual agents serve the common one", () => {
    const agents = [agent({ languages: ["tr", "en"], maxChats: 1, load: 1 }), ...Array.from({ length: 5 }, () => agent({ languages: ["en"], maxChats: 3, load: 3 }))];
    const value = input({ language: "tr", position: 1, agents, waiting: { tr: 1, en: 5 } });
    expect(estimateWaitPrototype({ ...value, abandonPerS: 0 })!.etaSeconds).toBeLessThan(estimateWait(value)!.etaSeconds);
  });

  it("measures abandonment as abandonments per second waited", () => {
    const rates = createAbandonRates();
    expect(rates.rate("de")).toBe(0);
    rates.record("de", 100, true);
    rates.record("de", 300, false);
    expect(rates.rate("de")).toBeCloseTo(1 / 400, 9);
  });
});
