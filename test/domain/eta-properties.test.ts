// Property-based: wait estimates over random desks — agents of one to three languages, loads, shifts starting and
// ending within the horizon, other lines' older customers, people giving up — are always finite and well formed, never
// shorter for a later place (nor open to it when closed to an earlier one), and never shorter with more older
// customers elsewhere taking shared agents' releases, nor when those customers came earlier.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateWait, type Eta, type EtaAgent, type EtaInput } from "../../server/domain/eta.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");
// 500 random desks per property in the suite; PROP_RUNS=30000 searches further (each counterexample found that way is
// kept as a case in test/domain/eta.test.ts).
const RUNS = Number(process.env.PROP_RUNS ?? 500);
const HORIZON = 4 * 3_600_000;
const LANGUAGES = ["de", "en", "fr"];

const agentArb: fc.Arbitrary<EtaAgent> = fc
  .record({
    languages: fc.subarray(LANGUAGES, { minLength: 1 }),
    maxChats: fc.integer({ min: 1, max: 5 }),
    busy: fc.integer({ min: 0, max: 5 }),
    accepting: fc.boolean(),
    changes: fc.array(fc.integer({ min: 1, max: HORIZON / 60_000 }), { maxLength: 3 }),
  })
  .map(({ languages, maxChats, busy, accepting, changes }) => {
    // Alternating ends and starts from the agent's state now, at distinct minutes, in order.
    const at = [...new Set(changes)].sort((a, b) => a - b);
    return { languages, maxChats, load: Math.min(busy, maxChats), accepting, changes: at.map((m, i) => ({ at: NOW + m * 60_000, on: accepting ? i % 2 === 1 : i % 2 === 0 })) };
  });

const baseArb: fc.Arbitrary<EtaInput> = fc.record({
  language: fc.constant("de"),
  position: fc.integer({ min: 1, max: 40 }),
  now: fc.constant(NOW),
  handleTimeS: fc.integer({ min: 30, max: 1800 }),
  agents: fc.array(agentArb, { minLength: 1, maxLength: 8 }),
  older: fc.record({ en: fc.integer({ min: 0, max: 30 }), fr: fc.integer({ min: 0, max: 30 }) }),
  horizonMs: fc.constant(HORIZON),
  abandonPerS: fc.oneof(fc.constant(0), fc.double({ min: 1e-5, max: 0.01, noNaN: true })),
  spreadFactor: fc.double({ min: 0.6, max: 1.5, noNaN: true }),
});

/** How many of the German line are served before each older customer of another line: in order, at most the place − 1. */
const orderArb = (count: number, position: number) =>
  fc.array(fc.integer({ min: 0, max: position - 1 }), { minLength: count, maxLength: count }).map((ranks) => ranks.sort((a, b) => a - b));

// Half the desks say how the other lines interleave with the German one (as the server does), half do not.
const inputArb: fc.Arbitrary<EtaInput> = baseArb.chain((input) =>
  fc.oneof(
    fc.constant(input),
    fc.record({ en: orderArb(input.older.en ?? 0, input.position), fr: orderArb(input.older.fr ?? 0, input.position) }).map((servedBefore) => ({ ...input, servedBefore })),
  ),
);

function wellFormed(eta: Eta) {
  for (const x of [eta.etaSeconds, eta.meanSeconds, eta.sdSeconds, ...eta.range]) {
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
  }
  expect(eta.range[0]).toBeLessThanOrEqual(eta.range[1]);
}

describe("wait estimates over random desks", () => {
  it("are finite and well formed, or null", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const eta = estimateWait(input);
        if (eta) wellFormed(eta);
      }),
      { numRuns: RUNS },
    );
  });

  it("never expect a shorter wait for a later place", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const here = estimateWait(input);
        const behind = estimateWait({ ...input, position: input.position + 1 });
        if (here && behind) expect(behind.meanSeconds).toBeGreaterThanOrEqual(here.meanSeconds);
      }),
      { numRuns: RUNS },
    );
  });

  it("never open a line to a later place that is closed to an earlier one", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (estimateWait(input) === null) expect(estimateWait({ ...input, position: input.position + 1 })).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("never expect a shorter wait with more older customers waiting in another line", () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 10 }), (input, more) => {
        const fewer = estimateWait(input);
        // The newcomers joined last: behind every German ahead of this one.
        const servedBefore = input.servedBefore && { ...input.servedBefore, en: [...input.servedBefore.en!, ...Array<number>(more).fill(input.position - 1)] };
        const plenty = estimateWait({ ...input, older: { ...input.older, en: (input.older.en ?? 0) + more }, servedBefore });
        if (fewer && plenty) expect(plenty.meanSeconds).toBeGreaterThanOrEqual(fewer.meanSeconds);
      }),
      { numRuns: RUNS },
    );
  });

  it("never expect a shorter wait when another line's older customers came earlier", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, pick) => {
        const before = input.servedBefore?.en;
        if (!before || before.length === 0) return;
        // One English customer moved ahead of one German more: it competes for the shared releases sooner.
        const i = pick % before.length;
        if (before[i] === 0 || (i > 0 && before[i - 1]! >= before[i]!)) return;
        const earlier = [...before];
        earlier[i]! -= 1;
        const later = estimateWait(input);
        const sooner = estimateWait({ ...input, servedBefore: { ...input.servedBefore, en: earlier } });
        if (later && sooner) expect(sooner.meanSeconds).toBeGreaterThanOrEqual(later.meanSeconds);
      }),
      { numRuns: RUNS },
    );
  });
});
