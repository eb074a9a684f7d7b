// Erlang C: the textbook M/M/c queue (Poisson arrivals, exponential handle times, c identical servers, nobody
// abandons). It is the reference for what a well-run queue with this load and staffing would wait.
import { HOUR_MS, type HourStaffing } from "./staffing.js";
import type { Scenario } from "./scenario.js";

/** Erlang B blocking probability for a whole number of servers (the stable recursion). */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/**
 * Probability that an arrival waits, for `servers` (may be fractional) and offered load `load` (Erlangs), or null
 * when the queue is overloaded (load ≥ servers). A fractional server count interpolates Erlang B linearly between
 * the whole counts around it; for whole counts this is the textbook C(c, a) = c·B / (c − a(1 − B)).
 */
export function erlangC(servers: number, load: number): number | null {
  if (load <= 0) return servers > 0 ? 0 : null;
  if (load >= servers) return null;
  const low = Math.floor(servers);
  const b = erlangB(low, load) + (servers - low) * (erlangB(low + 1, load) - erlangB(low, load));
  return (servers * b) / (servers - load * (1 - b));
}

/** Mean wait in seconds of all arrivals, C(c, a) / (cμ − λ), or null when overloaded. */
export function erlangCMeanWait(servers: number, arrivalsPerSecond: number, meanHandleSeconds: number): number | null {
  const load = arrivalsPerSecond * meanHandleSeconds;
  const c = erlangC(servers, load);
  return c === null ? null : c / (servers / meanHandleSeconds - arrivalsPerSecond);
}

/**
 * The reference for a set of languages: the mean of each hour's Erlang C wait, weighted by the hour's expected
 * arrivals. An overloaded hour (a ≥ c, including arrivals with nobody on shift) has no finite Erlang C wait: it is
 * left out of the mean and counted in `overloadedHours` with its expected arrivals in `overloadedArrivals`.
 */
export interface ErlangReference {
  meanWaitS: number | null;
  overloadedHours: number;
  overloadedArrivals: number;
}

export function erlangReference(scenario: Scenario, hours: readonly HourStaffing[], languages: readonly string[]): ErlangReference {
  let weighted = 0;
  let weight = 0;
  let overloadedHours = 0;
  let overloadedArrivals = 0;
  for (const hour of hours) {
    const utcHour = new Date(hour.at).getUTCHours();
    for (const code of languages) {
      const spec = scenario.languages[code]!;
      const arrivals = spec.arrivalsPerHour[utcHour]!;
      if (arrivals === 0) continue;
      const wait = erlangCMeanWait(hour.servers[code]!, arrivals / (HOUR_MS / 1000), spec.meanHandleSeconds);
      if (wait === null) {
        overloadedHours++;
        overloadedArrivals += arrivals;
      } else {
        weighted += wait * arrivals;
        weight += arrivals;
      }
    }
  }
  return { meanWaitS: weight > 0 ? weighted / weight : null, overloadedHours, overloadedArrivals };
}
