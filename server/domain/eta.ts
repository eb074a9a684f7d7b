// Honest wait estimates. A queued conversation at position p waits for p slot releases among the agents who can
// take its language, while the people ahead of it also leave at the measured abandonment rate. A busy slot frees at
// 1/handleTime of the chat it holds (another language's, for a shared agent busy with that line); a free slot serves
// the next in line at once; an agent who starts a shift brings their slots at once (to the oldest waiting in any of
// their languages); an agent whose shift ends stops releasing slots to the queue. A multilingual agent serves oldest
// first, so a release of theirs goes to another language only while that language has someone older waiting: the
// releases lost to other lines are counted from the customers of those lines who are older (see `lostToOlder`), not
// a fixed part of the agent for the whole wait, and each only from when this line's customers older than them have
// gone.
// Pure: state in, estimate out.
import type { LanguageCode } from "../protocol/ids.js";
import { betaI, gammaP, gammaQuantile, lnGamma, normalCdf } from "./gamma.js";
import { roundingStep, shownRange } from "./wait-shown.js";

export interface EtaAgent {
  languages: readonly LanguageCode[];
  maxChats: number;
  /** Open chats now. */
  load: number;
  /**
   * The languages of the open chats (`load` of them), when known: a shared agent's busy slots free at the pace of the
   * chats they hold, not this language's (see {@link EtaInput.handleTimesS}). Absent: every slot at this language's.
   */
  chats?: readonly LanguageCode[];
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
  /**
   * The other languages' measured handle times, seconds: the pace at which the chats a shared agent holds in them end
   * (see {@link EtaAgent.chats}), and at which those lines drain. A language absent here counts at `handleTimeS`.
   */
  handleTimesS?: Readonly<Record<LanguageCode, number>>;
  agents: readonly EtaAgent[];
  /**
   * Per other language, the conversations waiting there that the desk serves before this one (older, or requeued
   * ahead): all of each line for someone about to join. The entry for `language` itself is ignored (`position` says
   * it).
   */
  older: Readonly<Record<LanguageCode, number>>;
  horizonMs: number;
  /** People ahead leave at this rate each (per second waited); 0 when unknown. */
  abandonPerS?: number;
  /**
   * Per other language, its line in order (at least the first `older[L]`): for each conversation, how many of this
   * language's line are served before it (`servedBefore` in `domain/queue.ts`). A shared agent's release goes to that
   * conversation only once those have left this line, and meanwhile the agents who take its line but not this one
   * may answer it (see {@link lostToOlder}). Absent, or shorter than `older[L]`: every older customer of L is taken to
   * compete for the shared agents from now on.
   */
  servedBefore?: Readonly<Record<LanguageCode, readonly number[]>>;
  /** Scales the modelled spread (see {@link createSpreadCalibration}); 1 when absent. */
  spreadFactor?: number;
}

export interface Eta {
  /** The median wait: half of the people in this place wait longer. */
  etaSeconds: number;
  /**
   * A 70 % range, already on the grid the widget words (whole minutes, coarser for long waits): about 70 % of waits
   * fall inside and about 15 % above; near the head of a line it starts at 0 ("under 3 min").
   */
  range: [number, number];
  /** The expected (mean) wait. */
  meanSeconds: number;
  /** The modelled standard deviation of the wait, before calibration (what {@link createSpreadCalibration} scores). */
  sdSeconds: number;
}

/** The range is a 70 % range: about 70 % of waits inside it, about 15 % above (see {@link rangeOnGrid}). */
export const RANGE_LEVEL = 0.7;

/**
 * The mean and variance of min(cap, N) for N negative binomial: the failures before the `successes`-th success when
 * each trial succeeds with probability 1 − q.
 */
export function cappedNegBin(cap: number, successes: number, q: number): { mean: number; variance: number } {
  if (!(cap > 0) || !(q > 0)) return { mean: 0, variance: 0 };
  if (q >= 1) return { mean: cap, variance: 0 };
  const r = Math.max(1, Math.round(successes));
  let pmf = Math.pow(1 - q, r);
  let mean = 0;
  let square = 0;
  let below = 0;
  for (let x = 0; x < Math.ceil(cap); x++) {
    if (x > 0) pmf *= ((x + r - 1) / x) * q;
    mean += x * pmf;
    square += x * x * pmf;
    below += pmf;
  }
  const above = Math.max(0, 1 - below);
  mean += cap * above;
  square += cap * cap * above;
  return { mean, variance: Math.max(0, square - mean * mean) };
}

/**
 * The order of the lines, for {@link lostToOlder}: `servedBefore` as in {@link EtaInput.servedBefore}; `freeNow`, the
 * slots free now, which take this line's first customers at once; `theta`, the rate (per ms) at which each customer
 * ahead gives up.
 */
interface LineOrder {
  servedBefore: Readonly<Record<LanguageCode, readonly number[]>>;
  freeNow: number;
  theta: number;
}

