// Shapes a feedback report for drawing: bars per rating step, points of the daily average (positions as
// fractions, so the component only scales them), and sentences that say the same for screen readers. Pure.
import type { FeedbackReportView } from "../../server/protocol/index.js";

/** The words of the five rating steps, 1 = Terrible … 5 = Fantastic. */
export const RATING_WORDS = ["Terrible", "Bad", "Okay", "Good", "Fantastic"] as const;

/** A rating step's word ("Okay" for 3); the number itself when out of range. */
export function ratingWord(rating: number): string {
  return RATING_WORDS[rating - 1] ?? String(rating);
}

/** One bar of the distribution. */
export interface RatingBar {
  rating: number;
  word: string;
  count: number;
  /** Height as a fraction of the tallest bar (0 when there are no ratings). */
  height: number;
}

/** The distribution as bars, with the total. */
export function distributionBars(distribution: FeedbackReportView["distribution"]): { bars: RatingBar[]; total: number } {
  const max = Math.max(0, ...distribution);
  const bars = distribution.map((count, i) => ({ rating: i + 1, word: ratingWord(i + 1), count, height: max > 0 ? count / max : 0 }));
  return { bars, total: distribution.reduce((sum, count) => sum + count, 0) };
}

/** One day's average, placed: `x` 0 (first day) … 1 (last day), `y` 0 (rating 1) … 1 (rating 5). */
export interface DayPoint {
  day: string;
  count: number;
  average: number;
  x: number;
  y: number;
}

const DAY_MS = 86_400_000;
const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The daily averages in date order, spaced by date, split into runs of consecutive days: a line joins only
 * days next to each other, so a day without feedback shows as a gap, not as a made-up slope.
 */
export function dailyRuns(byDay: FeedbackReportView["byDay"]): DayPoint[][] {
  const days = byDay.filter((d) => Number.isFinite(dayTime(d.day))).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const span = dayTime(last.day) - dayTime(first.day);
  const runs: DayPoint[][] = [];
  let previous = Number.NaN;
  for (const d of days) {
    const t = dayTime(d.day);
    const point = { ...d, x: span > 0 ? (t - dayTime(first.day)) / span : 0.5, y: (Math.min(5, Math.max(1, d.average)) - 1) / 4 };
    const run = runs[runs.length - 1];
    if (run && t - previous <= DAY_MS) run.push(point);
    else runs.push([point]);
    previous = t;
  }
  return runs;
}

/** A rating average for people: "3.8". */
export function formatAverage(average: number): string {
  return average.toFixed(1);
}

/** What the distribution chart shows, in one sentence. */
export function distributionSummary(report: Pick<FeedbackReportView, "distribution" | "average">): string {
  const { bars, total } = distributionBars(report.distribution);
  if (total === 0) return "Ratings by step: no feedback in this period.";
  const steps = bars.map((bar) => `${bar.word} ${bar.count}`).join(", ");
  const average = report.average === null ? "" : `, average ${formatAverage(report.average)} out of 5`;
  return `Ratings by step: ${steps} (${total} in total${average}).`;
}

/** What the daily-average chart shows, in one sentence. */
export function dailySummary(byDay: FeedbackReportView["byDay"]): string {
  const points = dailyRuns(byDay).flat();
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return "Average rating per day: no feedback in this period.";
  if (first === last) return `Average rating per day: ${formatAverage(first.average)} out of 5 on ${first.day} (${first.count} ratings).`;
  const averages = points.map((p) => p.average);
  const low = formatAverage(Math.min(...averages));
  const high = formatAverage(Math.max(...averages));
  return `Average rating per day from ${first.day} to ${last.day}, on ${points.length} days with feedback: between ${low} and ${high} out of 5; ${formatAverage(last.average)} on the last day.`;
}
