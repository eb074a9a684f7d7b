// The estimate scored against the oracle, on every customer who joined a queue (ghosts included, at their potential
// wait), overall and per stratum. Ranges are scored as the widget shows them (rounded by `shownRange`); definitions
// in README.md ("Oracle-relative scores").
import { percentile, table } from "../benchmark.js";
import { shownRange } from "../../server/domain/wait-shown.js";
import { BASELINES, type Baselines } from "./baselines.js";
import type { Customer } from "./desk.js";
import type { SimResult } from "./engine.js";
import { ETA_ERROR_FLOOR_S } from "./metrics.js";

const DAY_MS = 24 * 3600 * 1000;

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
  floor: { coveragePct: number | null; latePct: number | null; widthRatio: number | null; intervalScoreRatio: number | null; longerPct: number | null };
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

/**
 * Whether a wait of w seconds was longer than the point estimate: 1 longer, 0 shorter, ½ a tie — within half a
 * second, the precision of an estimate in whole seconds. A wait that is certain (nobody speaks the language until a
 * shift starts: the wait is the time until then) is the estimate itself; counted as longer or shorter by how the
 * estimate's second was rounded it would read as a bias that is not there. Counting a tie as half keeps 50 the mark
 * of an unbiased median for such waits too.
 */
export function longerThan(w: number, estimate: number): number {
  return Math.abs(w - estimate) <= 0.5 ? 0.5 : w > estimate ? 1 : 0;
}

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
      return [key, { medianErrorRatio: round(ratio(err, errOracle), 2), longerPct: share(sum(have.map((c) => longerThan(wait(c), c.baselines![key]!))), have.length) }];
    }),
  ) as StratumScores["baselines"];
  const floorShown = withOracle.map((c) => c.oracle!.shown);
  const oracleScore = sum(withOracle.map((c, i) => intervalScore(oracleShown[i]!, wait(c))));
  const floor = {
    coveragePct: share(withOracle.filter((c, i) => floorShown[i]![0] <= wait(c) && wait(c) <= floorShown[i]![1]).length, withOracle.length),
    latePct: share(withOracle.filter((c, i) => wait(c) > floorShown[i]![1]).length, withOracle.length),
    widthRatio: round(ratio(sum(floorShown.map((r) => r[1] - r[0])), sum(oracleShown.map((r) => r[1] - r[0]))), 2),
    intervalScoreRatio: round(ratio(sum(withOracle.map((c, i) => intervalScore(floorShown[i]!, wait(c)))), oracleScore), 2),
    // The oracle's median as the point estimate: about 50 % in a large stratum; off 50 where the stratum is few
    // busy spells (customers of one spell wait longer or shorter together), which Parley's figure shares.
    longerPct: share(sum(withOracle.map((c) => longerThan(wait(c), c.oracle!.medianS))), withOracle.length),
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
    longerPct: share(sum(customers.map((c) => longerThan(wait(c), c.eta!.etaSeconds))), customers.length),
    oracleCoveragePct: withOracle.length > 0 ? share(withOracle.filter((c, i) => oracleShown[i]![0] <= wait(c) && wait(c) <= oracleShown[i]![1]).length, withOracle.length) : null,
    baselines: baselineScores,
  };
}

/** The strata, in the order the tables print them: overall, per language, per place in line, near shift changes, by wording. */
function strataOf(customers: readonly Customer[], languages: readonly string[]): Array<[string, Customer[]]> {
  const all = customers.filter(scored);
  const strata: Array<[string, Customer[]]> = [["overall", all]];
  for (const code of languages) strata.push([`language ${code}`, all.filter((c) => c.language === code)]);
  for (const band of ["1", "2–3", "4–9", "≥10"]) strata.push([`position ${band}`, all.filter((c) => positionBand(c.position) === band)]);
  strata.push(["shift change ±15 min", all.filter((c) => c.nearShiftChange)]);
  // Shown with "rough guess" beside the range (too few finished chats in the queue's language).
  strata.push(["shown as a rough guess", all.filter((c) => c.roughGuess)]);
  // By how the range reads: "under N" has no early misses, so its coverage is 100 − late (see README).
  strata.push(['shown "under N"', all.filter((c) => shownRange(c.eta!.range)![0] === 0)]);
  strata.push(['shown "about a–b"', all.filter((c) => shownRange(c.eta!.range)![0] > 0)]);
  return strata.filter(([, of], i) => i === 0 || of.length > 0);
}

export function scoreAgainstOracle(result: SimResult): OracleReport {
  const strata = strataOf(result.customers, Object.keys(result.scenario.languages)).map(([name, of]) => scoresOf(name, of));
  const unresolved = result.customers.filter((c) => c.eta !== null && c.route !== "message" && c.potentialWaitMs === null).length;
  return { strata, unresolved, instant: result.customers.filter(instant).length };
}

/** A pooled share and its standard error between days (see {@link daySpread}). */
export interface ShareSpread {
  pct: number | null;
  /** Two standard errors, in points: about a 95 % margin. */
  margin: number | null;
}