/**
 * How many of the releases of the agents serving `language` (accepting now) go to older customers of other lines
 * before this customer's turn. A release comes from an agent in proportion to their `pace` (slot releases per unit of
 * time; by default their slots), so one in q comes from an agent who also speaks line L (q: those agents' part of the
 * pace of the language's agents); it goes to L while L has someone
 * older left, and L's older customers are shared with L's other agents in proportion to their slots (at most
 * `older[L] × shared ÷ all L slots` go this way). Before the p-th release to this language, the releases to L's
 * shared slots number NegBinomial(p, q); capped by what L has to take, the expectation is what is lost.
 *
 * An older customer of L behind r of this line's customers (`servedBefore[L]`) competes for the shared releases only
 * once those r have left this line; until then the shared agents serve this line's older customers, and L's agents
 * who do not take this language serve L. So the i-th of L's line counts only when it is still waiting then: when the
 * s departures from this line that it waits for (r less the slots free now) come before i releases of those other
 * agents (pace ρ). At the departures' mean pace d (a release of this line's agents, or one ahead giving up), that race
 * is a negative binomial:
 * I_x(s, i) with x = d ÷ (d + ρ), exact when nobody ahead gives up. (Peak day, German at places 4–9 from 11:00 UTC:
 * every German agent also speaks English, and the English customers waiting had mostly come after the Germans ahead;
 * counted as competing from the start, they made the estimates 10 % long against the oracle's, and 39 % instead of
 * half waited longer than said, even given the true handle times.)
 */
export function lostToOlder(agents: readonly EtaAgent[], older: Readonly<Record<LanguageCode, number>>, language: LanguageCode, position: number, pace: (a: EtaAgent) => number = (a) => a.maxChats, order?: LineOrder): { mean: number; variance: number } {
  const serving = agents.filter((a) => a.accepting && a.languages.includes(language));
  const total = serving.reduce((sum, a) => sum + pace(a), 0);
  const lost = { mean: 0, variance: 0 };
  if (!(total > 0)) return lost;
  // This line's customers still ahead after the free slots (`position` counts from there) leave at the pace of its
  // agents on now plus their giving up: d, the mean pace of those departures (per ms), measured once when needed.
  const behind = Math.max(0, position - 1);
  let departurePace: number | null = null;
  const departures = () => {
    if (departurePace === null) {
      let ms = 0;
      for (let m = behind; m > 0; m--) ms += 1 / (total + order!.theta * m);
      departurePace = ms > 0 ? behind / ms : 0;
    }
    return departurePace;
  };
  for (const [other, count] of Object.entries(older)) {
    if (other === language || !(count > 0)) continue;
    const shared = serving.reduce((sum, a) => sum + (a.languages.includes(other) ? a.maxChats : 0), 0);
    const sharedPace = serving.reduce((sum, a) => sum + (a.languages.includes(other) ? pace(a) : 0), 0);
    const all = agents.reduce((sum, a) => sum + (a.accepting && a.languages.includes(other) ? a.maxChats : 0), 0);
    if (shared === 0 || all === 0) continue;
    // How many of L's older customers will be waiting when they come to compete with this line.
    let competing = count;
    const before = order?.servedBefore[other];
    const otherPace = agents.reduce((sum, a) => sum + (a.accepting && a.languages.includes(other) && !a.languages.includes(language) ? pace(a) : 0), 0);
    if (order && before && before.length >= count && otherPace > 0) {
      competing = 0;
      // A departure's chance to come before the next release of L's other agents.
      const x = departures() / (departures() + otherPace);
      // Walk (s, b) = (departures, i + 1) along the line, both never decreasing: I_x(s, b) moves by one negative
      // binomial term per step of either, each the last times a ratio (kept as a logarithm: far in a tail the terms
      // underflow), and an incomplete beta afresh only for a jump in s: linear in the lines' lengths. `lnMass`: the
      // logarithm of P(X = b) for s successes.
      const lnX = Math.log(x);
      const ln1X = Math.log(1 - x);
      let s = 0;
      let cdf = 0;
      let lnMass = 0;
      for (let i = 0; i < count; i++) {
        const steps = Math.max(0, Math.min(before[i]! - order.freeNow, behind));
        const b = i + 1;
        if (steps === 0) {
          competing += 1;
          s = 0;
          continue;
        }
        if (s === 0 || steps < s || steps > s + 16) {
          cdf = betaI(steps, b, x);
          lnMass = lnGamma(steps + b) - lnGamma(b + 1) - lnGamma(steps) + steps * lnX + b * ln1X;
        } else {
          // b − 1 → b: + P(X = b − 1); then each s → s + 1: − Γ(s + b) ÷ (Γ(s + 1) Γ(b)) x^s (1 − x)^b, which is P(X = b)·b/s.
          cdf += Math.exp(lnMass);
          lnMass += Math.log((s + b - 1) / b) + ln1X;
          for (let k = s; k < steps; k++) {
            cdf -= (Math.exp(lnMass) * b) / k;
            lnMass += Math.log((k + b) / k) + lnX;
          }
        }
        s = steps;
        cdf = Math.min(1, Math.max(0, cdf));
        competing += cdf;
      }
    }
    const line = cappedNegBin((competing * shared) / all, position, sharedPace / total);
    lost.mean += line.mean;
    lost.variance += line.variance;
  }
  return lost;
}

