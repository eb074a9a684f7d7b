// The wait range as people read it: whole minutes (coarser steps for long waits), "under 3 min" when an honest
// range starts at zero, "about 8–13 min" further back. The widget words exactly this range and the simulator scores
// exactly this range, so what is measured is what customers read. Pure.

/** A wait range rounded for display: "under {hi} {unit}" or "about {lo}–{hi} {unit}". */
export type WaitParts = { unit: "min" | "h"; under: true; hi: number } | { unit: "min" | "h"; under: false; lo: number; hi: number };

/** From this upper end on, the range is said in whole hours. */
export const HOURS_FROM_S = 10 * 3600;

/**
 * The rounding step for a range whose upper end is `hiS`: a minute below an hour, 5 minutes below 3 hours, a
 * quarter of an hour below 10 hours (still said in minutes: "about 225–240 min"), whole hours beyond.
 */
export function roundingStep(hiS: number): { unit: "min" | "h"; size: number } {
  if (hiS >= HOURS_FROM_S) return { unit: "h", size: 3600 };
  return { unit: "min", size: hiS < 3600 ? 60 : hiS < 3 * 3600 ? 300 : 900 };
}

/**
 * Rounds a range (seconds) for display: each end to the nearest step (see {@link roundingStep}); a lower end that rounds to
 * zero reads "under {hi}"; the upper end is always at least one step above the lower end (a range never collapses
 * to a single number). Null when there is no range.
 */
export function waitParts(range: readonly [number, number] | null): WaitParts | null {
  if (!range) return null;
  const [a, b] = range;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.max(0, a, b);
  const { unit, size } = roundingStep(hi);
  const per = unit === "h" ? 3600 : 60;
  const loN = Math.round(lo / size);
  const hiN = Math.max(loN + 1, Math.round(hi / size));
  const n = (k: number) => (k * size) / per;
  return loN === 0 ? { unit, under: true, hi: n(hiN) } : { unit, under: false, lo: n(loN), hi: n(hiN) };
}

/** The range the customer reads, back in seconds: [0, hi] for "under hi", [lo, hi] otherwise. */
export function shownRange(range: readonly [number, number] | null): [number, number] | null {
  const parts = waitParts(range);
  if (!parts) return null;
  const size = parts.unit === "h" ? 3600 : 60;
  return parts.under ? [0, parts.hi * size] : [parts.lo * size, parts.hi * size];
}

/**
 * The range still ahead `elapsedS` seconds after it was computed: both ends move down, never below zero. Between
 * two pushes of the standing the widget counts down with this instead of freezing.
 */
export function countDown(range: readonly [number, number], elapsedS: number): [number, number] {
  const e = Math.max(0, elapsedS);
  return [Math.max(0, range[0] - e), Math.max(0, range[1] - e)];
}
