// A prototype of two changes to server/domain/eta.ts, to measure them in the simulator before anyone edits the real
// estimate (`npm run simulate -- --eta prototype`). Same inputs as estimateWait, plus a measured abandonment rate.
//  1. Abandonment ahead: the people ahead leave at a measured rate θ per waiting person (θ̂ = abandonments / total
//     time waited, the exponential-patience estimate), so the line shortens faster than slots open.
//  2. Multilingual agents are shared as routing actually serves them (oldest head first across languages): their
//     capacity is fitted so waiting per slot evens out across languages (splitServers), instead of in proportion to
//     raw line lengths, which gave a common language with many monolingual agents most of a bilingual agent's time.
import { gammaQuantile, type Eta, type EtaInput } from "../../server/domain/eta.js";
import { fitShares } from "./staffing.js";

/** Per-language abandonment rate, measured as the server could: abandonments / seconds waited by everyone who left. */
export function createAbandonRates() {
  const seen = new Map<string, { abandoned: number; waitedS: number }>();
  return {
    record(language: string, waitedS: number, abandoned: boolean) {
      const s = seen.get(language) ?? { abandoned: 0, waitedS: 0 };
      s.waitedS += waitedS;
      if (abandoned) s.abandoned++;
      seen.set(language, s);
    },
    /** Per second per waiting person; 0 until someone has left. */
    rate(language: string): number {
      const s = seen.get(language);
      return s && s.waitedS > 0 ? s.abandoned / s.waitedS : 0;
    },
  };
}

const STEP_MS = 1_000;

export function estimateWaitPrototype(input: EtaInput & { abandonPerS: number }): Eta | null {
  const { language, position, now, agents, waiting, horizonMs } = input;
  const handleMs = Math.max(1, input.handleTimeS) * 1000;
  const theta = input.abandonPerS / 1000;
  if (!agents.some((a) => a.languages.includes(language))) return null;
  const lines = { ...waiting, [language]: Math.max(1, waiting[language] ?? 0) };
  // Fitted over everyone taking chats now, so a language that monolingual agents already serve takes little.
  const shares = fitShares(lines, agents.map((a) => ({ languages: a.languages, capacity: a.accepting ? a.maxChats : 0 })));
  const share = (i: number) => shares[i]!.get(language) ?? 0;

  // Slot openings: jumps now and at shift starts, and a rate that shift changes move.
  const events: Array<{ at: number; jump: number; rate: number }> = [];
  agents.forEach((a, i) => {
    const s = share(i);
    if (s === 0) return;
    if (a.accepting) events.push({ at: now, jump: s * Math.max(0, a.maxChats - a.load), rate: (s * a.maxChats) / handleMs });
    let on = a.accepting;
    for (const c of a.changes) {
      if (c.on === on || c.at > now + horizonMs) continue;
      on = c.on;
      events.push(on ? { at: c.at, jump: s * a.maxChats, rate: (s * a.maxChats) / handleMs } : { at: c.at, jump: 0, rate: -(s * a.maxChats) / handleMs });
    }
  });
  events.sort((x, y) => x.at - y.at);

  // Releases still needed; the people ahead (needed − 1) also leave at θ each. Stepped at 1 s over the horizon.
  let needed = position;
  let rate = 0;
  let served = 0;
  let certain = 0;
  let k = 0;
  for (let t = now; t <= now + horizonMs; t += STEP_MS) {
    for (; k < events.length && events[k]!.at <= t; k++) {
      needed -= events[k]!.jump;
      served += events[k]!.jump;
      if (events[k]!.at === now) certain += events[k]!.jump;
      rate = Math.max(0, rate + events[k]!.rate);
    }
    if (needed <= 1e-9) return range(t - now, served, certain);
    const release = rate * STEP_MS;
    served += Math.min(release, needed);
    needed -= release + theta * Math.max(0, needed - 1) * STEP_MS;
    if (needed <= 1e-9) return range(t + STEP_MS - now, served, certain);
  }
  return null;
}

function range(waitMs: number, served: number, certain: number): Eta {
  const eta = waitMs / 1000;
  const pending = Math.max(1, Math.ceil(served - Math.floor(certain)));
  return {
    etaSeconds: Math.round(eta),
    range: [Math.floor(eta * gammaQuantile(pending, 0.15, -1.0364)), Math.ceil(eta * gammaQuantile(pending, 0.85, 1.0364))],
  };
}
