// One JSON line per customer, in arrival order, with what is needed to recompute the figures.
import type { Customer } from "./desk.js";

export interface TraceLine {
  language: string;
  /** ISO instant of arrival (virtual time). */
  arrivedAt: string;
  /** The estimate shown at arrival (of the fallback queue for "fallback"); null for "message". */
  etaShownS: number | null;
  etaRange: [number, number] | null;
  /** Until answered, or until they gave up (their patience); 0 for "message". */
  waitedS: number;
  outcome: "answered" | "abandoned" | "fallback" | "message";
  /** Only for "fallback": the queue they joined and how that wait ended. */
  fallbackQueue?: string;
  fallbackResult?: "answered" | "abandoned";
}

export function traceLine(c: Customer): TraceLine {
  const line: TraceLine = {
    language: c.language,
    arrivedAt: new Date(c.arrivedAt).toISOString(),
    etaShownS: c.eta?.etaSeconds ?? null,
    etaRange: c.eta ? [c.eta.range[0], c.eta.range[1]] : null,
    waitedS: Math.round(c.waitedMs) / 1000,
    outcome: c.route === "own" ? c.result! : c.route,
  };
  if (c.route === "fallback") Object.assign(line, { fallbackQueue: c.queue, fallbackResult: c.result! });
  return line;
}

/** The whole trace as JSON lines. */
export function formatTrace(customers: readonly Customer[]): string {
  return customers.map((c) => JSON.stringify(traceLine(c)) + "\n").join("");
}
