// The report as a plain table (one row per language and overall) or as one JSON object.
import { table } from "../benchmark.js";
import type { Figures, Report } from "./metrics.js";

const COLUMNS: Array<[keyof Figures, string]> = [
  ["arrivals", "arrivals"],
  ["meanWaitS", "mean wait s"],
  ["p90WaitS", "p90 wait s"],
  ["answeredIn60sPct", "≤60s %"],
  ["abandonedPct", "abandoned %"],
  ["utilizationPct", "utilization %"],
  ["etaMedianAbsErrorPct", "ETA median err %"],
  ["etaWithinRangePct", "in range %"],
  ["erlangCMeanWaitS", "Erlang C wait s"],
  ["etaMedianAbsErrorQueuedPct", "queued: ETA err %"],
  ["etaMedianSignedErrorQueuedPct", "queued: ETA bias %"],
  ["etaWithinRangeQueuedPct", "queued: in range %"],
  ["fallback", "fallback"],
  ["messages", "messages"],
  ["erlangCOverloadedHours", "overloaded h"],
];

const cell = (value: number | null) => (value === null ? "—" : String(value));

export function formatTable(report: Report): string {
  const rows = [["language", ...COLUMNS.map(([, title]) => title)]];
  for (const [code, figures] of Object.entries(report.languages)) rows.push([code, ...COLUMNS.map(([key]) => cell(figures[key]))]);
  rows.push(["overall", ...COLUMNS.map(([key]) => cell(report.overall[key]))]);
  return table(rows);
}

export function formatJson(report: Report): string {
  return JSON.stringify(report);
}