type Progress = { doneIn: number; variance: number } | { needed: number; variance: number };

/** A change in how the line is served: slots free at once (`jump`, or a shift `start`'s share) and a change of pace. */
type Step = { at: number; jump: number; rate: number; start?: { slots: number; others: number } };

/**
 * Time (ms) until `needed` releases have happened, at `rate` releases/ms, while the `needed − 1` people ahead also
 * leave at `theta` each per ms; or how many are still needed after `span` ms. With j people ahead the next step
 * (a release or one of them leaving) comes at rate r + jθ, so the time to the front is Σ 1/(r + jθ) — the
 * abandonment-aware sum — then 1/r for the last release. A fractional count makes a fractional first step. Each
 * step is exponential: variance 1/pace².
 */
function progress(needed: number, rate: number, theta: number, span: number): Progress {
  const stepVariance = (pace: number) => 1 / (pace * pace);
  let m = Math.max(0, needed - 1);
  let elapsed = 0;
  let variance = 0;
  while (m > 1e-9) {
    const size = m - (Math.ceil(m) - 1);
    const pace = rate + theta * Math.ceil(m);
    if (pace <= 0) return { needed: m + 1, variance };
    if (elapsed + size / pace > span) {
      const done = pace * (span - elapsed);
      return { needed: m - done + 1, variance: variance + (done > 0 ? done * stepVariance(pace) : 0) };
    }
    elapsed += size / pace;
    variance += size * stepVariance(pace);
    m -= size;
  }
  const last = Math.min(1, needed);
  if (rate <= 0 || elapsed + last / rate > span) {
    const done = Math.max(0, rate) * (span - elapsed);
    return { needed: last - done, variance: variance + (done > 0 ? done * stepVariance(rate) : 0) };
  }
  return { doneIn: elapsed + last / rate, variance: variance + last * stepVariance(rate) };
}

/**
 * The estimate for one position, or null when nobody can serve the language within the horizon — or when the
 * language's last shift within the horizon may end before this customer's turn: with more than the range's upper
 * tail (15 %) of the waits past that close, the wait has a second mode beyond the horizon that no range can honestly
 * word, and the customer is better told the line is closed (and offered the fallback) than given a few minutes.
 */
