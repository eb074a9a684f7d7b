// A tiny Prometheus text-format (0.0.4) writer: labelled counters, a histogram and gauge families.
// Enough for Parley's handful of metrics without a dependency; label values are escaped as the format requires.

export type Labels = Record<string, string>;

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(",")}}` : "";
};
const number = (v: number) => (v === Number.POSITIVE_INFINITY ? "+Inf" : Number.isNaN(v) ? "NaN" : String(v));
const header = (name: string, help: string, type: string) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** `inc` for one fixed label set, its text worked out once (for a counter bumped on every message). */
  bound(labels: Labels): (by?: number) => void;
  text(): string;
}

/** A counter family; `initial` label sets are written as 0 before their first increment. */
export function counter(name: string, help: string, initial: Labels[] = []): Counter {
  const values = new Map<string, number>();
  for (const labels of initial) values.set(labelText(labels), 0);
  const add = (key: string, by: number) => void values.set(key, (values.get(key) ?? 0) + by);
  return {
    inc: (labels = {}, by = 1) => add(labelText(labels), by),
    bound(labels) {
      const key = labelText(labels);
      return (by = 1) => add(key, by);
    },
    text: () => header(name, help, "counter") + [...values].map(([key, v]) => `${name}${key} ${number(v)}\n`).join(""),
  };
}

export interface Histogram {
  observe(value: number): void;
  text(): string;
}

/** A histogram with fixed upper bounds (cumulative buckets, `_sum`, `_count`). */
export function histogram(name: string, help: string, bounds: number[]): Histogram {
  const counts = bounds.map(() => 0);
  let sum = 0;
  let count = 0;
  return {
    observe(value) {
      if (!Number.isFinite(value)) return;
      bounds.forEach((bound, i) => {
        if (value <= bound) counts[i]!++;
      });
      sum += value;
      count++;
    },
    text: () =>
      header(name, help, "histogram") +
      bounds.map((bound, i) => `${name}_bucket{le="${number(bound)}"} ${counts[i]}\n`).join("") +
      `${name}_bucket{le="+Inf"} ${count}\n${name}_sum ${number(sum)}\n${name}_count ${count}\n`,
  };
}

/** A gauge family from values read at scrape time. */
export function gauges(name: string, help: string, samples: Array<{ labels?: Labels; value: number }>): string {
  return header(name, help, "gauge") + samples.map((s) => `${name}${labelText(s.labels ?? {})} ${number(s.value)}\n`).join("");
}
