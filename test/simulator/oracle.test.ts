import { describe, expect, it } from "vitest";
import { createOracle, narrowest } from "../../bench/simulator/oracle.js";
import { gammaQuantile, gammaSpread } from "../../server/domain/gamma.js";
import { busyHours, scenario } from "./fixtures.js";

const NOW = Date.parse("2026-03-02T09:00:00Z");
// One language, no arrivals during the forks (the target is last in line: later arrivals never pass them).
const markov = (patienceSeconds: number) => scenario({ languages: { en: { arrivalsPerHour: busyHours(0), meanHandleSeconds: 300, patienceSeconds } } });

/** c busy slots (two agents), `ahead` people waiting, everyone exponential: the textbook M/M/c state. */
function state(ahead: number) {
  const agent = { languages: ["en"], maxChats: 3, accepting: true, idleSince: NOW, changes: [], chats: Array.from({ length: 3 }, () => ({ startedAt: NOW - 60_000, language: "en" })) };
  return {
    now: NOW,
    queue: "en",
    waiting: Array.from({ length: ahead }, (_, i) => ({ queue: "en", language: "en", arrivedAt: NOW - 1000 * (ahead - i) })),
    agents: [agent, { ...agent }],
  };
}

describe("the oracle", () => {
  it.each([1, 4, 12])("forks an M/M/c line into Erlang(p, cμ) for position %i", (p) => {
    const waits = createOracle(markov(1e9), 1, 4000).samples(state(p - 1), `t${p}`);
    // Six slots at 1/300 s each: Erlang(p, 1/50 s), mean 50p s.
    const mean = 50 * p;
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeGreaterThan(mean * 0.95);
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeLessThan(mean * 1.05);
    const median = waits[waits.length >> 1]!;
    expect(Math.abs(median - mean * gammaQuantile(p, 0.5)) / (mean * gammaQuantile(p, 0.5))).toBeLessThan(0.07);
    const [lo, hi] = narrowest(waits, 0.7);
    const hdi = gammaSpread(p, 0.7);
    expect(Math.abs((hi - lo) / (mean * (hdi.hi - hdi.lo)) - 1)).toBeLessThan(0.08);
  });

  it("matches the abandonment-aware sum when the people ahead give up", () => {
    // Ten ahead with a 600 s mean patience: the mean wait is Σ_{i=0}^{10} 1 / (cμ + iθ).
    const waits = createOracle(markov(600), 2, 4000).samples(state(10), "t");
    let exact = 0;
    for (let i = 0; i <= 10; i++) exact += 1 / (6 / 300 + i / 600);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(Math.abs(mean - exact) / exact).toBeLessThan(0.05);
  });

  it("never reads the run's own draws: the same state gives the same forks whatever the customer drew", () => {
    const oracle = createOracle(markov(1e9), 3, 300);
    expect(oracle.samples(state(3), "same")).toEqual(oracle.samples(state(3), "same"));
    expect(oracle.samples(state(3), "other")).not.toEqual(oracle.samples(state(3), "same"));
  });

  it("is certain when a slot is free", () => {
    const free = state(0);
    free.agents[0] = { ...free.agents[0]!, chats: [] };
    expect(createOracle(markov(600), 1, 300).samples(free, "t")).toEqual([0]);
  });

  it("takes the narrowest interval of the samples", () => {
    expect(narrowest([0, 1, 2, 3, 10, 20, 30, 40, 50, 60], 0.3)).toEqual([0, 2]);
    expect(narrowest([0, 10, 20, 21, 22, 60], 0.5)).toEqual([20, 22]);
  });
});
