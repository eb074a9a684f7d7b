// The oracle: the best estimate the information available at an arrival allows. The simulation is forked K times
// from the state at that instant (who waits where and since when, each agent's open chats and when they started,
// who is on shift and every shift change to come) with fresh randomness for everything not yet realised — the rest
// of every open chat, the patience of everyone waiting, the arrivals to come and their chats. The run's own
// pre-drawn handle times and patience are never read. Each fork runs until a slot reaches the new customer (they
// never give up in a fork: what is measured is their potential wait), and the K waits give the distribution: its
// median and its narrowest 70 % interval.
//
// Routing in a fork is least-loaded (`planAssignments`' default), written out for speed over plain arrays: the
// oldest head of line among languages someone can take now goes to the least loaded agent who speaks it (ties to
// the one idle longest, then the lower index). An arrival in a fork joins its own language when someone who speaks
// it is on shift or due within the horizon, otherwise the fallback language's queue (the run asks the estimate).
import type { Customer } from "./desk.js";
import { createRandom, type Random } from "./prng.js";
import type { Scenario } from "./scenario.js";
import { HOUR_MS } from "./staffing.js";
import { normalCdf, normalQuantile } from "../../server/domain/gamma.js";
import { rangeOnGrid, sampleWait } from "../../server/domain/eta.js";

/** What the oracle sees of the desk at an arrival. */
export interface OracleState {
  now: number;
  /** The queue the new customer joins (they are last in it). */
  queue: string;
  /** Everyone else waiting, oldest first. */
  waiting: ReadonlyArray<{ queue: string; language: string; arrivedAt: number }>;
  agents: ReadonlyArray<{
    languages: readonly string[];
    maxChats: number;
    accepting: boolean;
    idleSince: number;
    /** Open chats: when each started and the mean handle time of its customer's language. */
    chats: ReadonlyArray<{ startedAt: number; language: string }>;
    /** Every shift change after now, in order. */
    changes: ReadonlyArray<{ at: number; on: boolean }>;
  }>;
}

export interface OracleWait {
  /** Median of the K potential waits, seconds. */
  medianS: number;
  /** Narrowest interval holding 70 % of them, seconds. */
  range: [number, number];
  /** The waits were all the same (a free slot at arrival): no fork was needed. */
  certain: boolean;
  /**
   * The oracle's distribution worded as the widget words a range: the range `rangeOnGrid` (the code Parley's estimate
   * uses) chooses for the K waits. What the best possible estimate would show: the floor for the widget's wording.
   */
  shown: [number, number];
}

/** Narrowest interval holding `level` of sorted samples. */
export function narrowest(sorted: readonly number[], level: number): [number, number] {
  const m = Math.max(0, Math.ceil(level * sorted.length) - 1);
  let best = 0;
  for (let i = 1; i + m < sorted.length; i++) if (sorted[i + m]! - sorted[i]! < sorted[best + m]! - sorted[best]!) best = i;
  return [sorted[best]!, sorted[best + m]!];
}

// Forks stop at this wait and count it as this long (nobody due to serve the language for two days).
const CAP_MS = 48 * HOUR_MS;

