// The desk keeps fitted shares across estimate contexts (createSharesMemo): every estimate and standing it gives must be
// exactly what a context computed from scratch gives, over random agents (one and several languages, shifts, Away,
// disconnected, loads) and random lines; and with one-language agents a join must not refit them.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import type { AgentState } from "../../server/desk/agent-state.js";
import { createSharesMemo, estimateAt, estimateContext, standingAt, type LanguageHistory } from "../../server/desk/estimates.js";
import { createQueues, type Queues } from "../../server/domain/queue.js";
import type { AgentRecord } from "../../server/store/port.js";

const config = loadConfig({ LOG_LEVEL: "silent", LANGUAGES: "en,de,fr" });
const NOW = Date.parse("2026-03-02T10:00:00Z");
const LANGUAGES = ["en", "de", "fr"];
const history: LanguageHistory = { handleTimeS: 240, abandonPerS: 0.002, reliable: true, spreadFactor: 1.1 };

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function agentState(next: () => number, i: number, multilingual: boolean): AgentState {
  const languages = multilingual ? LANGUAGES.filter(() => next() < 0.6) : [LANGUAGES[Math.floor(next() * LANGUAGES.length)]!];
  const record: AgentRecord = {
    id: `a_${i}`,
    email: `a${i}@example.com`,
    name: `Agent ${i}`,
    languages: languages.length > 0 ? languages : ["en"],
    maxChats: 1 + Math.floor(next() * 6),
    role: "agent",
    passwordHash: "x",
    createdAt: 0,
    updatedAt: 0,
    ...(next() < 0.2 ? { shifts: ["Mon-Fri 10:30-18:00"], timeZone: "UTC" } : {}),
  };
  const assigned = new Set(Array.from({ length: Math.floor(next() * (record.maxChats + 1)) }, (_, k) => `c_${i}_${k}`));
  return { record, sockets: next() < 0.8 ? 1 : 0, status: next() < 0.85 ? "online" : "away", idleSince: 0, cancelGrace: null, assigned };
}

function line(queues: Queues, language: string, n: number, from: number) {
  for (let k = 0; k < n; k++) queues.enqueue({ id: `w_${language}_${from + k}`, language, priority: 0, queuedAt: from + k });
}

describe("estimate contexts with remembered shares", () => {
  it.each([
    ["one-language agents", false],
    ["multilingual agents", true],
  ])("give exactly the from-scratch estimates and standings (%s)", (_title, multilingual) => {
    const memo = createSharesMemo(8);
    const next = random(multilingual ? 7 : 3);
    for (let round = 0; round < 60; round++) {
      const agents = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => agentState(next, i, multilingual));
      const queues = createQueues();
      // Lines that grow one join at a time (what the memo sees on a busy desk), sometimes with a language emptied.
      for (const language of LANGUAGES) if (next() < 0.8) line(queues, language, Math.floor(next() * 4), round * 1000);
      for (let join = 0; join < 6; join++) {
        const language = LANGUAGES[Math.floor(next() * LANGUAGES.length)]!;
        line(queues, language, 1, round * 1000 + 100 + join);
        const now = NOW + round * 60_000 + join * 1000;
        const remembered = estimateContext(agents, queues, config, now, memo);
        const fresh = estimateContext(agents, queues, config, now);
        for (const l of LANGUAGES) {
          expect(remembered.sharesFor(l)).toEqual(fresh.sharesFor(l));
          const waiting = queues.line(l).length;
          for (const position of [1, Math.max(1, waiting), waiting + 1]) {
            expect(estimateAt(remembered, config, l, position, history)).toEqual(estimateAt(fresh, config, l, position, history));
            expect(standingAt(remembered, config, l, position, waiting, history)).toEqual(standingAt(fresh, config, l, position, waiting, history));
          }
        }
      }
    }
  });

  it("fits the shares once while only the lines grow, when every agent speaks one language", () => {
    const memo = createSharesMemo();
    const next = random(11);
    const agents = Array.from({ length: 40 }, (_, i) => ({ ...agentState(next, i, false), sockets: 1, status: "online" as const }));
    const queues = createQueues();
    for (let join = 0; join < 500; join++) {
      line(queues, LANGUAGES[join % 2]!, 1, join);
      const ctx = estimateContext(agents, queues, config, NOW + join, memo);
      ctx.sharesFor(LANGUAGES[join % 2]!);
    }
    // One fit per set of waiting languages the join saw ({en}, then {en, de}), not one per join.
    expect(memo.fits()).toBe(2);
  });

  it("refits when a multilingual agent's lines change, and keeps recent fits", () => {
    const memo = createSharesMemo();
    const agents: AgentState[] = [
      { record: { id: "a_1", email: "a@example.com", name: "A", languages: ["en", "de"], maxChats: 3, role: "agent", passwordHash: "x", createdAt: 0, updatedAt: 0 }, sockets: 1, status: "online", idleSince: 0, cancelGrace: null, assigned: new Set() },
      { record: { id: "a_2", email: "b@example.com", name: "B", languages: ["de"], maxChats: 3, role: "agent", passwordHash: "x", createdAt: 0, updatedAt: 0 }, sockets: 1, status: "online", idleSince: 0, cancelGrace: null, assigned: new Set() },
    ];
    const queues = createQueues();
    line(queues, "en", 2, 0);
    line(queues, "de", 1, 10);
    estimateContext(agents, queues, config, NOW, memo).sharesFor("en");
    line(queues, "de", 3, 20);
    estimateContext(agents, queues, config, NOW, memo).sharesFor("en");
    expect(memo.fits()).toBe(2);
    estimateContext(agents, queues, config, NOW + 5, memo).sharesFor("en");
    expect(memo.fits()).toBe(2);
  });
});
