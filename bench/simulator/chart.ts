// A hand-written SVG of one run by hour (UTC): chat slots on shift as bars (right axis), and the mean and p90
// wait of customers answered in their language, by arrival hour, against the Erlang C reference (left axis).
import { percentile } from "../benchmark.js";
import type { SimResult } from "./engine.js";
import { erlangReference } from "./erlang-c.js";
import { answeredOwn } from "./metrics.js";
import { HOUR_MS } from "./staffing.js";

const W = 960;
const H = 440;
const M = { left: 64, right: 64, top: 48, bottom: 64 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value)!;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const text = (x: number, y: number, content: string, attrs = "") => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escape(content)}</text>`;

export function renderChart(result: SimResult, title: string): string {
  const { staffing, scenario } = result;
  const codes = Object.keys(scenario.languages);
  const hours = staffing.map((hour) => {
    const waits = result.customers.filter((c) => answeredOwn(c) && c.arrivedAt >= hour.at && c.arrivedAt < hour.at + HOUR_MS).map((c) => c.waitedMs / 1000);
    return {
      slots: hour.slots,
      mean: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
      p90: waits.length ? percentile(waits, 90) : null,
      erlang: erlangReference(scenario, [hour], codes).meanWaitS,
    };
  });
  // The axis fits the simulated waits; an Erlang C wait far above them (an hour close to overload) is drawn at the top.
  const waitMax = niceMax(1.25 * Math.max(0, ...hours.flatMap((h) => [h.mean ?? 0, h.p90 ?? 0])));
  const slotMax = niceMax(Math.max(0, ...hours.map((h) => h.slots)));
  const step = PLOT_W / hours.length;
  const x = (i: number) => M.left + i * step;
  const yWait = (s: number) => M.top + PLOT_H - (s / waitMax) * PLOT_H;
  const ySlots = (n: number) => M.top + PLOT_H - (n / slotMax) * PLOT_H;
  const line = (values: Array<number | null>, style: string) => {
    // A gap where an hour has no value (nobody answered, or Erlang C overloaded).
    const d = values.map((v, i) => (v === null ? "" : `${i > 0 && values[i - 1] !== null ? "L" : "M"}${(x(i) + step / 2).toFixed(1)},${yWait(v).toFixed(1)}`)).join("");
    return `<path d="${d}" fill="none" ${style}/>`;
  };

  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(text(W / 2, 24, title, `text-anchor="middle" font-size="16" font-weight="bold"`));
  for (let k = 0; k <= 5; k++) {
    const y = M.top + PLOT_H - (k / 5) * PLOT_H;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(text(M.left - 8, y + 4, String(Math.round((waitMax * k) / 5)), `text-anchor="end"`));
    parts.push(text(W - M.right + 8, y + 4, String(Math.round((slotMax * k) / 5)), `text-anchor="start" fill="#6b7fa8"`));
  }
  hours.forEach((h, i) => parts.push(`<rect x="${(x(i) + 1).toFixed(1)}" y="${ySlots(h.slots).toFixed(1)}" width="${Math.max(1, step - 2).toFixed(1)}" height="${(M.top + PLOT_H - ySlots(h.slots)).toFixed(1)}" fill="#d6def0"/>`));
  const every = Math.max(1, Math.ceil(hours.length / 24)) * (hours.length > 24 ? 3 : 2);
  staffing.forEach((hour, i) => {
    if (i % every !== 0) return;
    const date = new Date(hour.at);
    const label = `${hours.length > 24 ? `${date.toISOString().slice(5, 10)} ` : ""}${String(date.getUTCHours()).padStart(2, "0")}:00`;
    parts.push(text(x(i), M.top + PLOT_H + 18, label, `text-anchor="middle"`));
  });
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" stroke="#333"/>`);
  parts.push(line(hours.map((h) => (h.erlang === null ? null : Math.min(h.erlang, waitMax))), `stroke="#888" stroke-width="2" stroke-dasharray="6 4"`));
  parts.push(line(hours.map((h) => h.p90), `stroke="#e07b39" stroke-width="2"`));
  parts.push(line(hours.map((h) => h.mean), `stroke="#1f4e9c" stroke-width="2.5"`));
  parts.push(text(M.left + PLOT_W / 2, H - 16, "hour of arrival (UTC)", `text-anchor="middle"`));
  parts.push(text(18, M.top + PLOT_H / 2, "wait (seconds)", `text-anchor="middle" transform="rotate(-90 18 ${M.top + PLOT_H / 2})"`));
  parts.push(text(W - 18, M.top + PLOT_H / 2, "chat slots on shift", `text-anchor="middle" fill="#6b7fa8" transform="rotate(90 ${W - 18} ${M.top + PLOT_H / 2})"`));
  const legend: Array<[string, string]> = [["#1f4e9c", "mean wait"], ["#e07b39", "p90 wait"], ["#888", "Erlang C mean wait (cut at top)"], ["#d6def0", "slots on shift"]];
  legend.forEach(([color, label], i) => {
    const lx = M.left + 8 + i * 190;
    parts.push(`<rect x="${lx}" y="${M.top - 16}" width="14" height="10" fill="${color}"/>`, text(lx + 20, M.top - 7, label));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">\n${parts.join("\n")}\n</svg>\n`;
}
