// The estimate scored against the oracle, on every customer who joined a queue (ghosts included, at their potential
// wait), overall and per stratum. Ranges are scored as the widget shows them (rounded by `shownRange`); definitions
// in README.md ("Oracle-relative scores").
import { percentile, table } from "../benchmark.js";
import { shownRange } from "../../server/domain/wait-shown.js";
import { BASELINES, type Baselines } from "./baselines.js";
import type { Customer } from "./desk.js";
import type { SimResult } from "./engine.js";
import { ETA_ERROR_FLOOR_S } from "./metrics.js";

/** The interval score's α: a 70 % range. */
const ALPHA = 0.3;

export interface StratumScores {
  stratum: string;
  /** Customers scored. */
  n: number;
  coveragePct: number | null;
  latePct: number | null;
  /** Σ shown width ÷ Σ the oracle's shown width. */
  widthRatio: number | null;
  /** Σ interval score ÷ Σ the oracle's interval score. */
  intervalScoreRatio: number | null;
  /** Median relative error of the estimate ÷ the oracle median's. */
  medianErrorRatio: number | null;
  /** Share whose wait was longer than the (median) estimate. */
  longerPct: number | null;
  /** The oracle's own coverage (a check of the oracle: ≈ 70 %). */
  oracleCoveragePct: number | null;
  /**
   * The floor: the oracle's own distribution worded by the widget (`OracleWait.shown`), scored like Parley's range —
   * what the best possible estimate achieves with the widget's wording. Null without oracle.
   */
  floor: { coveragePct: number | null; latePct: number | null; widthRatio: number | null; intervalScoreRatio: number | null };
  /** Per classic estimator: median relative error ÷ the oracle's, and the share who waited longer. */
  baselines: Record<keyof Baselines, { medianErrorRatio: number | null; longerPct: number | null }>;
}

export interface OracleReport {
  strata: StratumScores[];
  /** Ghosts never reached before the run ended (not scored). */
  unresolved: number;
  /** Answered the instant they arrived (not scored). */
  instant: number;
}

const round = (v: number | null, digits = 1) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole) : null);
const relError = (estimate: number, wait: number) => Math.abs(estimate - wait) / Math.max(wait, ETA_ERROR_FLOOR_S);
const median = (values: number[]) => (values.length > 0 ? percentile(values, 50) : null);
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : b > 0 ? a / b : a === 0 ? 1 : null);

/** Gneiting–Raftery interval score of [lo, hi] as a (1 − α) interval for the outcome w. */
export function intervalScore([lo, hi]: readonly [number, number], w: number): number {
  return hi - lo + (2 / ALPHA) * (Math.max(0, lo - w) + Math.max(0, w - hi));
}

export const positionBand = (p: number) => (p <= 1 ? "1" : p <= 3 ? "2–3" : p <= 9 ? "4–9" : "≥10");

/**
 * Customers the scores are about: joined a queue with an estimate, with a known potential wait, and not answered
 * the instant they arrived (a slot was free: the wait was certain to be 0 and every estimator says so).
 */
export const scored = (c: Customer) => c.eta !== null && c.route !== "message" && c.potentialWaitMs !== null && !instant(c);
export const instant = (c: Customer) => c.result === "answered" && c.waitedMs === 0;

function scoresOf(stratum: string, customers: readonly Customer[]): StratumScores {
  const wait = (c: Customer) => c.potentialWaitMs! / 1000;
  const shown = customers.map((c) => shownRange(c.eta!.range)!);
  const withOracle = customers.filter((c) => c.oracle);
  // The oracle's range as it is: its narrowest 70 % interval, not rounded.
  const oracleShown = withOracle.map((c) => c.oracle!.range);
  const covered = customers.filter((c, i) => shown[i]![0] <= wait(c) && wait(c) <= shown[i]![1]).length;
  const late = customers.filter((c, i) => wait(c) > shown[i]![1]).length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ours = customers.map((c, i) => ({ c, r: shown[i]! }));
  const oursO = ours.filter(({ c }) => c.oracle);
  const oracleError = median(withOracle.map((c) => relError(c.oracle!.medianS, wait(c))));
  const baselineScores = Object.fromEntries(
    BASELINES.map((key) => {
      const have = customers.filter((c) => c.baselines?.[key] != null);
      const err = median(have.map((c) => relError(c.baselines![key]!, wait(c))));
      const errOracle = median(have.filter((c) => c.oracle).map((c) => relError(c.oracle!.medianS, wait(c))));
      return [key, { medianErrorRatio: round(ratio(err, errOracle), 2), longerPct: share(have.filter((c) => wait(c) > c.baselines![key]!).length, have.length) }];
    }),
  ) as StratumScores["baselines"];
  const floorShown = withOracle.map((c) => c.oracle!.shown);
  const oracleScore = sum(withOracle.map((c, i) => intervalScore(oracleShown[i]!, wait(c))));
  const floor = {
    coveragePct: share(withOracle.filter((c, i) => floorShown[i]![0] <= wait(c) && wait(c) <= floorShown[i]![1]).length, withOracle.length),
    latePct: share(withOracle.filter((c, i) => wait(c) > floorShown[i]![1]).length, withOracle.length),
    widthRatio: round(ratio(sum(floorShown.map((r) => r[1] - r[0])), sum(oracleShown.map((r) => r[1] - r[0]))), 2),
    intervalScoreRatio: round(ratio(sum(withOracle.map((c, i) => intervalScore(floorShown[i]!, wait(c)))), oracleScore), 2),
  };
  return {
    stratum,
    n: customers.length,
    floor,
    coveragePct: share(covered, customers.length),
    latePct: share(late, customers.length),
    widthRatio: round(ratio(sum(oursO.map(({ r }) => r[1] - r[0])), sum(oracleShown.map((r) => r[1] - r[0]))), 2),
    intervalScoreRatio: round(ratio(sum(oursO.map(({ c, r }) => intervalScore(r, wait(c)))), oracleScore), 2),
    medianErrorRatio: round(ratio(median(withOracle.map((c) => relError(c.eta!.etaSeconds, wait(c)))), oracleError), 2),
    longerPct: share(customers.filter((c) => wait(c) > c.eta!.etaSeconds).length, customers.length),
    oracleCoveragePct: withOracle.length > 0 ? share(withOracle.filter((c, i) => oracleShown[i]![0] <= wait(c) && wait(c) <= oracleShown[i]![1]).length, withOracle.length) : null,
    baselines: baselineScores,
  };
}