export function estimateWait(input: EtaInput): Eta | null {
  const { language, position, now, agents, older, horizonMs } = input;
  const handleMs = Math.max(1, input.handleTimeS) * 1000;
  const theta = Math.max(0, input.abandonPerS ?? 0) / 1000;
  const end = now + horizonMs;
  if (!agents.some((a) => a.languages.includes(language))) return null;

  // Slot openings: jumps now and at shift starts, and a rate that shift changes move. A starting agent's slots go to
  // the oldest waiting in any of their languages: this line gets its part of them, as many as are still needed then
  // (`start`: the agent's slots and the older customers of their other languages still waiting then). Those lines are
  // served meanwhile by their own agents on now, one release per slot and that line's handle time (this language's
  // when it is not given): a customer who waits for the night shift is not told that the older customers of another line, who
  // will have been answered hours before, take the starting agent's first chats (peak day, Spanish customers waiting
  // for Gus at midnight: 8 % waited longer than said at 20:00–21:00, where the wait was certain).
  const handleOf = (l: LanguageCode) => {
    const s = l === language ? undefined : input.handleTimesS?.[l];
    return s !== undefined && s > 0 && Number.isFinite(s) ? s * 1000 : handleMs;
  };
  // How fast an accepting agent's slots free, per ms: each busy slot at the pace of the chat it holds (a bilingual
  // agent busy with shorter chats of another line frees sooner: overload day, German place 1 behind Hana's English
  // chats, 96 s said for a mean of 88), a free slot at this language's (it is about to take this line's next chat).
  // (An agent holding more chats than their slots — their limit lowered meanwhile — frees a slot for the line only
  // every load ÷ maxChats ends.)
  const paceOf = (a: EtaAgent) => {
    if (!a.chats || a.chats.length !== a.load) return a.maxChats / handleMs;
    let ends = 0;
    for (const l of a.chats) ends += 1 / handleOf(l);
    return Math.max(0, a.maxChats - a.load) / handleMs + (a.load > a.maxChats ? (ends * a.maxChats) / a.load : ends);
  };
  const drainPerMs = new Map<LanguageCode, number>();
  for (const a of agents) {
    if (!a.accepting) continue;
    for (const l of a.languages) drainPerMs.set(l, (drainPerMs.get(l) ?? 0) + a.maxChats / handleOf(l));
  }
  const olderElsewhere = (a: EtaAgent, at: number) =>
    a.languages.reduce((sum, l) => sum + (l === language ? 0 : Math.max(0, (older[l] ?? 0) - (drainPerMs.get(l) ?? 0) * (at - now))), 0);
  const steps: Step[] = [];
  // Slots free now (counted once, with the steps).
  let freeNow = 0;
  for (const a of agents) {
    if (!a.languages.includes(language)) continue;
    // Slots taken at a shift start hold this line's chats (or the other lines' older customers', whose pace is not
    // known then): they free at this language's pace.
    const full = a.maxChats / handleMs;
    const current = a.accepting ? paceOf(a) : full;
    if (a.accepting) {
      const free = Math.max(0, a.maxChats - a.load);
      freeNow += free;
      steps.push({ at: now, jump: free, rate: current });
    }
    let on = a.accepting;
    let pace = current;
    for (const change of a.changes) {
      if (change.on === on || change.at > end) continue;
      on = change.on;
      if (!on) {
        steps.push({ at: change.at, jump: 0, rate: -pace });
        continue;
      }
      pace = full;
      steps.push({ at: change.at, jump: 0, rate: full, start: { slots: a.maxChats, others: olderElsewhere(a, change.at) } });
    }
  }
  steps.sort((x, y) => x.at - y.at);
  // When the line closes for the rest of the horizon: the last step that leaves no agent serving it, with none after.
  let closesAt: number | null = null;
  {
    let r = 0;
    for (const step of steps) {
      r += step.rate;
      closesAt = r <= 1e-15 && step.rate < 0 ? step.at : step.jump > 0 || step.start || step.rate > 0 ? null : closesAt;
    }
  }

  // The fluid path gives the mean; the variance of the exponential steps along it gives the spread. At a change of
  // pace (a shift starting or ending) the uncertainty in how many steps are left carries over at the new pace, so a
  // shift start that serves everyone ahead at once leaves no uncertainty at all.
  // A slot free now is free because none of its agent's lines has anyone waiting (routing fills it otherwise): it
  // serves this line's next customers at once, and only the releases after it can be lost to other lines.
  const order = input.servedBefore && { servedBefore: input.servedBefore, freeNow, theta };
  const lost = position > freeNow ? lostToOlder(agents, older, language, position - freeNow, paceOf, order) : { mean: 0, variance: 0 };
  let needed = position + lost.mean;
  let rate = 0;
  let t = now;
  let variance = 0;
  // The uncertainty in how many steps are left, carried over changes of pace (in steps), and the pace after the last
  // change, which turns it into time at the end. Kept in steps, not converted into time and back at each change: the
  // pace within a segment moves as the people ahead give up (one fewer to leave each step), and converting back at the
  // segment's closing pace lost or made up steps (a customer at place 7 was given a narrower range than at place 6,
  // and an estimate where place 6 was told the line closes first).
  let carried = 0;
  let carriedPace = 0;
  let waitMs: number | null = null;
  const pace = (r: number, n: number) => r + theta * Math.max(0, Math.ceil(n - 1));
  for (let i = 0; i <= steps.length; i++) {
    const step = steps[i];
    const until = Math.min(step ? step.at : Infinity, end);
    const moved = progress(needed, rate, theta, until - t);
    variance += moved.variance;
    if ("doneIn" in moved) {
      waitMs = t + moved.doneIn - now;
      break;
    }
    needed = moved.needed;
    t = until;
    if (!step || step.at > end) break;
    const before = pace(rate, needed);
    if (step.start) {
      const ahead = step.start.others + needed;
      needed -= ahead > 0 ? (Math.min(step.start.slots, ahead) * needed) / ahead : 0;
    } else needed -= step.jump;
    rate = Math.max(0, rate + step.rate);
    if (needed <= 1e-9) {
      waitMs = step.at - now;
      variance = 0;
      carried = 0;
      break;
    }
    carried += variance * before * before;
    variance = 0;
    carriedPace = pace(rate, needed);
  }
  if (waitMs === null) return null;
  if (carried > 0 && carriedPace > 0) variance += carried / (carriedPace * carriedPace);
  // How many releases are lost is itself uncertain: Var W = E[K]·Var(step) + Var(K)·E[step]², with the path's mean
  // time per release as the step (zero when a shift start serves everyone ahead at once).
  if (variance > 0) variance += lost.variance * (waitMs / (position + lost.mean)) ** 2;
  const mean = waitMs / 1000;
  const modelSd = Math.sqrt(variance) / 1000;
  const sd = modelSd * (input.spreadFactor ?? 1);
  if (mean <= 0) return { etaSeconds: 0, range: [0, 0], meanSeconds: 0, sdSeconds: 0 };
  const wait = gammaWait(mean, sd);
  if (closesAt !== null && pastClose(steps, closesAt, now, position + lost.mean, theta) > (1 - RANGE_LEVEL) / 2) return null;
  // Gamma with the same mean and variance: Erlang(p, cμ) exactly when p steps of one pace remain.
  const shape = sd > 0 ? (mean * mean) / (sd * sd) : Infinity;
  return {
    etaSeconds: Math.round(shape < Infinity ? mean * gammaQuantile(Math.min(shape, 1e4), 0.5) : mean),
    range: rangeOnGrid(wait),
    meanSeconds: Math.round(mean),
    sdSeconds: Math.round(modelSd),
  };
}

