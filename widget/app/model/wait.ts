// Honest wait texts: "under 3 min" near the head of a line, "about 8–13 min" further back — the range the server
// sent, rounded by the same rules the simulator scores (server/domain/wait-shown.ts), counted down between pushes,
// and called a rough guess while the language has too little history.
import { countDown, waitParts } from "../../../server/domain/wait-shown.js";
import { format, type Dictionary } from "../i18n/index.js";

export interface WaitOptions {
  /** Seconds since the estimate was computed: the range counts down by it (default 0). */
  elapsedS?: number;
  /** False when the server flags the estimate as a rough guess (too little history). */
  reliable?: boolean;
}

/**
 * The wait as text in the UI language ("about 3–5 min", "under 3 min"), or "" when there is no estimate. The
 * range wins over the point estimate; without a range the estimate is shown alone.
 */
export function formatWait(t: Dictionary, etaSeconds: number | null, etaRange: readonly [number, number] | null, options: WaitOptions = {}): string {
  const range = etaRange ?? (etaSeconds === null ? null : ([etaSeconds, etaSeconds] as const));
  const p = range ? waitParts(countDown(range, options.elapsedS ?? 0)) : null;
  if (!p) return "";
  const text = p.under
    ? format(p.unit === "min" ? t.waitUnderMinutes : t.waitUnderHours, { n: p.hi })
    : format(p.unit === "min" ? t.waitMinutes : t.waitHours, { lo: p.lo, hi: p.hi });
  return options.reliable === false ? format(t.waitRough, { wait: text }) : text;
}

/** Longest believable delay between the server computing a standing and the widget receiving it. */
const MAX_TRANSIT_MS = 30_000;

/**
 * Seconds since a standing was computed, on the widget's clock: the time since it arrived, plus the time it took
 * to arrive (`receivedAt − computedAt`) when that is believable. A visitor's clock that is off by minutes would
 * otherwise start the count far too low or never start it; then the count starts at arrival.
 */
export function elapsedSince(computedAt: number, receivedAt: number, now: number): number {
  const transit = receivedAt - computedAt;
  const trusted = transit >= 0 && transit <= MAX_TRANSIT_MS ? transit : 0;
  return Math.max(0, now - receivedAt + trusted) / 1000;
}