/** A fork engine for one scenario: arrays sized once, reused by every fork. */
export function createOracle(scenario: Scenario, seed: number, k: number) {
  const codes = Object.keys(scenario.languages);
  const index = new Map(codes.map((c, i) => [c, i]));
  const langOf = (code: string) => {
    let i = index.get(code);
    if (i === undefined) index.set(code, (i = index.size)), codes.push(code);
    return i;
  };
  const fallback = langOf(scenario.fallbackLanguage);
  const handleMean = (lang: number) => (scenario.languages[codes[lang]!]?.meanHandleSeconds ?? 420) * 1000;
  const patienceMean = (lang: number) => (scenario.languages[codes[lang]!]?.patienceSeconds ?? 600) * 1000;
  const horizonMs = scenario.horizonHours * HOUR_MS;
  const lognormal = scenario.handleDistribution === "lognormal";
  const sigma = Math.sqrt(Math.log(1 + scenario.handleCV * scenario.handleCV));

  // The event heap: times and codes (kind + 4 × index) in parallel arrays.
  let heapT = new Float64Array(1024);
  let heapC = new Int32Array(1024);
  let size = 0;
  const push = (t: number, code: number) => {
    if (size === heapT.length) {
      const t2 = new Float64Array(size * 2);
      const c2 = new Int32Array(size * 2);
      t2.set(heapT), c2.set(heapC), (heapT = t2), (heapC = c2);
    }
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapT[p]! <= t) break;
      heapT[i] = heapT[p]!;
      heapC[i] = heapC[p]!;
      i = p;
    }
    heapT[i] = t;
    heapC[i] = code;
  };
  const pop = () => {
    const t = heapT[--size]!;
    const c = heapC[size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const m = l + 1 < size && heapT[l + 1]! < heapT[l]! ? l + 1 : l;
      if (heapT[m]! >= t) break;
      heapT[i] = heapT[m]!;
      heapC[i] = heapC[m]!;
      i = m;
    }
    heapT[i] = t;
    heapC[i] = c;
  };
  const FINISH = 0, ABANDON = 1, ARRIVAL = 2, SHIFT = 3;

  /** Residual handle time of a chat that has run `elapsed` ms: fresh, conditioned on its having run so long. */
  const residual = (random: Random, mean: number, elapsed: number) => {
    if (!lognormal) return random.exponential(mean);
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    const p0 = elapsed > 0 ? normalCdf((Math.log(elapsed) - mu) / sigma) : 0;
    const u = Math.min(1 - 1e-12, p0 + random.next() * (1 - p0));
    return Math.max(1, Math.exp(mu + sigma * normalQuantile(u)) - elapsed);
  };
  const freshHandle = (random: Random, mean: number) => Math.max(1, lognormal ? random.lognormal(mean, scenario.handleCV) : random.exponential(mean));

  /** When the next arrival of a language comes after `t` (its UTC hour's rate), or Infinity. */
  const nextArrival = (random: Random, lang: number, t: number) => {
    const rates = scenario.languages[codes[lang]!]?.arrivalsPerHour;
    if (!rates) return Infinity;
    for (let guard = 0; guard < 200 && t < scenario.end; guard++) {
      const hourEnd = Math.min(scenario.end, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
      const perMs = rates[new Date(t).getUTCHours()]! / HOUR_MS;
      const at = perMs > 0 ? t + random.exponential(1 / perMs) : Infinity;
      if (at < hourEnd) return at;
      t = hourEnd;
    }
    return Infinity;
  };

  return {
    /**
     * The K potential waits (seconds, sorted) of the customer who just joined `state.queue`, from forks with fresh
     * randomness; a single 0 when a free slot serves them at once (the first routing pass does not depend on chance).
     */
    samples(state: OracleState, customerId: string): number[] {
      const random = createRandom(seed, `oracle:${customerId}`);
      const n = state.agents.length;
      const speaks = state.agents.map((a) => new Set(a.languages.map(langOf)));
      const target = langOf(state.queue);
      const waits: number[] = [];
      for (let f = 0; f < k; f++) {
        const wait = fork(state, random, speaks, target, n);
        if (wait === 0 && f === 0) return [0];
        waits.push(wait / 1000);
      }
      return waits.sort((a, b) => a - b);
    },
    /** The oracle's median and narrowest 70 % interval for the customer who just joined `state.queue`. */
    wait(state: OracleState, customer: Customer): OracleWait {
      const waits = this.samples(state, customer.id);
      const shown = rangeOnGrid(sampleWait(waits));
      if (waits.length === 1) return { medianS: 0, range: [0, 0], certain: true, shown };
      const mid = waits.length >> 1;
      const medianS = waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
      return { medianS, range: narrowest(waits, 0.7), certain: false, shown };
    },
  };

  function fork(state: OracleState, random: Random, speaks: ReadonlyArray<Set<number>>, target: number, n: number): number {
    const now = state.now;
    size = 0;
    const load = state.agents.map((a) => a.chats.length);
    const accepting = state.agents.map((a) => a.accepting);
    const idle = state.agents.map((a) => a.idleSince);
    const nextChange = state.agents.map(() => 0);
    // Entries: everyone waiting (oldest first), then the target, then arrivals in the fork.
    const entryLang: number[] = [];
    const entryHandle: number[] = [];
    const gone: boolean[] = [];
    const lines: number[][] = codes.map(() => []);
    const heads: number[] = codes.map(() => 0);
    const add = (queue: number, handleLang: number) => {
      const e = entryLang.length;
      entryLang.push(queue);
      entryHandle.push(handleLang);
      gone.push(false);
      while (lines.length <= queue) lines.push([]), heads.push(0);
      lines[queue]!.push(e);
      return e;
    };
    for (const w of state.waiting) {
      const e = add(langOf(w.queue), langOf(w.language));
      push(now + random.exponential(patienceMean(langOf(w.language))), ABANDON + 4 * e);
    }
    const me = add(target, target);
    state.agents.forEach((a, i) => {
      for (const chat of a.chats) push(now + residual(random, handleMean(langOf(chat.language)), now - chat.startedAt), FINISH + 4 * i);
      if (a.changes.length > 0) push(a.changes[0]!.at, SHIFT + 4 * i);
    });
    for (let l = 0; l < codes.length; l++) {
      if (l === target || !scenario.languages[codes[l]!]) continue;
      const at = nextArrival(random, l, now);
      if (at < Infinity) push(at, ARRIVAL + 4 * l);
    }

    const canTake = (i: number, lang: number) => accepting[i]! && load[i]! < state.agents[i]!.maxChats && speaks[i]!.has(lang);
    /** Routes what can be routed at `t`; true when the target got a slot. */
    const route = (t: number): boolean => {
      for (;;) {
        let best = -1;
        let bestEntry = -1;
        for (let l = 0; l < lines.length; l++) {
          const line = lines[l]!;
          while (heads[l]! < line.length && gone[line[heads[l]!]!]) heads[l]!++;
          if (heads[l]! >= line.length) continue;
          const e = line[heads[l]!]!;
          // Entries are numbered in arrival order, so the lower number is the older one.
          if (best >= 0 && e > bestEntry) continue;
          let any = false;
          for (let i = 0; i < n && !any; i++) any = canTake(i, l);
          if (any) (best = l), (bestEntry = e);
        }
        if (best < 0) return false;
        let agent = -1;
        for (let i = 0; i < n; i++) {
          if (!canTake(i, best)) continue;
          if (agent < 0 || load[i]! < load[agent]! || (load[i] === load[agent] && idle[i]! < idle[agent]!)) agent = i;
        }
        heads[best]!++;
        gone[bestEntry] = true;
        if (bestEntry === me) return true;
        load[agent]!++;
        idle[agent] = t;
        push(t + freshHandle(random, handleMean(entryHandle[bestEntry]!)), FINISH + 4 * agent);
      }
    };
    const servedSomewhere = (lang: number, t: number) =>
      state.agents.some((a, i) => speaks[i]!.has(lang) && (accepting[i] || a.changes.some((c, j) => j >= nextChange[i]! && c.on && c.at <= t + horizonMs)));

    if (route(now)) return 0;
    while (size > 0) {
      const t = heapT[0]!;
      const code = heapC[0]!;
      pop();
      if (t - now > CAP_MS) return CAP_MS;
      const kind = code & 3;
      const i = code >> 2;
      if (kind === ABANDON) {
        gone[i] = true;
        continue;
      }
      if (kind === FINISH) load[i]!--;
      else if (kind === SHIFT) {
        const change = state.agents[i]!.changes[nextChange[i]!]!;
        if (change.on && !accepting[i]) idle[i] = t;
        accepting[i] = change.on;
        nextChange[i]!++;
        const next = state.agents[i]!.changes[nextChange[i]!];
        if (next) push(next.at, SHIFT + 4 * i);
      } else {
        const at = nextArrival(random, i, t);
        if (at < Infinity) push(at, ARRIVAL + 4 * i);
        const queue = servedSomewhere(i, t) ? i : i !== fallback && servedSomewhere(fallback, t) ? fallback : -1;
        if (queue < 0) continue;
        const e = add(queue, i);
        push(t + random.exponential(patienceMean(i)), ABANDON + 4 * e);
      }
      if (route(t)) return t - now;
    }
    return CAP_MS;
  }
}