/**
 * The chance that a customer needing `needed` releases (their place and the releases lost to other lines) is still
 * waiting when the line closes at `closesAt`. By then the line's slots have freed a Poisson number of times (Λ, the
 * pace integrated over the steps until the close) on top of the slots free now and those shift starts bring (J, a
 * start's part as in the path: shared with the other lines' older customers still waiting); the people ahead who give
 * up first need none (a part g = 1 − e^(−θ·span/2) of them, span the time to the close). So the chance is
 * P(J + Poisson(Λ) < n) = Q(n − J, Λ), n = 1 + (needed − 1)(1 − g): exact for Erlang waits, and never smaller for a
 * later place (each place adds at most one to what a start takes). Judged from the fitted Gamma instead, the simplified
 * path (a start taken to serve everyone ahead for certain, a tail converted at the pace of a one-slot minute) closed the
 * line to a place and opened it to the next.
 */
function pastClose(steps: readonly Step[], closesAt: number, now: number, needed: number, theta: number): number {
  const g = 1 - Math.exp(-theta * Math.max(0, closesAt - now) / 2);
  const n = 1 + Math.max(0, needed - 1) * (1 - g);
  let lambda = 0;
  let served = 0;
  let rate = 0;
  let t = now;
  for (const step of steps) {
    if (step.at > closesAt) break;
    lambda += rate * (step.at - t);
    t = step.at;
    if (step.start) {
      const remaining = Math.max(0, n - served - lambda);
      const ahead = step.start.others + remaining;
      served += ahead > 0 ? (Math.min(step.start.slots, ahead) * remaining) / ahead : 0;
    } else served += step.jump;
    rate = Math.max(0, rate + step.rate);
  }
  lambda += rate * Math.max(0, closesAt - t);
  const short = n - served;
  if (short <= 1e-9) return 0;
  if (lambda <= 0) return 1;
  return 1 - gammaP(short, lambda);
}

/**
 * A wait's distribution as the range chooser needs it: its mean, its standard deviation (the search stops at mean +
 * 5 sd) and, at x, its distribution function F(x) and partial mean E[W; W ≤ x].
 */
export interface WaitDistribution {
  mean: number;
  sd: number;
  at(x: number): { cdf: number; below: number };
}

/** The fitted Gamma with this mean and sd (a normal when very regular; a point mass when sd is 0). */
export function gammaWait(mean: number, sd: number): WaitDistribution {
  if (sd <= 0) return { mean, sd: 0, at: (x) => (x >= mean ? { cdf: 1, below: mean } : { cdf: 0, below: 0 }) };
  const shape = (mean * mean) / (sd * sd);
  if (shape > NORMAL_SHAPE) {
    return {
      mean,
      sd,
      at(x) {
        const z = (x - mean) / sd;
        const cdf = normalCdf(z);
        return { cdf, below: mean * cdf - (sd * Math.exp(-z * z / 2)) / Math.sqrt(2 * Math.PI) };
      },
    };
  }
  const scale = mean / shape;
  return { mean, sd, at: (x) => ({ cdf: gammaP(shape, x / scale), below: mean * gammaP(shape + 1, x / scale) }) };
}