export interface StratumSpread {
  stratum: string;
  n: number;
  coverage: ShareSpread;
  late: ShareSpread;
  longer: ShareSpread;
  /** Parley's figure minus the floor's, on the same customers (those with an oracle). */
  coverageVsFloor: ShareSpread;
  lateVsFloor: ShareSpread;
  longerVsFloor: ShareSpread;
}

/**
 * How far each pooled share could move with other days: the customers of one simulated day wait in the same busy
 * spells and are not independent, so the standard error counts each run (seed) as one cluster — for a pooled share
 * p = Σ cᵢ / Σ nᵢ over S days, SE² = S/(S − 1) · Σ (cᵢ − p·nᵢ)² / (Σ nᵢ)² (the linearised variance of a ratio
 * estimator, clustered by run). The differences from the floor are paired: each customer counts +1 where Parley's
 * figure holds and the floor's does not, −1 the other way, so what the two share cancels.
 */
export function daySpread(runs: ReadonlyArray<readonly Customer[]>, languages: readonly string[], start: number): StratumSpread[] {
  // One cluster per simulated day of each run (a run of 28 days is 28 clusters; spells do not outlast a day).
  const days = runs.flatMap((customers) => {
    const byDay = new Map<number, Customer[]>();
    for (const c of customers) {
      const day = Math.floor((c.arrivedAt - start) / DAY_MS);
      const of = byDay.get(day);
      if (of) of.push(c);
      else byDay.set(day, [c]);
    }
    return [...byDay.values()];
  });
  const perRun = days.map((customers) => strataOf(customers, languages));
  const names = strataOf(runs.flat(), languages).map(([name]) => name);
  const wait = (c: Customer) => c.potentialWaitMs! / 1000;
  const inside = ([lo, hi]: readonly [number, number], w: number) => lo <= w && w <= hi;
  const spread = (tallies: Array<{ n: number; x: number }>): ShareSpread => {
    const n = tallies.reduce((a, t) => a + t.n, 0);
    if (n === 0) return { pct: null, margin: null };
    const p = tallies.reduce((a, t) => a + t.x, 0) / n;
    const s = tallies.length;
    const margin = s > 1 ? 2 * Math.sqrt((s / (s - 1)) * tallies.reduce((a, t) => a + (t.x - p * t.n) ** 2, 0)) / n : null;
    return { pct: round(100 * p), margin: margin === null ? null : round(100 * margin) };
  };
  return names.map((stratum) => {
    const of = perRun.map((strata) => strata.find(([name]) => name === stratum)?.[1] ?? []);
    const shown = (c: Customer) => shownRange(c.eta!.range)!;
    const tally = (count: (c: Customer) => number, only: (c: Customer) => boolean = () => true) =>
      of.map((cs) => {
        const those = cs.filter(only);
        return { n: those.length, x: those.reduce((a, c) => a + count(c), 0) };
      });
    const hasOracle = (c: Customer) => c.oracle !== null;
    const covered = (c: Customer) => +inside(shown(c), wait(c));
    const late = (c: Customer) => +(wait(c) > shown(c)[1]);
    const longer = (c: Customer) => longerThan(wait(c), c.eta!.etaSeconds);
    return {
      stratum,
      n: of.reduce((a, cs) => a + cs.length, 0),
      coverage: spread(tally(covered)),
      late: spread(tally(late)),
      longer: spread(tally(longer)),
      coverageVsFloor: spread(tally((c) => covered(c) - +inside(c.oracle!.shown, wait(c)), hasOracle)),
      lateVsFloor: spread(tally((c) => late(c) - +(wait(c) > c.oracle!.shown[1]), hasOracle)),
      longerVsFloor: spread(tally((c) => longer(c) - longerThan(wait(c), c.oracle!.medianS), hasOracle)),
    };
  });
}

export function formatDaySpread(spread: readonly StratumSpread[], days: number): string {
  const pm = (s: ShareSpread, signed = false) =>
    s.pct === null ? "—" : `${signed && s.pct > 0 ? "+" : ""}${s.pct}${s.margin === null ? "" : ` ± ${s.margin}`}`;
  const rows = [["stratum", "n", "in range %", "late %", "waited longer %", "in range − floor", "late − floor", "longer − floor"]];
  for (const s of spread) rows.push([s.stratum, String(s.n), pm(s.coverage), pm(s.late), pm(s.longer), pm(s.coverageVsFloor, true), pm(s.lateVsFloor, true), pm(s.longerVsFloor, true)]);
  return [
    `Between days: each pooled share ± two standard errors counting each of the ${days} simulated days as one cluster (customers of one day wait in the same busy spells), and Parley's figure minus the floor's on the same customers (points, ± two standard errors of the paired difference):`,
    table(rows),
  ].join("\n");
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
  const floor = [["stratum", "n", "in range %", "late %", "width ÷ oracle", "int. score ÷ oracle", "waited longer %"]];
  for (const s of report.strata) floor.push([s.stratum, String(s.n), cell(s.floor.coveragePct), cell(s.floor.latePct), cell(s.floor.widthRatio), cell(s.floor.intervalScoreRatio), cell(s.floor.longerPct)]);
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
