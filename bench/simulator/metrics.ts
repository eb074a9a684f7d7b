// The figures of a run, per language and overall. Every figure is defined on the customer records alone (plus the
// staffing for utilization and Erlang C), so the trace file recomputes them; bench/simulator/README.md has the
// definitions.
import { percentile } from "../benchmark.js";
import type { Customer } from "./desk.js";
import type { SimResult } from "./engine.js";
import { erlangReference } from "./erlang-c.js";
import { HOUR_MS } from "./staffing.js";

/** The floor of the relative ETA error's denominator: an instant answer is judged against 30 s, not 0. */
export const ETA_ERROR_FLOOR_S = 30;
/** The service-level threshold. */
export const ANSWER_WITHIN_S = 60;

export interface Figures {
  arrivals: number;
  meanWaitS: number | null;
  p90WaitS: number | null;
  answeredIn60sPct: number | null;
  abandonedPct: number | null;
  utilizationPct: number | null;
  etaMedianAbsErrorPct: number | null;
  etaWithinRangePct: number | null;
  erlangCMeanWaitS: number | null;
  /** ETA figures over answered customers who did not get an agent at once (waited > 0): where estimates matter. */
  etaMedianAbsErrorQueuedPct: number | null;
  /** Median signed error over the same customers, (eta − wait) / max(wait, 30 s): positive = estimates too high. */
  etaMedianSignedErrorQueuedPct: number | null;
  etaWithinRangeQueuedPct: number | null;
  /** Answered in their own language's queue: the customers the wait and ETA figures are about. */
  answered: number;
  abandoned: number;
  /** Sent to the fallback language's queue (nobody served theirs within the horizon). */
  fallback: number;
  /** Left a message (no estimate in their language or the fallback one). */
  messages: number;
  /** Language-hours with load ≥ servers, left out of erlangCMeanWaitS. */
  erlangCOverloadedHours: number;
}

export interface Report {
  languages: Record<string, Figures>;
  overall: Figures;
}

const round = (value: number | null) => (value === null || !Number.isFinite(value) ? null : Math.round(value * 10) / 10);
const pct = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole) : null);

/** Signed relative error of the estimate shown at arrival against the wait that followed: (eta − wait) / max(wait, 30 s). */
export function etaSignedError(customer: Customer): number {
  const wait = customer.waitedMs / 1000;
  return (customer.eta!.etaSeconds - wait) / Math.max(wait, ETA_ERROR_FLOOR_S);
}

/** Relative error |eta − wait| / max(wait, 30 s). */
export const etaError = (customer: Customer) => Math.abs(etaSignedError(customer));

/** Was the wait within the range shown at arrival? */
export function withinRange(customer: Customer): boolean {
  const wait = customer.waitedMs / 1000;
  return customer.eta!.range[0] <= wait && wait <= customer.eta!.range[1];
}

/** Answered in their own language: the population of the wait and ETA figures. */
export const answeredOwn = (c: Customer) => c.route === "own" && c.result === "answered";

function figures(result: SimResult, languages: readonly string[], customers: readonly Customer[]): Figures {
  const answered = customers.filter(answeredOwn);
  const queued = answered.filter((c) => c.waitedMs > 0);
  const medianPct = (of: readonly Customer[], error: (c: Customer) => number) => (of.length > 0 ? round(100 * percentile(of.map(error), 50)) : null);
  const waits = answered.map((c) => c.waitedMs / 1000);
  const busy = languages.length === 1 ? (result.busyMs[languages[0]!] ?? 0) : Object.values(result.busyMs).reduce((a, b) => a + b, 0);
  const capacity = result.staffing.reduce((sum, h) => sum + (languages.length === 1 ? h.servers[languages[0]!]! : h.slots), 0) * HOUR_MS;
  const reference = erlangReference(result.scenario, result.staffing, languages);
  return {
    arrivals: customers.length,
    meanWaitS: waits.length > 0 ? round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    p90WaitS: waits.length > 0 ? round(percentile(waits, 90)) : null,
    answeredIn60sPct: pct(waits.filter((w) => w <= ANSWER_WITHIN_S).length, customers.length),
    abandonedPct: pct(customers.filter((c) => c.result === "abandoned").length, customers.length),
    utilizationPct: pct(busy, capacity),
    etaMedianAbsErrorPct: medianPct(answered, etaError),
    etaWithinRangePct: pct(answered.filter(withinRange).length, answered.length),
    erlangCMeanWaitS: round(reference.meanWaitS),
    etaMedianAbsErrorQueuedPct: medianPct(queued, etaError),
    etaMedianSignedErrorQueuedPct: medianPct(queued, etaSignedError),
    etaWithinRangeQueuedPct: pct(queued.filter(withinRange).length, queued.length),
    answered: answered.length,
    abandoned: customers.filter((c) => c.result === "abandoned").length,
    fallback: customers.filter((c) => c.route === "fallback").length,
    messages: customers.filter((c) => c.route === "message").length,
    erlangCOverloadedHours: reference.overloadedHours,
  };
}

export function summarise(result: SimResult): Report {
  const codes = Object.keys(result.scenario.languages);
  return {
    languages: Object.fromEntries(codes.map((code) => [code, figures(result, [code], result.customers.filter((c) => c.language === code))])),
    overall: figures(result, codes, result.customers),
  };
}
