// Bars per hour of the day for one or two series, drawn as SVG: the picture is one role="img" with a summary; the
// numbers are in the page's hourly table.

export interface HourSeries {
  label: string;
  /** 24 values (null: no value in that hour). */
  values: readonly (number | null)[];
  /** CSS class of the bars. */
  tone: string;
}

const WIDTH = 480;
const BASE = 130;
const TALLEST = 110;

/** "Waits by hour" and friends; the tallest value of all series fills the height. */
export function HourChart({ title, series, summary }: { title: string; series: readonly HourSeries[]; summary: string }) {
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const slot = WIDTH / 24;
  const bar = (slot - 2) / series.length;
  return (
    <figure class="chart">
      <figcaption>
        {title}{" "}
        {series.length > 1 && (
          <span class="chart-note">
            {series.map((s) => (
              <span key={s.label} class="legend">
                <span class={`legend-swatch ${s.tone}`} aria-hidden="true" /> {s.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} 150`} width="100%" preserveAspectRatio="xMidYMid meet">
        <line class="axis" x1="0" x2={WIDTH} y1={BASE} y2={BASE} />
        {series.map((s, si) =>
          s.values.map((v, hour) => {
            const h = v && max > 0 ? Math.max(1.5, (v / max) * TALLEST) : 0;
            return <rect key={`${si}-${hour}`} class={`bar ${s.tone}`} x={hour * slot + 1 + si * bar} y={BASE - h} width={bar} height={h} />;
          }),
        )}
        {[0, 6, 12, 18].map((hour) => (
          <text key={hour} class="chart-label" x={hour * slot + 1} y={BASE + 14}>
            {String(hour).padStart(2, "0")}:00
          </text>
        ))}
      </svg>
    </figure>
  );
}