export function scoreAgainstOracle(result: SimResult): OracleReport {
  const all = result.customers.filter(scored);
  const strata: StratumScores[] = [scoresOf("overall", all)];
  for (const code of Object.keys(result.scenario.languages)) {
    const of = all.filter((c) => c.language === code);
    if (of.length > 0) strata.push(scoresOf(`language ${code}`, of));
  }
  for (const band of ["1", "2–3", "4–9", "≥10"]) {
    const of = all.filter((c) => positionBand(c.position) === band);
    if (of.length > 0) strata.push(scoresOf(`position ${band}`, of));
  }
  const near = all.filter((c) => c.nearShiftChange);
  if (near.length > 0) strata.push(scoresOf("shift change ±15 min", near));
  // By how the range reads: "under N" has no early misses, so its coverage is 100 − late (see README).
  const under = all.filter((c) => shownRange(c.eta!.range)![0] === 0);
  const about = all.filter((c) => shownRange(c.eta!.range)![0] > 0);
  if (under.length > 0) strata.push(scoresOf("shown \"under N\"", under));
  if (about.length > 0) strata.push(scoresOf("shown \"about a–b\"", about));
  const unresolved = result.customers.filter((c) => c.eta !== null && c.route !== "message" && c.potentialWaitMs === null).length;
  return { strata, unresolved, instant: result.customers.filter(instant).length };
}

const cell = (v: number | null) => (v === null ? "—" : String(v));

export function formatOracleTables(report: OracleReport): string {
  const main = [["stratum", "n", "in range %", "late %", "width ÷ oracle", "int. score ÷ oracle", "median err ÷ oracle", "waited longer %", "oracle in range %"]];
  for (const s of report.strata) main.push([s.stratum, String(s.n), cell(s.coveragePct), cell(s.latePct), cell(s.widthRatio), cell(s.intervalScoreRatio), cell(s.medianErrorRatio), cell(s.longerPct), cell(s.oracleCoveragePct)]);
  const names: Record<keyof Baselines, string> = { ql: "QL", qlAbandon: "QL-abandon", headOfLine: "head-of-line", lastCustomer: "last customer", rocketChat: "Rocket.Chat" };
  const errors = [["stratum", "Parley", ...BASELINES.map((k) => names[k])]];
  const longer = [["stratum", "Parley", ...BASELINES.map((k) => names[k])]];
  for (const s of report.strata) {
    errors.push([s.stratum, cell(s.medianErrorRatio), ...BASELINES.map((k) => cell(s.baselines[k].medianErrorRatio))]);
    longer.push([s.stratum, cell(s.longerPct), ...BASELINES.map((k) => cell(s.baselines[k].longerPct))]);
  }
  const floor = [["stratum", "n", "in range %", "late %", "width ÷ oracle", "int. score ÷ oracle"]];
  for (const s of report.strata) floor.push([s.stratum, String(s.n), cell(s.floor.coveragePct), cell(s.floor.latePct), cell(s.floor.widthRatio), cell(s.floor.intervalScoreRatio)]);
  return [
    `Parley's range as shown (rounded like the widget) against the oracle's narrowest 70 % interval; every customer who joined a queue and was not answered on arrival (${report.instant} were), ghosts at their potential wait:`,
    table(main),
    "",
    "The floor: the oracle's own distribution worded by the widget (the range rangeOnGrid picks for its forks' waits), scored the same way:",
    table(floor),
    "",
    "Median relative error ÷ the oracle's (1.00 = as good as the information allows):",
    table(errors),
    "",
    "Waited longer than the point estimate, % (50 = unbiased median):",
    table(longer),
    report.unresolved > 0 ? `\n${report.unresolved} ghost(s) never reached before the run ended (not scored)` : "",
  ].join("\n");
}