/** The empirical distribution of sorted samples (the simulator's oracle puts its forks' waits through {@link rangeOnGrid}). */
export function sampleWait(sorted: readonly number[]): WaitDistribution {
  const n = sorted.length;
  const prefix = [0];
  for (const x of sorted) prefix.push(prefix[prefix.length - 1]! + x);
  const mean = prefix[n]! / n;
  const sd = Math.sqrt(sorted.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
  return {
    mean,
    sd,
    at(x) {
      // How many samples are ≤ x (binary search).
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      return { cdf: lo / n, below: prefix[lo]! / n };
    },
  };
}

// Beyond this shape the fitted Gamma is treated as a normal (its incomplete-gamma series gets slow).
const NORMAL_SHAPE = 400;

/**
 * The range as the widget will word it: of the ranges the widget can say, the one with the lowest expected interval
 * score for a 70 % range under the distribution — (hi − lo) + (2/α)·E(lo − W)⁺ + (2/α)·E(W − hi)⁺ with
 * α = 1 − RANGE_LEVEL. The widget words a range on a grid set by its upper end (whole minutes below an hour, then 5
 * minutes, a quarter of an hour, whole hours; see `roundingStep`), so each grid is searched for the ranges it words
 * and the cheapest wins. The interval score is a proper score for the 15th and 85th percentiles, so the choice is
 * calibrated after rounding rather than rounded afterwards ("2.4 min" rounded to "under 2 min" would add late
 * misses). On a grid as coarse as the wait itself it weighs misses by their size, not their number: a wait of 40 s
 * (exponential) is "under 1 min" (24 % above it) rather than "under 2 min" (6 % above, twice as wide). The two ends
 * separate: lo minimises −lo + (2/α)·E(lo − W)⁺, hi minimises hi + (2/α)·E(W − hi)⁺.
 */
export function rangeOnGrid(wait: WaitDistribution): [number, number] {
  const { mean, sd } = wait;
  const c = 2 / (1 - RANGE_LEVEL);
  const reach = mean + 5 * sd;
  let best: [number, number] = [0, 60];
  let bestCost = Infinity;
  // Each grid the widget words (by the range's upper end, see `roundingStep`); a range counts on a grid only when
  // the widget would word it on that grid.
  for (const size of GRID_STEPS) {
    const top = Math.ceil(reach / size) + 1;
    if (roundingStep(top * size).size < size) continue;
    let lo = 0;
    let loCost = Infinity;
    let hi = -1;
    let hiCost = Infinity;
    for (let i = 0; i <= top; i++) {
      const x = i * size;
      if (roundingStep(x).size > size) break;
      const { cdf, below } = wait.at(x);
      const under = x * cdf - below; // E(x − W)⁺
      const over = mean - below - x * (1 - cdf); // E(W − x)⁺
      if (-x + c * under < loCost) (loCost = -x + c * under), (lo = i);
      if (roundingStep(x).size === size && x + c * over < hiCost) (hiCost = x + c * over), (hi = i);
    }
    if (hi < 0) continue;
    const range: [number, number] = [lo * size, Math.max(lo + 1, hi) * size];
    const at = (x: number) => wait.at(x);
    const [a, b] = [at(range[0]), at(range[1])];
    const cost = range[1] - range[0] + c * (range[0] * a.cdf - a.below) + c * (mean - b.below - range[1] * (1 - b.cdf));
    if (cost < bestCost) (bestCost = cost), (best = range);
  }
  return shownRange(best) ?? best;
}

/** The steps the widget rounds ranges to (see `roundingStep`). */
const GRID_STEPS = [60, 300, 900, 3600] as const;

/**
 * Finished chats a language needs before its estimate is called reliable: with fewer, the measured mean handle time
 * (and so every estimate) can be off by a quarter or more (the standard error of a mean of n exponential chats is
 * 1/√n of it: 22 % at 20), and the widget says the wait is a rough guess instead of showing false precision.
 */
export const RELIABLE_AFTER = 20;

/**
 * Abandonment per language, measured as the server sees it: people who left a queue without being served, per
 * second waited — the rate for exponential patience. Recent departures only, and the time waited counts the people
 * still in line too (`inLineS`, what they have waited so far): they have been exposed to giving up and have not. Left
 * out, the rate runs high exactly while a line builds up (those who gave up early have left; the patient ones are
 * still waiting), the estimate then expects people ahead to leave faster than they do, and real waits run longer
 * than it says (overload day: late misses at places ≥ 10 went from 19.6 % to 16.x % with them counted).
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
    /**
     * Per second per waiting person; 0 until someone has left unserved. `inLineS`: the time the people still in the
     * line have waited so far, together (`Queues.waitedMs` ÷ 1000).
     */
    rate(language: LanguageCode, inLineS = 0): number {
      const list = samples.get(language) ?? [];
      const waited = list.reduce((sum, s) => sum + s.waitedS, 0) + (Number.isFinite(inLineS) && inLineS > 0 ? inLineS : 0);
      return waited > 0 ? list.filter((s) => s.abandoned).length / waited : 0;
    },
  };
}

/** One finished chat: how long it was assigned, and when it ended (epoch ms; unknown for samples kept by older versions). */
export interface HandleSample {
  seconds: number;
  endedAt?: number;
}

/**
 * How many recent chats per language the handle time is measured over. Long, because the chats behind a long line are
 * not a fair sample: a line builds when recent chats ran long, so a short window measures the line's own history and
 * errs long exactly where the wait is longest (400 chats: 41.7 % of the peak day's places ≥ 10 waited longer than
 * said; 2,000: see bench/simulator/README.md). A real change of pace is followed anyway: see {@link sinceChange}.
 */
export const HANDLE_TIME_WINDOW = 2000;

/** The most recent chats compared with the rest of the window for a change of pace (see {@link sinceChange}). */
export const HANDLE_TIME_RECENT = 200;

/** How many standard errors apart the recent chats' mean and the rest's must be to count as a change of pace. */
const CHANGE_Z = 4;

/**
 * The samples since the pace changed, or all of them. The mean of the last `recent` chats is compared with the rest's
 * on a log scale, in standard errors of that difference (the chats' own coefficient of variation over √n each; each
 * chat capped at ten times the window's mean, so one chat left open for hours is no change). Beyond
 * {@link CHANGE_Z} the change is placed where the likelihood of two exponential paces, one before and one after, is
 * highest among the last `recent` chats (at least `keep` after it), and only the chats after it are kept: a desk whose
 * chats turn twice as long (a new product, an outage) measures the new pace within about 70 chats, instead of
 * averaging it with up to 2,000 of the old. By chance such a difference shows about once in ten thousand windows.
 */
