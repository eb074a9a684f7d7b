// The distribution of ratings as an SVG bar chart: one bar per step, Terrible to Fantastic. The picture is
// one `role="img"` with a summary; a visually hidden table has the same numbers.
import type { FeedbackReportView } from "../../server/protocol/index.js";
import { distributionBars, distributionSummary, formatAverage } from "../model/feedback-chart.js";

const WIDTH = 320;
const BASE = 128;
const TALLEST = 100;
const SLOT = WIDTH / 5;
const BAR = 36;

/** Bars per rating step, counts above them, words below. */
export function RatingChart({ report }: { report: Pick<FeedbackReportView, "distribution" | "average"> }) {
  const { bars, total } = distributionBars(report.distribution);
  const summary = distributionSummary(report);
  return (
    <figure class="chart">
      <figcaption>
        Ratings by step{" "}
        <span class="chart-note">
          {total} in total{report.average !== null && <>, average {formatAverage(report.average)} out of 5</>}
        </span>
      </figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} 160`} width="100%" preserveAspectRatio="xMidYMid meet">
        <line class="axis" x1="0" x2={WIDTH} y1={BASE} y2={BASE} />
        {bars.map((bar, i) => {
          // A step with ratings keeps a sliver of height, so "few" never looks like "none".
          const h = bar.count > 0 ? Math.max(2, bar.height * TALLEST) : 0;
          const x = i * SLOT + (SLOT - BAR) / 2;
          return (
            <g key={bar.rating}>
              <rect class={`bar bar--${bar.rating}`} x={x} y={BASE - h} width={BAR} height={h} rx="3" />
              <text class="chart-value" x={x + BAR / 2} y={BASE - h - 5} text-anchor="middle">
                {bar.count}
              </text>
              <text class="chart-label" x={x + BAR / 2} y={BASE + 18} text-anchor="middle">
                {bar.word}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="sr-only">
        <caption>Ratings by step</caption>
        <thead>
          <tr>
            <th scope="col">Rating</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.rating}>
              <th scope="row">{bar.word}</th>
              <td>{bar.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
