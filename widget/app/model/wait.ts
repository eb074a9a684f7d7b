// Honest wait texts: "less than a minute", "about 3–5 min", "about 2–3 h", from an estimate and its range.
import { format, type Dictionary } from "../i18n/index.js";

/** A wait, rounded for people: under a minute, whole minutes, or whole hours from 90 minutes on. */
export type WaitParts = { unit: "underMinute" } | { unit: "min" | "h"; lo: number; hi: number };

const HOURS_FROM_S = 90 * 60;

/**
 * Rounds an estimate (seconds) and its range for display; `null` when there is no estimate (closed).
 * The range wins over the point estimate; without a range the estimate is shown alone.
 */
export function waitParts(etaSeconds: number | null, etaRange: readonly [number, number] | null): WaitParts | null {
  const [a, b] = etaRange ?? (etaSeconds === null ? [NaN, NaN] : [etaSeconds, etaSeconds]);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.max(0, a, b);
  if (hi < 60) return { unit: "underMinute" };
  const [unit, size] = hi >= HOURS_FROM_S ? (["h", 3600] as const) : (["min", 60] as const);
  const loN = Math.max(1, Math.round(lo / size));
  return { unit, lo: loN, hi: Math.max(loN, Math.round(hi / size)) };
}

/** The wait as text in the UI language ("about 3–5 min"), or "" when there is no estimate. */
export function formatWait(t: Dictionary, etaSeconds: number | null, etaRange: readonly [number, number] | null): string {
  const p = waitParts(etaSeconds, etaRange);
  if (!p) return "";
  if (p.unit === "underMinute") return t.waitUnderMinute;
  if (p.lo === p.hi) return format(p.unit === "min" ? t.waitMinute : t.waitHour, { n: p.lo });
  return format(p.unit === "min" ? t.waitMinutes : t.waitHours, { lo: p.lo, hi: p.hi });
}
