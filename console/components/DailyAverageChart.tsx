// The average rating per day as an SVG line chart (a line joins consecutive days only; a gap is a day
// without feedback). One `role="img"` with a summary; a visually hidden table has the same numbers.
import type { FeedbackReportView } from "../../server/protocol/index.js";
import { dailyRuns, dailySummary, formatAverage, RATING_WORDS } from "../model/feedback-chart.js";

const LEFT = 74;
const RIGHT = 470;
const TOP = 10;
const BOTTOM = 150;
const px = (x: number) => LEFT + x * (RIGHT - LEFT);
const py = (y: number) => BOTTOM - y * (BOTTOM - TOP);

/** Points of the daily average on a 1–5 scale labelled with the rating words. */
export function DailyAverageChart({ byDay }: { byDay: FeedbackReportView["byDay"] }) {
  const runs = dailyRuns(byDay);
  const points = runs.flat();
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <figure class="chart chart--wide">
      <figcaption>Average rating per day</figcaption>
      <svg role="img" aria-label={dailySummary(byDay)} viewBox="0 0 480 180" width="100%" preserveAspectRatio="xMidYMid meet">
        {RATING_WORDS.map((word, i) => (
          <g key={word}>
            <line class="grid" x1={LEFT} x2={RIGHT} y1={py(i / 4)} y2={py(i / 4)} />
            <text class="chart-label" x={LEFT - 6} y={py(i / 4) + 4} text-anchor="end">
              {word}
            </text>
          </g>
        ))}
        {runs.map((run) =>
          run.length > 1 ? <polyline key={run[0]?.day} class="line" points={run.map((p) => `${px(p.x)},${py(p.y)}`).join(" ")} /> : null,
        )}
        {points.map((p) => (
          <circle key={p.day} class="dot" cx={px(p.x)} cy={py(p.y)} r="4" />
        ))}
        {first && (
          <text class="chart-label" x={px(first.x)} y={172} text-anchor={first === last ? "middle" : "start"}>
            {first.day}
          </text>
        )}
        {last && last !== first && (
          <text class="chart-label" x={px(last.x)} y={172} text-anchor="end">
            {last.day}
          </text>
        )}
        {!first && (
          <text class="chart-label" x={(LEFT + RIGHT) / 2} y={(TOP + BOTTOM) / 2} text-anchor="middle">
            No feedback in this period
          </text>
        )}
      </svg>
      <table class="sr-only">
        <caption>Average rating per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Ratings</th>
            <th scope="col">Average</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.day}>
              <th scope="row">{p.day}</th>
              <td>{p.count}</td>
              <td>{formatAverage(p.average)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
