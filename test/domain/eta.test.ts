import { describe, expect, it } from "vitest";
import { createAbandonRates, createHandleTimes, createSpreadCalibration, cappedNegBin, estimateWait, lostToOlder, gammaWait, HANDLE_TIME_WINDOW, rangeOnGrid, sampleWait, sinceChange, upperMedian, type EtaAgent, type EtaInput } from "../../server/domain/eta.js";
import { shownRange } from "../../server/domain/wait-shown.js";
import { seededRandom } from "../../bench/benchmark.js";
import { betaI, gammaCdf, gammaQuantile, gammaSpread, normalQuantile } from "../../server/domain/gamma.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");
const agent = (fields: Partial<EtaAgent> = {}): EtaAgent => ({ languages: ["de"], maxChats: 1, load: 1, accepting: true, changes: [], ...fields });
const input = (fields: Partial<EtaInput> = {}): EtaInput => ({
  language: "de",
  position: 1,
  now: NOW,
  handleTimeS: 300,
  agents: [agent()],
  older: {},
  horizonMs: 4 * 3_600_000,
  ...fields,
});

describe("wait estimates", () => {
  it.each([
    ["one busy agent, first in line", input(), 300],
    ["one busy agent, third in line", input({ position: 3 }), 900],
    ["two agents with three chats each, sixth in line", input({ position: 6, agents: [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 3, load: 3 })] }), 300],
    ["a free slot now", input({ agents: [agent({ load: 0 })] }), 0],
    ["nobody now, a shift starting in 10 minutes", input({ agents: [agent({ accepting: false, load: 0, changes: [{ at: NOW + 600_000, on: true }] })] }), 600],
  ])("%s → a mean of %s s", (_title, value, expected) => {
    expect(estimateWait(value)?.meanSeconds).toBe(expected);
  });

  it("grows with the position in the queue", () => {
    const agents = [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 2, load: 2, changes: [{ at: NOW + 1_200_000, on: false }] })];
    let previous = -1;
    for (let position = 1; position <= 30; position++) {
      const eta = estimateWait(input({ position, agents }));
      expect(eta).not.toBeNull();
      expect(eta!.etaSeconds).toBeGreaterThanOrEqual(previous);
      previous = eta!.etaSeconds;
    }
  });

  it("counts the releases a shared agent gives older customers of another line first, not younger ones", () => {
    const both = [agent({ languages: ["de", "en"] })];
    expect(estimateWait(input({ agents: both, older: {} }))?.meanSeconds).toBe(300);
    // Oldest first: the agent's next release goes to the older English customer, the one after to this one.
    expect(estimateWait(input({ agents: both, older: { en: 1 } }))?.meanSeconds).toBe(600);
  });

  it("expects a shorter wait when the people ahead give up at the measured rate", () => {
    const value = input({ position: 10 });
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
    const turkish = estimateWait(input({ language: "tr", agents, older: { en: 5 } }))!;
    // Shared by raw line length (1 : 5) it would be 1,800 s; the English line is mostly the monolingual agents' (the
    // bilingual agent holds 1 of its 16 slots, so takes about 5/16 of its customers): 1 + 5/16 releases of 300 s.
    expect(turkish.meanSeconds).toBe(394);
  });

  it("stops counting an agent whose shift ends", () => {
    const leaving = [agent({ maxChats: 1, changes: [{ at: NOW + 60_000, on: false }] })];
    expect(estimateWait(input({ position: 5, agents: leaving }))).toBeNull();
  });

  it("has no estimate when nobody speaks the language or is due within the horizon", () => {
    expect(estimateWait(input({ agents: [agent({ languages: ["en"] })] }))).toBeNull();
    expect(estimateWait(input({ agents: [agent({ accepting: false, changes: [{ at: NOW + 5 * 3_600_000, on: true }] })] }))).toBeNull();
  });

  it("gives a range around the estimate that narrows relative to it deeper in the queue", () => {
    const first = estimateWait(input())!;
    const deep = estimateWait(input({ position: 20 }))!;
    for (const eta of [first, deep]) {
      expect(eta.range[0]).toBeLessThanOrEqual(eta.etaSeconds);
      expect(eta.range[1]).toBeGreaterThanOrEqual(eta.etaSeconds);
    }
    expect(deep.range[1] / deep.range[0]).toBeLessThan(first.range[1] / first.range[0]);
  });

  it.each([1, 2, 5, 12, 40])("matches Erlang(p, cμ) for position %i behind two busy agents with three chats each", (p) => {
    // Six slots freeing at 1/300 s each: the wait of position p is Erlang(p, 6/300) — mean 50p s.
    const agents = [agent({ maxChats: 3, load: 3 }), agent({ maxChats: 3, load: 3 })];
    const eta = estimateWait(input({ position: p, agents }))!;
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

  it("loses a shared agent's release to an older customer of another line only if it comes before this one's turn", () => {
    // An English agent and Piotr (English and Polish), three busy chats each, one Polish customer older than the
    // English newcomer. Every release is equally likely to be either agent's: Piotr's goes to the Polish customer
    // while they wait. At place 1 that costs a release with probability 1/2 (Piotr's comes first): 1.5 releases of
    // 50 s; at place 2 with probability 1 − 1/4 (one of the first two is Piotr's): 2.75 releases.
    const agents = [agent({ languages: ["en"], maxChats: 3, load: 3 }), agent({ languages: ["en", "pl"], maxChats: 3, load: 3 })];
    const english = (position: number) => estimateWait(input({ language: "en", position, agents, older: { pl: 1 } }))!;
    expect(english(1).meanSeconds).toBe(75);
    expect(english(2).meanSeconds).toBe(138);
    // The wait is K releases of 50 s with K = 1 or 2: Var W = E[K]·50² + Var K·50² = (1.5 + 0.25)·50² — the uncertain
    // count widens the range beyond 1.5 steps' worth.
    expect(cappedNegBin(1, 1, 0.5)).toEqual({ mean: 0.5, variance: 0.25 });
    expect(english(1).sdSeconds).toBe(Math.round(50 * Math.sqrt(1.75)));
    // A Polish customer who came later waits behind this one: nothing lost.
    expect(estimateWait(input({ language: "en", position: 2, agents, older: {} }))!.meanSeconds).toBe(100);
    // Piotr's only line with nobody else speaking Polish: every release of his before the newcomer's turn goes there,
    // up to the line's length — one release here, two for a line of two (at place 1, release k is Piotr's with 1/2).
    expect(cappedNegBin(1, 1, 0.5).mean).toBeCloseTo(0.5, 12);
    expect(cappedNegBin(2, 1, 0.5).mean).toBeCloseTo(0.5 + 0.25, 12);
    expect(cappedNegBin(3, 2, 0).mean).toBe(0);
    expect(cappedNegBin(3, 2, 1).mean).toBe(3);
  });

  it("counts older customers of a line by the part of its slots the shared agents hold", () => {
    // German: a German agent and a German/English one; English: also an English-only agent. One English customer is
    // older; the bilingual agent holds half the English slots, so takes half of them: at most 0.5 lost, and only if
    // their release comes first (probability 1/2): 1.25 releases at 2/300 per second.
    const agents = [agent({ languages: ["de"] }), agent({ languages: ["de", "en"] }), agent({ languages: ["en"] })];
    expect(estimateWait(input({ agents, older: { en: 1 } }))!.meanSeconds).toBe(188);
  });

  it("gives a starting agent's slots to the oldest waiting in any of their languages", () => {
    // Nobody on now; a German/English agent with two chats starts in 10 minutes. Two English customers are older than
    // this German one: of the two slots, this line's part is 2 × 1/3 of a customer, and the rest is paced.
    const starting = [agent({ languages: ["de", "en"], maxChats: 2, load: 0, accepting: false, changes: [{ at: NOW + 600_000, on: true }] })];
    const alone = estimateWait(input({ agents: starting, older: {} }))!;
    expect(alone.meanSeconds).toBe(600);
    const behind = estimateWait(input({ agents: starting, older: { en: 2 } }))!;
    expect(behind.meanSeconds).toBe(600 + Math.round((1 / 3) * 150));
  });

  it("counts only the older customers of the agent's other lines still waiting when the shift starts", () => {
    // Gus (English and Spanish) starts in 3 hours; nobody speaks Spanish until then. Three English customers are older
    // than this Spanish one, but four English agents on now (two chats each, 300 s) answer them within minutes: at
    // the start they are long gone, and Gus's first chat is this customer's, at the start exactly.
    const gus = agent({ languages: ["en", "es"], maxChats: 2, load: 0, accepting: false, changes: [{ at: NOW + 3 * 3_600_000, on: true }] });
    const english = Array.from({ length: 4 }, () => agent({ languages: ["en"], maxChats: 2, load: 2 }));
    const night = estimateWait(input({ language: "es", agents: [gus, ...english], older: { en: 3 }, horizonMs: 4 * 3_600_000 }))!;
    expect(night.meanSeconds).toBe(3 * 3600);
    expect(night.sdSeconds).toBe(0);
    // Starting in a minute, the same three are mostly still there (the English agents answer 8 per 300 s: 1.6 of
    // them by then) and take their part of Gus's slots first.
    const soon = { ...gus, changes: [{ at: NOW + 60_000, on: true }] };
    const behind = estimateWait(input({ language: "es", agents: [soon, ...english], older: { en: 3 } }))!;
    expect(behind.meanSeconds).toBeGreaterThan(60);
  });

  it("says the line is closed when its last shift may end before this customer's turn", () => {
    // Jonas alone serves German, three busy chats of 300 s, off in 9 minutes and not back within the horizon. Place 3
    // waits Erlang(3, 1/100 s): 9.5 % of waits run past the close — an estimate; place 4 waits Erlang(4, …): 21 % —
    // more than the range's upper 15 %, so no estimate (the customer is offered the fallback instead).
    const jonas = [agent({ maxChats: 3, load: 3, changes: [{ at: NOW + 540_000, on: false }] })];
    expect(estimateWait(input({ position: 3, agents: jonas }))?.meanSeconds).toBe(300);
    expect(estimateWait(input({ position: 4, agents: jonas }))).toBeNull();
    // Back within the horizon: the wait past the close is a wait for the next shift, which the estimate counts.
    const back = [agent({ maxChats: 3, load: 3, changes: [{ at: NOW + 540_000, on: false }, { at: NOW + 7_200_000, on: true }] })];
    expect(estimateWait(input({ position: 4, agents: back }))?.meanSeconds).toBe(400);
  });

  it("frees a shared agent's slots at the pace of the chats they hold, not this line's", () => {
    // Hana (German and English) holds three English chats of 420 s; Ines (German) two German ones of 480 s. The first
    // release comes at 3/420 + 2/480 per second: a mean of 88 s (counting every slot at 480 s said 96).
    const hana = agent({ languages: ["de", "en"], maxChats: 3, load: 3, chats: ["en", "en", "en"] });
    const ines = agent({ maxChats: 2, load: 2, chats: ["de", "de"] });
    const paced = input({ handleTimeS: 480, handleTimesS: { en: 420 }, agents: [hana, ines] });
    expect(estimateWait(paced)?.meanSeconds).toBe(Math.round(1 / (3 / 420 + 2 / 480)));
    // Without the chats' languages (or their pace), every slot counts at the line's own.
    expect(estimateWait({ ...paced, handleTimesS: {} })?.meanSeconds).toBe(96);
    expect(estimateWait({ ...paced, agents: [{ ...hana, chats: undefined }, ines] })?.meanSeconds).toBe(96);
    // A list that does not match the load is not trusted.
    expect(estimateWait({ ...paced, agents: [{ ...hana, chats: ["en"] }, ines] })?.meanSeconds).toBe(96);
    // Holding six chats on three slots (her limit lowered meanwhile), Hana frees a slot every second end.
    const over = { ...hana, load: 6, chats: ["en", "en", "en", "en", "en", "en"] };
    expect(estimateWait({ ...paced, agents: [over, ines] })?.meanSeconds).toBe(Math.round(1 / ((6 / 420) * (3 / 6) + 2 / 480)));
  });

  it("counts the releases lost to another line by the agents' pace, not their slots", () => {
    // A long English line is older than this German customer: every release of Hana's goes to it, and the German
    // customer waits for Ines's first release, 480 s ÷ 2 = 240 s exactly. Hana's English chats are shorter, so more of
    // the releases are hers (q = (3/420) ÷ (3/420 + 2/480), not 3/5): counted by slots, the estimate said 221 s.
    const hana = agent({ languages: ["de", "en"], maxChats: 3, load: 3, chats: ["en", "en", "en"] });
    const ines = agent({ maxChats: 2, load: 2, chats: ["de", "de"] });
    const eta = estimateWait(input({ handleTimeS: 480, handleTimesS: { en: 420 }, agents: [hana, ines], older: { en: 1000 } }))!;
    expect(eta.meanSeconds).toBe(240);
  });

  it("counts another line's older customers only once this line's older ones have left, and only those still waiting", () => {
    // Hans (German and English) and Ana (English only), three slots each, all busy with 300 s chats. Three Germans
    // wait, then four English customers, then this German at place 4. Oldest first, Hans serves the three Germans
    // before any of the English, while Ana answers the English: by the time the Germans have gone, most of the English
    // have too. A simulation of this desk (200,000 runs) gives a mean of 480 s. Counting all four English as competing
    // from now (half of them Hans's) says 600 s, which is exact only when the English came first.
    const hans = agent({ languages: ["de", "en"], maxChats: 3, load: 3 });
    const ana = agent({ languages: ["en"], maxChats: 3, load: 3 });
    const desk = { position: 4, agents: [hans, ana], older: { en: 4 } };
    const germansFirst = estimateWait(input({ ...desk, servedBefore: { en: [3, 3, 3, 3] } }))!;
    // The race between the Germans' three departures and Ana's releases: the i-th English customer is still waiting
    // with probability I_½(3, i), 1.59 of them in all, half of those Hans's: 4.8 releases at 1/100 s.
    expect(germansFirst.meanSeconds).toBe(480);
    // The English came first (the simulation: 600 s), or the order is not known: all four compete from now.
    expect(estimateWait(input({ ...desk, servedBefore: { en: [0, 0, 0, 0] } }))!.meanSeconds).toBe(600);
    expect(estimateWait(input(desk))!.meanSeconds).toBe(600);
    // Between the Germans: the later an English customer comes, the fewer releases the German at place 4 loses.
    const between = estimateWait(input({ ...desk, servedBefore: { en: [1, 1, 2, 2] } }))!.meanSeconds;
    expect(between).toBeGreaterThan(germansFirst.meanSeconds);
    expect(between).toBeLessThan(600);
    // With nobody else to answer the English, Hans takes them all whenever they come.
    expect(estimateWait(input({ ...desk, agents: [hans, agent({ languages: ["de"], maxChats: 3, load: 3 })], servedBefore: { en: [3, 3, 3, 3] } }))!.meanSeconds).toBe(
      estimateWait(input({ ...desk, agents: [hans, agent({ languages: ["de"], maxChats: 3, load: 3 })] }))!.meanSeconds,
    );
  });

  it("counts the competing customers of a long interleaved line as the incomplete betas one by one would", () => {
    // 400 English customers interleaved with 300 Germans ahead (ranks rising by 0 to 40 at a time), Hans (German and
    // English) and two English-only agents: the walk along the lines gives what an incomplete beta for each says.
    const hans = agent({ languages: ["de", "en"], maxChats: 3, load: 3 });
    const english = [agent({ languages: ["en"], maxChats: 3, load: 3 }), agent({ languages: ["en"], maxChats: 2, load: 2 })];
    const random = seededRandom(7);
    const ranks: number[] = [];
    for (let i = 0, r = 0; i < 400; i++) ranks.push((r = Math.min(300, r + (random() < 0.9 ? Math.floor(random() * 3) : Math.floor(random() * 40)))));
    // Nobody free and nobody giving up: the 300 Germans ahead leave at Hans's pace.
    const pace = (a: EtaAgent) => a.maxChats / 300_000;
    const walked = lostToOlder([hans, ...english], { en: 400 }, "de", 301, pace, { servedBefore: { en: ranks }, freeNow: 0, theta: 0 });
    const x = 3 / 300_000 / (3 / 300_000 + 5 / 300_000);
    let competing = 0;
    ranks.forEach((r, i) => (competing += r === 0 ? 1 : betaI(r, i + 1, x)));
    const expected = cappedNegBin((competing * 3) / 8, 301, 1);
    expect(walked.mean).toBeCloseTo(expected.mean, 6);
    expect(competing).toBeGreaterThan(1);
    expect(competing).toBeLessThan(399);
  });

  it("serves at once from a slot free now, whatever older customers other lines have", () => {
    // Ines (German) has a free slot; Hana (German and English) is busy and English customers are waiting. A free slot
    // is free because its agent has nobody waiting: the German customer is answered now (before, 0.6 of a release was
    // counted lost to the English line first, and the estimate said a minute or two).
    const hana = agent({ languages: ["de", "en"], maxChats: 3, load: 3 });
    const ines = agent({ maxChats: 2, load: 1 });
    const now = estimateWait(input({ handleTimeS: 480, agents: [hana, ines], older: { en: 12 } }))!;
    expect(now.meanSeconds).toBe(0);
    expect(now.range).toEqual([0, 0]);
    // Second in line, the one free slot takes the first; the second waits for a release, some of them lost to English.
    const second = estimateWait(input({ position: 2, handleTimeS: 480, agents: [hana, ines], older: { en: 12 } }))!;
    const alone = estimateWait(input({ position: 2, handleTimeS: 480, agents: [hana, ines], older: {} }))!;
    expect(alone.meanSeconds).toBe(96);
    expect(second.meanSeconds).toBeGreaterThan(alone.meanSeconds);
  });

  it("drains another line at that line's own handle time until a shared agent's shift starts", () => {
    // Gus (English and Spanish) starts in an hour. Ten English customers are older than this Spanish one; one English
    // agent on now answers one every 300 s (English chats), twelve within the hour: at the start none is left, and
    // Gus's first chat is this customer's. Drained at Spanish pace (600 s), four would be left to take Gus's slots.
    const gus = agent({ languages: ["en", "es"], maxChats: 2, load: 0, accepting: false, changes: [{ at: NOW + 3_600_000, on: true }] });
    const english = agent({ languages: ["en"], maxChats: 1, load: 1, chats: ["en"] });
    const eta = estimateWait(input({ language: "es", handleTimeS: 600, handleTimesS: { en: 300 }, agents: [gus, english], older: { en: 10 } }))!;
    expect(eta.meanSeconds).toBe(3600);
    expect(estimateWait(input({ language: "es", handleTimeS: 600, agents: [gus, english], older: { en: 10 } }))!.meanSeconds).toBeGreaterThan(3600);
  });

  it.each([
    // Found by the property test (test/domain/eta-properties.test.ts). One agent of three languages off for a minute
    // and back: the path's step uncertainty was converted at the pace of the people ahead giving up and back at
    // another, and place 7 was given a narrower range than place 6.
    [{ language: "de", position: 6, now: 1772445600000, handleTimeS: 752, agents: [{ languages: ["de", "en", "fr"], maxChats: 2, load: 2, accepting: true, changes: [{ at: 1772455800000, on: false }, { at: 1772455860000, on: true }, { at: 1772457360000, on: false }] }], older: { en: 30, fr: 17 }, horizonMs: 14400000, abandonPerS: 0.00009815682768800532, spreadFactor: 0.6 }],
    // A one-slot agent on for one minute just before the line closes: the path put place 7's turn exactly at its
    // start and took it as certain.
    [{ language: "de", position: 6, now: 1772445600000, handleTimeS: 281, agents: [{ languages: ["de", "en", "fr"], maxChats: 5, load: 5, accepting: true, changes: [{ at: 1772447280000, on: false }] }, { languages: ["de"], maxChats: 1, load: 0, accepting: false, changes: [{ at: 1772447280000, on: true }, { at: 1772447340000, on: false }] }, { languages: ["fr"], maxChats: 5, load: 0, accepting: true, changes: [] }], older: { en: 12, fr: 22 }, horizonMs: 14400000, abandonPerS: 0, spreadFactor: 0.6 }],
    // A minute with one slot of 1,230 s between two shifts of a five-slot agent: place 18's tail was converted at that
    // minute's pace, place 19 reached the next start.
    [{ language: "de", position: 18, now: 1772445600000, handleTimeS: 1230, agents: [{ languages: ["fr"], maxChats: 3, load: 0, accepting: true, changes: [] }, { languages: ["de"], maxChats: 1, load: 0, accepting: true, changes: [{ at: 1772445660000, on: false }, { at: 1772447700000, on: true }, { at: 1772450700000, on: false }] }, { languages: ["de", "en", "fr"], maxChats: 5, load: 0, accepting: true, changes: [{ at: 1772450640000, on: false }, { at: 1772450700000, on: true }, { at: 1772451480000, on: false }] }, { languages: ["en", "fr"], maxChats: 2, load: 0, accepting: true, changes: [] }], older: { en: 2, fr: 21 }, horizonMs: 14400000, abandonPerS: 0, spreadFactor: 0.6 }],
  ] as EtaInput[][])("never opens the line to a later place once it is closed to an earlier one (%#)", (input) => {
    const places = Array.from({ length: 6 }, (_, i) => estimateWait({ ...input, position: input.position - 2 + i }));
    const firstClosed = places.findIndex((eta) => eta === null);
    expect(firstClosed).toBeGreaterThanOrEqual(0);
    expect(places.slice(firstClosed).every((eta) => eta === null)).toBe(true);
  });

  it("is certain when a shift start serves everyone ahead at once", () => {
    const agents = [agent({ maxChats: 1, load: 1 }), agent({ accepting: false, load: 0, maxChats: 3, changes: [{ at: NOW + 600_000, on: true }] })];
    const eta = estimateWait(input({ position: 3, agents }))!;
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

  it("gives a negative binomial's distribution function as the incomplete beta", () => {
    // Fewer than b failures before the a-th success, each trial a success with probability x, summed term by term.
    const direct = (a: number, b: number, x: number) => {
      let pmf = Math.pow(x, a);
      let sum = pmf;
      for (let k = 1; k < b; k++) sum += (pmf *= ((k + a - 1) / k) * (1 - x));
      return sum;
    };
    for (const [a, b, x] of [[3, 1, 0.5], [3, 4, 0.5], [1, 1, 0.3], [7, 20, 0.2], [40, 12, 0.8], [250, 300, 0.45], [2, 900, 0.01]] as const) {
      expect(betaI(a, b, x)).toBeCloseTo(direct(a, b, x), 10);
    }
    expect(betaI(3, 4, 0.5)).toBeCloseTo(0.65625, 12);
    expect(betaI(5, 5, 0)).toBe(0);
    expect(betaI(5, 5, 1)).toBe(1);
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

  it("measures by time: the chat time since the oldest sample ended, open chats included, per chat ended since", () => {
    const times = createHandleTimes(300);
    // Five chats of 100 s, ending every 100 s from t = 0: over the 400 s since the first ended, 400 s of chat time for
    // four ends, per end plus one (see the next test): 400 / 5.
    for (let k = 0; k < 5; k++) times.record("de", 100, k * 100_000);
    expect(times.estimate("de", 400_000)).toBe(80);
    // A chat open for 100 s so far adds its 100 s (it has not ended: no end to divide by).
    expect(times.estimate("de", 400_000, [300_000])).toBe(100);
    // Without the time, the mean of the samples.
    expect(times.estimate("de")).toBe(100);
  });

  it("is nearly unbiased over a short span: the chat time per end plus one, not per end", () => {
    // Three slots always busy with exponential chats of 480 s, watched for 53 minutes from the first end: about 20
    // ends, a Poisson number. Chat time ÷ ends runs high by about 1/19 (5 %); ÷ (ends + 1) is off by e^−20.
    const uniform = seededRandom(99);
    const chat = () => -480_000 * Math.log(1 - uniform());
    let sum = 0;
    const runs = 4000;
    for (let run = 0; run < runs; run++) {
      const times = createHandleTimes(300);
      // Each slot's chats back to back from a start long ago; the first end after `from` (0) opens the span.
      const slots = [0, 1, 2].map(() => ({ started: -chat(), length: chat() }));
      const ends: Array<{ seconds: number; endedAt: number }> = [];
      const open: number[] = [];
      const span = 53 * 60_000;
      for (const slot of slots) {
        let { started, length } = slot;
        while (started + length <= span) {
          ends.push({ seconds: length / 1000, endedAt: started + length });
          started += length;
          length = chat();
        }
        open.push(started);
      }
      ends.sort((a, b) => a.endedAt - b.endedAt);
      // Only ends from the first one at or after 0 (the span's start) count; earlier ones are outside it.
      for (const e of ends.filter((e) => e.endedAt >= 0)) times.record("en", e.seconds, e.endedAt);
      sum += times.estimate("en", span, open);
    }
    expect(sum / runs / 480).toBeGreaterThan(0.98);
    expect(sum / runs / 480).toBeLessThan(1.02);
  });

  it("is not biased low in a surge, when the chats that have ended are the short ones", () => {
    // 200 exponential chats (mean 300 s) all start at once; 300 s later the 126 that ended are the short ones.
    const times = createHandleTimes(300);
    const durations = Array.from({ length: 200 }, (_, i) => -300 * Math.log(1 - (i + 0.5) / 200)).sort((a, b) => a - b);
    const now = 300_000;
    const ended = durations.filter((d) => d * 1000 <= now);
    for (const d of ended) times.record("en", d, d * 1000);
    const open = durations.filter((d) => d * 1000 > now).map(() => 0);
    expect(times.estimate("en")).toBeLessThan(0.5 * 300);
    expect(times.estimate("en", now, open)).toBeGreaterThan(0.95 * 300);
    expect(times.estimate("en", now, open)).toBeLessThan(1.05 * 300);
  });

  it("is not dragged by a chat left open for hours: it counts at most ten mean chats", () => {
    const times = createHandleTimes(300);
    // 400 chats of 100 s ending two minutes apart; one chat has been open for ten hours (36,000 s).
    for (let k = 0; k < 400; k++) times.record("de", 100, k * 120_000);
    const now = 399 * 120_000;
    // 399 ends since the first, per end plus one.
    expect(times.estimate("de", now)).toBeCloseTo((399 * 100) / 400, 9);
    // Ten means as the median says them (100 / ln 2 each): 1,443 s, not 36,000.
    expect(times.estimate("de", now, [now - 36_000_000])).toBeCloseTo((399 * 100 + 1000 / Math.LN2) / 400, 9);
  });

  it("measures by time only over the samples that carry end times (older ones were kept without)", () => {
    const times = createHandleTimes(300);
    for (let k = 0; k < 10; k++) times.record("de", 1000);
    for (let k = 0; k < 4; k++) times.record("de", 100, k * 100_000);
    // Four timed samples are too few to measure by: the mean of all 14.
    expect(times.estimate("de", 400_000)).toBeCloseTo((10 * 1000 + 4 * 100) / 14, 9);
    times.record("de", 100, 400_000);
    // Five timed: 400 s of chat time since the first ended, four ends, per end plus one.
    expect(times.estimate("de", 400_000)).toBe(80);
  });

  // Seeded exponential chats (mulberry32), ending on average every `gapS` seconds from `from`.
  const chats = (seed: number) => {
    const uniform = seededRandom(seed);
    let at = 0;
    return (meanS: number, gapS = 30) => {
      at += -gapS * 1000 * Math.log(1 - uniform());
      return { seconds: -meanS * Math.log(1 - uniform()), endedAt: at };
    };
  };

  it("measures over the last 2,000 chats and keeps them all while the pace holds (no restart by chance)", () => {
    expect(HANDLE_TIME_WINDOW).toBe(2000);
    const times = createHandleTimes(300);
    const next = chats(7);
    let end = 0;
    for (let k = 0; k < 20_000; k++) {
      const chat = next(300);
      times.record("en", chat.seconds, chat.endedAt);
      end = chat.endedAt;
      if (k >= 2000) expect(times.samples("en")).toHaveLength(2000);
    }
    // 2,000 exponential chats: a standard error of 2.2 %.
    expect(times.estimate("en", end) / 300).toBeGreaterThan(0.93);
    expect(times.estimate("en", end) / 300).toBeLessThan(1.07);
  });

  it("follows a change of pace within a few dozen chats instead of averaging it with 2,000 of the old", () => {
    const times = createHandleTimes(300);
    const next = chats(11);
    for (let k = 0; k < 2000; k++) {
      const chat = next(300);
      times.record("en", chat.seconds, chat.endedAt);
    }
    // The chats turn twice as long. Averaged with the window they would read 330 s after 150 of them.
    let end = 0;
    for (let k = 0; k < 150; k++) {
      const chat = next(600);
      times.record("en", chat.seconds, chat.endedAt);
      end = chat.endedAt;
    }
    expect(times.samples("en").length).toBeLessThan(200);
    expect(times.estimate("en", end) / 600).toBeGreaterThan(0.8);
    expect(times.estimate("en", end) / 600).toBeLessThan(1.2);
  });

  it("places a change where the two paces meet, and takes one chat left open for hours for no change", () => {
    const next = chats(3);
    const before = Array.from({ length: 1900 }, () => next(300));
    const after = Array.from({ length: 100 }, () => next(900));
    const kept = sinceChange([...before, ...after], 200, 20);
    expect(kept.length).toBeGreaterThanOrEqual(80);
    expect(kept.length).toBeLessThanOrEqual(120);
    const steady = Array.from({ length: 2000 }, () => next(300));
    expect(sinceChange(steady, 200, 20)).toBe(steady);
    const leftOpen = [...steady.slice(1), { seconds: 36_000, endedAt: steady[1999]!.endedAt + 1000 }];
    expect(sinceChange(leftOpen, 200, 20)).toBe(leftOpen);
    // Too few chats to compare: all are kept.
    expect(sinceChange([...before.slice(0, 299), ...after], 200, 20)).toHaveLength(399);
  });

  it("finds the median in linear time, the upper one of an even count", () => {
    const next = chats(5);
    for (let n = 1; n < 200; n++) {
      const values = Array.from({ length: n }, () => Math.round(next(10).seconds));
      const sorted = [...values].sort((a, b) => a - b);
      expect(upperMedian([...values])).toBe(sorted[Math.floor(n / 2)]);
    }
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

  it("leaves the modelled spread alone before any wait is in, and when the model's spread is right", () => {
    const spread = createSpreadCalibration(300, 5);
    expect(spread.factor("en")).toBe(1);
    for (const z of unitNormal(200)) spread.record("en", { meanSeconds: 300, sdSeconds: 100 }, 300 + 100 * z);
    expect(spread.factor("en")).toBeCloseTo(1, 1);
  });

  it("weighs the waits of one busy spell as the few independent ones they are", () => {
    // Sixty customers whose waits all erred by two sds. In one busy spell (their waits overlap: each joined before
    // the one ahead was answered) they are one independent wait against the five at factor 1 it starts from:
    // √((4 + 5) ÷ 6) = 1.22. Spread over the day (no two waits overlap), sixty: √((60·4 + 5) ÷ 65) = 1.94, kept at
    // 1.5. (Counted as sixty either way, a spell's chance error set the factor for everyone after it: on the overload
    // day, 0.62–1.43 by seed after the first busy spell.)
    const spell = createSpreadCalibration(300, 5, 0.6, 1.5);
    const day = createSpreadCalibration(300, 5, 0.6, 1.5);
    const start = Date.parse("2026-03-04T10:00:00Z");
    for (let i = 0; i < 60; i++) {
      const z = i % 2 === 0 ? 2 : -2;
      const waitedS = 300 + 100 * z;
      spell.record("en", { meanSeconds: 300, sdSeconds: 100 }, waitedS, true, start + 600_000 + i * 1000);
      day.record("en", { meanSeconds: 300, sdSeconds: 100 }, waitedS, true, start + i * 3_600_000);
    }
    expect(spell.learnt("en")).toEqual({ factor: expect.closeTo(Math.sqrt(9 / 6), 6), independent: 1 });
    expect(day.learnt("en")).toEqual({ factor: 1.5, independent: 60 });
    // Two spells an hour apart: two independent waits.
    for (let i = 0; i < 60; i++) spell.record("en", { meanSeconds: 300, sdSeconds: 100 }, 500, true, start + 3_600_000 + 600_000 + i * 1000);
    expect(spell.learnt("en").independent).toBe(2);
  });

  it("narrows a spread that is wider than the waits people had, and widens one that is narrower, within bounds", () => {
    const spread = createSpreadCalibration(300, 0, 0.6, 1.5);
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
      older: {},
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
    const late = createSpreadCalibration(300, 0, 0.6, 1.5);
    late.record("en", { meanSeconds: 300, sdSeconds: 100 }, 420, false);
    expect(late.factor("en")).toBeCloseTo(1.2, 5);
  });
});
