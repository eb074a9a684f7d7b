// Honest wait estimates. A queued conversation at position p waits for p slot releases among the agents who can
// take its language, while the people ahead of it also leave at the measured abandonment rate. Busy slots free at
// 1/handleTime each; an agent who starts a shift brings all their slots at once; an agent whose shift ends stops
// releasing slots to the queue. A multilingual agent's capacity is shared between their languages as oldest-first
// routing really serves them (fitted so load per slot evens out), not by raw line length. Pure: state in, estimate out.
import type { LanguageCode } from "../protocol/ids.js";
import { fitShares } from "./shares.js";

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
  /** People ahead leave at this rate each (per second waited); 0 when unknown. */
  abandonPerS?: number;
  /** Precomputed {@link agentShares} for these agents and lines (saves refitting for every position). */
  shares?: ReadonlyArray<ReadonlyMap<LanguageCode, number>>;
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

/** Each agent's share of each language, fitted over the lines and the capacity of agents taking chats now. */
export function agentShares(agents: readonly EtaAgent[], waiting: Readonly<Record<LanguageCode, number>>, language?: LanguageCode) {
  const lines = language ? { ...waiting, [language]: Math.max(1, waiting[language] ?? 0) } : waiting;
  return fitShares(lines, agents.map((a) => ({ languages: a.languages, capacity: a.accepting ? a.maxChats : 0 })));
}

/**
 * Time (ms) until `needed` releases have happened, at `rate` releases/ms, while the `needed − 1` people ahead also
 * leave at `theta` each per ms; or how many are still needed after `span` ms. Closed form of dm/dt = −(r + θm) for
 * the people ahead (m), then 1/r for the last release.
 */
function progress(needed: number, rate: number, theta: number, span: number): { doneIn: number } | { needed: number } {
  let m = Math.max(0, needed - 1);
  let elapsed = 0;
  if (m > 0) {
    const toFront = theta > 0 ? (rate > 0 ? Math.log(1 + (theta * m) / rate) / theta : Infinity) : rate > 0 ? m / rate : Infinity;
    if (toFront >= span) {
      m = theta > 0 ? (m + rate / theta) * Math.exp(-theta * span) - rate / theta : m - rate * span;
      return { needed: m + 1 };
    }
    elapsed = toFront;
  }
  const last = Math.min(1, needed);
  if (rate <= 0 || elapsed + last / rate > span) return { needed: last - Math.max(0, rate) * (span - elapsed) };
  return { doneIn: elapsed + last / rate };
}

/** The estimate for one position, or null when nobody can serve the language within the horizon. */
export function estimateWait(input: EtaInput): Eta | null {
  const { language, position, now, agents, waiting, horizonMs } = input;
  const handleMs = Math.max(1, input.handleTimeS) * 1000;
  const theta = Math.max(0, input.abandonPerS ?? 0) / 1000;
  if (!agents.some((a) => a.languages.includes(language))) return null;
  const shares = input.shares ?? agentShares(agents, waiting, language);

  // Slot openings: jumps now and at shift starts, and a rate that shift changes move.
  const steps: Array<{ at: number; jump: number; rate: number }> = [];
  let certain = 0;
  agents.forEach((a, i) => {
    const s = shares[i]?.get(language) ?? 0;
    if (s === 0) return;
    if (a.accepting) {
      const free = s * Math.max(0, a.maxChats - a.load);
      certain += free;
      steps.push({ at: now, jump: free, rate: (s * a.maxChats) / handleMs });
    }
    let on = a.accepting;
    for (const change of a.changes) {
      if (change.on === on || change.at > now + horizonMs) continue;
      on = change.on;
      steps.push(on ? { at: change.at, jump: s * a.maxChats, rate: (s * a.maxChats) / handleMs } : { at: change.at, jump: 0, rate: -(s * a.maxChats) / handleMs });
    }
  });
  steps.sort((x, y) => x.at - y.at);

  let needed = position;
  let rate = 0;
  let t = now;
  let waitMs: number | null = null;
  for (let i = 0; i <= steps.length; i++) {
    const step = steps[i];
    const until = Math.min(step ? step.at : Infinity, now + horizonMs);
    const moved = progress(needed, rate, theta, until - t);
    if ("doneIn" in moved) {
      waitMs = t + moved.doneIn - now;
      break;
    }
    needed = moved.needed;
    t = until;
    if (!step || step.at > now + horizonMs) break;
    needed -= step.jump;
    rate = Math.max(0, rate + step.rate);
    if (needed <= 1e-9) {
      waitMs = step.at - now;
      break;
    }
  }
  if (waitMs === null) return null;
  const eta = waitMs / 1000;
  // The spread comes from the slot releases still to wait for; releases already in hand (free slots) are certain.
  const pending = Math.max(1, Math.ceil(position - Math.floor(certain)));
  return {
    etaSeconds: Math.round(eta),
    range: [Math.floor(eta * gammaQuantile(pending, LOW.q, LOW.z)), Math.ceil(eta * gammaQuantile(pending, HIGH.q, HIGH.z))],
  };
}

/**
 * Abandonment per language, measured as the server sees it: people who left a queue without being served, per
 * second waited by everyone who left it (served or not) — the rate for exponential patience. Recent departures only.
 */
export function createAbandonRates(window = 500) {
  const samples = new Map<LanguageCode, Array<{ waitedS: number; abandoned: boolean }>>();
  return {
    record(language: LanguageCode, waitedS: number, abandoned: boolean) {
      if (!(waitedS >= 0) || !Number.isFinite(waitedS)) return;
      const list = samples.get(language) ?? [];
      list.push({ waitedS, abandoned });
      if (list.length > window) list.shift();
      samples.set(language, list);
    },
    /** Per second per waiting person; 0 until someone has left. */
    rate(language: LanguageCode): number {
      const list = samples.get(language) ?? [];
      const waited = list.reduce((sum, s) => sum + s.waitedS, 0);
      return waited > 0 ? list.filter((s) => s.abandoned).length / waited : 0;
    },
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
