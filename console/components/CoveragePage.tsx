// "Coverage" (supervisors, admins): a heatmap of scheduled agents per language and hour of the week, gaps marked,
// with a table per language for screen readers and the gaps as a list.
import { DAY_NAMES, heatLevel, type LanguageCoverageView } from "../model/coverage.js";
import { OnlyFor } from "./OnlyFor.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

const CELL = 5;
const ROW = 22;
const LABEL = 44;

export function CoveragePage() {
  const { coverage } = useConsole();
  if (!coverage.allowed.value) return <OnlyFor title="Coverage" who="supervisors and admins" what="see the coverage" />;
  const data = coverage.coverage.value;
  return (
    <main class="page" aria-labelledby="coverage-title" aria-busy={coverage.loading.value}>
      <h2 id="coverage-title">Coverage</h2>
      <ServerErrorBox error={coverage.error.value} />
      {data === null ? (
        coverage.loading.value && <p class="muted">Loading coverage…</p>
      ) : (
        <>
          <p class="muted">
            Agents on shift per language and hour of this week, in {data.timeZone}. Red cells are gaps: nobody is scheduled.
            {data.unscheduledAgents > 0 && ` ${data.unscheduledAgents} agent(s) without shifts count as always on shift.`}
          </p>
          <Heatmap languages={data.languages} />
          <h3>Gaps</h3>
          <ul class="gap-list">
            {data.languages.map((l) => (
              <li key={l.language}>
                <strong>{l.language}</strong>: {l.gaps.length === 0 ? "no gaps" : l.gaps.map((g) => g.label).join(", ")}
              </li>
            ))}
          </ul>
          {data.languages.map((l) => (
            <CoverageTable key={l.language} coverage={l} />
          ))}
        </>
      )}
    </main>
  );
}

function Heatmap({ languages }: { languages: LanguageCoverageView[] }) {
  const width = LABEL + 168 * CELL;
  const height = 20 + languages.length * ROW;
  const summary = `Coverage heatmap: ${languages.map((l) => `${l.language} ${l.gaps.length} gap${l.gaps.length === 1 ? "" : "s"}`).join(", ")}. The tables below have the numbers.`;
  return (
    <figure class="chart">
      <figcaption>Scheduled agents by hour of the week</figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {DAY_NAMES.map((day, d) => (
          <text key={day} class="chart-label" x={LABEL + d * 24 * CELL + 2} y={12}>
            {day.slice(0, 3)}
          </text>
        ))}
        {languages.map((l, row) => {
          const max = Math.max(...l.hours);
          return (
            <g key={l.language}>
              <text class="chart-label" x={0} y={20 + row * ROW + 14}>
                {l.language}
              </text>
              {l.hours.map((count, h) => (
                <rect key={h} class={`heat heat--${heatLevel(count, max)}`} x={LABEL + h * CELL} y={20 + row * ROW} width={CELL - 0.5} height={ROW - 4} />
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Days down, hours across: the count in each cell, "gap" where it is zero. */
function CoverageTable({ coverage }: { coverage: LanguageCoverageView }) {
  return (
    <details class="coverage-details">
      <summary>Table: {coverage.language}</summary>
      <div class="table-scroll">
        <table class="registry coverage-table">
          <caption>Agents on shift in {coverage.language}, by day and hour</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {Array.from({ length: 24 }, (_, h) => (
                <th key={h} scope="col">
                  {String(h).padStart(2, "0")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAY_NAMES.map((day, d) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {coverage.hours.slice(d * 24, d * 24 + 24).map((count, h) => (
                  <td key={h} class={count === 0 ? "gap-cell" : undefined}>
                    {count === 0 ? "gap" : count}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