export function sinceChange<T extends { seconds: number }>(list: T[], recent: number, keep: number): T[] {
  const n = list.length;
  if (n < 2 * recent) return list;
  let raw = 0;
  for (const s of list) raw += s.seconds;
  const limit = (10 * raw) / n;
  // One pass, no allocation: this runs at every finished chat (and for every remembered one when a desk takes over).
  const split = n - recent;
  let total = 0;
  let squares = 0;
  let head = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.min(limit, list[i]!.seconds);
    total += v;
    squares += v * v;
    if (i === split - 1) head = total;
  }
  const mean = total / n;
  const sd = Math.sqrt(Math.max(0, squares - n * mean * mean) / (n - 1));
  const before = head / split;
  const after = (total - head) / recent;
  const z = Math.abs(Math.log(after / before)) / ((sd / mean) * Math.sqrt(1 / split + 1 / recent));
  if (!(z > CHANGE_Z)) return list;
  // Where the change most likely was: the split that best explains the window as two exponential paces (the lowest
  // n₁ ln m₁ + n₂ ln m₂).
  let at = split;
  let best = Infinity;
  let sum = head;
  for (let k = split; k <= n - keep; k++) {
    const cost = k * Math.log(sum / k) + (n - k) * Math.log((total - sum) / (n - k));
    if (cost < best) (best = cost), (at = k);
    sum += Math.min(limit, list[k]!.seconds);
  }
  return list.slice(at);
}

/**
 * Handle times per language, measured by time: over the span since the oldest of the last `window` chats ended, the
 * chat time the language's chats spent in it — the open chats' time so far included — per chat that ended in it,
 * plus one (the maximum-likelihood mean of exponential chats when some are still running, made nearly unbiased for
 * few chats). The mean of the chats that ended is
 * biased by the line: in a surge, when chats start faster than they end, the ones that have ended are the short ones
 * (the overload day measured 0.95 × the true mean); on a steady day a long line builds when recent chats ran long (1.05
 * × at places ≥ 10 with 400 chats). Counting the open chats' time removes the first, the long window the second; a
 * change of pace beyond chance restarts the window ({@link sinceChange}). Each chat counts at most ten mean chats (a
 * chat left open for hours). Without end times (or without `now`) the mean of the samples, robust to outliers: each
 * capped at three times their median, with the expected excess beyond the cap added back (unbiased for exponential
 * chats; one chat left open for hours adds no more than an ordinary long one). Until there are enough samples it
 * blends in the configured default.
 */
export function createHandleTimes(defaultS: number, window = HANDLE_TIME_WINDOW, minSamples = 5, reliableAfter = RELIABLE_AFTER, recent = HANDLE_TIME_RECENT) {
  const samples = new Map<LanguageCode, HandleSample[]>();
  return {
    record(language: LanguageCode, seconds: number, endedAt?: number) {
      if (!(seconds > 0) || !Number.isFinite(seconds)) return;
      const list = samples.get(language) ?? [];
      list.push(endedAt !== undefined && Number.isFinite(endedAt) ? { seconds, endedAt } : { seconds });
      if (list.length > window) list.shift();
      samples.set(language, sinceChange(list, recent, reliableAfter));
    },
    /** The samples kept for `language`, oldest first (what a desk taking over needs to go on measuring). */
    samples: (language: LanguageCode): readonly HandleSample[] => samples.get(language) ?? [],
    /** Enough recent chats in the language to trust the measured handle time (and so the estimate's precision). */
    reliable: (language: LanguageCode) => (samples.get(language)?.length ?? 0) >= reliableAfter,
    /** Seconds. `now` and `open` (the start times of the language's open chats, epoch ms) measure it by time. */
    estimate(language: LanguageCode, now?: number, open: Iterable<number> = []): number {
      const list = samples.get(language) ?? [];
      if (list.length === 0) return defaultS;
      const median = upperMedian(list.map((s) => s.seconds));
      // Capped at 3× the median, and each capped one credited with the mean excess an exponential tail has beyond its
      // cap (median / ln 2). (Capping alone would underestimate exponential chats by 2⁻³ = 12.5 %.)
      const cap = 3 * median;
      const capped = (s: number) => (s > cap ? cap + median / Math.LN2 : s);
      // The samples with end times, in the order they ended (samples without are older: kept by an earlier version).
      let first = list.length;
      while (first > 0 && list[first - 1]!.endedAt !== undefined) first--;
      const timed = list.slice(first);
      let mean: number | null = null;
      if (now !== undefined && timed.length >= minSamples) {
        // Measured by time, a chat counts at most ten means (as the median says them: median / ln 2). The cap of the
        // plain mean (below) would bring the surge's bias back: there the median is that of the short chats that
        // ended, and the long ones still open would be cut to it (overload day, German: median error 1.21 × the
        // oracle's instead of 1.12). Ten means cut 0.005 % of an exponential chat's time; a chat left open for hours
        // adds at most ten chats' worth.
        const limit = (10 * median) / Math.LN2;
        const from = timed[0]!.endedAt!;
        let time = 0;
        for (const s of timed.slice(1)) time += Math.max(0, Math.min(limit, s.seconds, (s.endedAt! - from) / 1000));
        for (const started of open) time += Math.min(limit, Math.max(0, (now - Math.max(started, from)) / 1000));
        // Per chat ended since, plus one: a span of time holds a Poisson number K of ends, and time ÷ (K + 1) is the
        // mean's nearly unbiased estimate (its expectation is the mean × (1 − e^−m), m the expected ends), where
        // time ÷ K runs high by about 1/K, which matters in a language's first hours (overload day, German at 07:00
        // UTC, a handful of chats ended: the handle time behind five estimates read 490–735 s with K, 450–630 s with
        // K + 1, against a true 480; peak day, places 4–9 waited longer than said 44.7 → 45.2 %).
        // (All of them ended in the same instant: no time to measure by.)
        if (time > 0) mean = time / timed.length;
      }
      mean ??= list.reduce((sum, s) => sum + capped(s.seconds), 0) / list.length;
      const weight = Math.min(1, list.length / minSamples);
      return weight * mean + (1 - weight) * defaultS;
    },
  };
}

