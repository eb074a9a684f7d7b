// Honest wait estimates. A queued conversation at position p waits for p slot releases among the agents who can
// take its language. Busy slots free at 1/handleTime each; an agent who starts a shift brings all their slots at
// once; an agent whose shift ends stops releasing slots to the queue. A multilingual agent's capacity is shared
// between their languages in proportion to the waiting lines. Pure: state in, estimate out.
import type { LanguageCode } from "../protocol/ids.js";

export interface EtaAgent {
  languages: readonly LanguageCode[];
  maxChats: number;
  /** Open chats now. */
  load: number;
  /** Takes new chats now (online, on shift, not Away). */
  accepting: boolean;
  /** Instants within the horizon at which `accepting` changes (shift start or end), in order. */
  changes: ReadonlyArray<{ at: number; on: boolean }>;
}

export interface EtaInput {
  language: LanguageCode;
  /** 1-based place in the language queue (waiting + 1 for someone about to join). */
  position: number;
  now: number;
  /** Robust mean handle time of this language, seconds. */
  handleTimeS: number;
  agents: readonly EtaAgent[];
  /** Conversations waiting per language (to share multilingual agents). */
  waiting: Readonly<Record<LanguageCode, number>>;
  horizonMs: number;
}

export interface Eta {
  etaSeconds: number;
  /** A range that holds the actual wait about 70 % of the time. */
  range: [number, number];
}

/** Relative quantile of the sum of p exponential steps (Gamma(p) with mean 1), Wilson–Hilferty for p > 1. */
export function gammaQuantile(p: number, q: number, z: number): number {
  if (p <= 1) return -Math.log(1 - q);
  const k = 2 * p;
  const c = 2 / (9 * k);
  return Math.max(0, (1 - c + z * Math.sqrt(c)) ** 3);
}

// 15th and 85th percentiles: a 70 % band.
const LOW = { q: 0.15, z: -1.0364 };
const HIGH = { q: 0.85, z: 1.0364 };

/** The estimate for one position, or null when nobody can serve the language within the horizon. */
export function estimateWait(input: EtaInput): Eta | null {
  const { language, position, now, agents, waiting, horizonMs } = input;
  const handleMs = Math.max(1, input.handleTimeS) * 1000;
  const speakers = agents.filter((a) => a.languages.includes(language));
  if (speakers.length === 0) return null;
  const mine = Math.max(1, waiting[language] ?? 0);
  const share = (a: EtaAgent) => mine / a.languages.reduce((sum, l) => sum + (l === language ? mine : (waiting[l] ?? 0)), 0);

  // Slot openings N(t): jumps (free slots now, shift starts) plus a rate (busy slots of accepting agents / handle time).
  type Step = { at: number; jump: number; rate: number };
  const steps: Step[] = [{ at: now, jump: 0, rate: 0 }];
  for (const a of speakers) {
    const s = share(a);
    if (a.accepting) steps.push({ at: now, jump: s * Math.max(0, a.maxChats - a.load), rate: (s * a.maxChats) / handleMs });
    let on = a.accepting;
    for (const change of a.changes) {
      if (change.on === on || change.at > now + horizonMs) continue;
      on = change.on;
      steps.push(on ? { at: change.at, jump: s * a.maxChats, rate: (s * a.maxChats) / handleMs } : { at: change.at, jump: 0, rate: -(s * a.maxChats) / handleMs });
    }
  }
  steps.sort((x, y) => x.at - y.at);

  let opened = 0;
  let rate = 0;
  let t = now;
  let waitMs: number | null = null;
  for (let i = 0; i <= steps.length && waitMs === null; i++) {
    const step = steps[i];
    const until = step ? Math.min(step.at, now + horizonMs) : now + horizonMs;
    if (rate > 1e-15 && opened + rate * (until - t) >= position) {
      waitMs = t + (position - opened) / rate - now;
      break;
    }
    opened += Math.max(0, rate) * (until - t);
    t = until;
    if (!step || step.at > now + horizonMs) break;
    opened += step.jump;
    rate = Math.max(0, rate + step.rate);
    if (opened >= position - 1e-9) waitMs = step.at - now;
  }
  if (waitMs === null) return null;
  const eta = waitMs / 1000;
  // The spread comes from the slot releases still to wait for; releases already in hand (jumps) are certain.
  const pending = Math.max(1, Math.ceil(position - Math.floor(speakers.reduce((sum, a) => sum + (a.accepting ? share(a) * Math.max(0, a.maxChats - a.load) : 0), 0))));
  return {
    etaSeconds: Math.round(eta),
    range: [Math.floor(eta * gammaQuantile(pending, LOW.q, LOW.z)), Math.ceil(eta * gammaQuantile(pending, HIGH.q, HIGH.z))],
  };
}

/**
 * Handle times per language, robust to outliers: the mean of the most recent samples after capping each at three
 * times their median; until there are enough samples it blends in the configured default.
 */
export function createHandleTimes(defaultS: number, window = 100, minSamples = 5) {
  const samples = new Map<LanguageCode, number[]>();
  return {
    record(language: LanguageCode, seconds: number) {
      if (!(seconds > 0) || !Number.isFinite(seconds)) return;
      const list = samples.get(language) ?? [];
      list.push(seconds);
      if (list.length > window) list.shift();
      samples.set(language, list);
    },
    estimate(language: LanguageCode): number {
      const list = samples.get(language) ?? [];
      if (list.length === 0) return defaultS;
      const sorted = [...list].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const mean = list.reduce((sum, s) => sum + Math.min(s, 3 * median), 0) / list.length;
      const weight = Math.min(1, list.length / minSamples);
      return weight * mean + (1 - weight) * defaultS;
    },
  };
}