/** The middle value (of an even count, the upper of the two middle ones), found in linear time; reorders `values`. */
export function upperMedian(values: number[]): number {
  const k = Math.floor(values.length / 2);
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) [values[i], values[j]] = [values[j]!, values[i]!], i++, j--;
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/**
 * How many independent waits at factor 1 the learnt spread starts from (see {@link createSpreadCalibration}): the
 * factor rests on the waits people had in proportion to how many independent ones there are.
 */
export const SPREAD_PRIOR_WAITS = 5;

/**
 * How far the modelled spread is from the waits people really had, per language: the mean square of the standardised
 * error (wait − mean) ÷ sd over the last `window` customers who waited, whose root scales the spread of later
 * estimates. 1 means the model's spread is right; below 1 it is wider than reality (shared multilingual agents make
 * the line steadier than independent exponential steps), above 1 narrower. Kept within [min, max] so that a few odd
 * waits cannot make the range collapse or explode.
 *
 * The waits of one busy spell err together (a spell whose chats ran long makes every wait in it long), so they are
 * weighed by how many independent waits they hold — the most of them that do not overlap in time — against `prior`
 * waits at factor 1: the learnt factor is (k·m + prior) ÷ (k + prior) under the root, k those independent waits and m
 * the mean square. On the overload day the first busy spell's 30–150 waits hold a handful of independent ones;
 * counted as 30–150 (and the factor learnt from the 30th on), they set it at 0.62–1.43 by chance, seed by seed.
 * Weighed, the overload day's ranges are 1.11 × the oracle's width instead of 1.14 (German 1.25 → 1.14) and the
 * peak day's 1.27 instead of 1.28 (see bench/simulator/README.md).
 */
export function createSpreadCalibration(window = 300, prior = SPREAD_PRIOR_WAITS, min = 0.6, max = 1.5) {
  const samples = new Map<LanguageCode, Array<{ square: number; from: number; to: number }>>();
  /** The factor, and how many independent waits it rests on. */
  const learnt = (language: LanguageCode): { factor: number; independent: number } => {
    const list = samples.get(language) ?? [];
    if (list.length === 0) return { factor: 1, independent: 0 };
    // The most waits that do not overlap: greedily by end time (the list is in the order people left the line).
    let independent = 0;
    let last = -Infinity;
    let sum = 0;
    for (const s of list) {
      sum += s.square;
      if (Number.isNaN(s.to)) independent++;
      else if (s.from >= last) (independent++, (last = s.to));
    }
    const square = (independent * (sum / list.length) + prior) / (independent + prior);
    return { factor: Math.min(max, Math.max(min, Math.sqrt(square))), independent };
  };
  return {
    /**
     * Scores the estimate a customer saw on joining against how long they waited: until answered, or (`answered`
     * false) until they gave up — counted only when that was already beyond the estimate's mean, where it is a lower
     * bound on how far off it was (leaving them out would make the learnt spread too narrow when many give up late).
     * `at`: when they left the line (epoch ms), so that waits of the same spell are told apart; without it, every wait
     * counts as independent.
     */
    record(language: LanguageCode, estimate: Pick<Eta, "meanSeconds" | "sdSeconds">, waitedS: number, answered = true, at?: number) {
      if (!(estimate.sdSeconds > 0) || !Number.isFinite(waitedS) || waitedS < 0) return;
      if (!answered && waitedS <= estimate.meanSeconds) return;
      const list = samples.get(language) ?? [];
      const z = (waitedS - estimate.meanSeconds) / estimate.sdSeconds;
      const to = at !== undefined && Number.isFinite(at) ? at : Number.NaN;
      list.push({ square: z * z, from: to - waitedS * 1000, to });
      if (list.length > window) list.shift();
      samples.set(language, list);
    },
    learnt,
    factor: (language: LanguageCode): number => learnt(language).factor,
  };
}
