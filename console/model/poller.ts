// Runs a refresh every `intervalMs` while active (the inbox is on screen and the tab visible). Any refresh,
// polled or not, restarts the wait, and coming back after the interval refreshes at once.
import type { Timers } from "./ports.js";

/** What the poller needs. */
export interface PollerDeps {
  timers: Timers;
  now(): number;
  intervalMs: number;
  run(): void;
}

/** A poller. */
export interface Poller {
  /** Starts or stops polling; starting refreshes at once when the last refresh is older than the interval. */
  setActive(active: boolean): void;
  /** A refresh just started (call from the refresh itself, so every refresh counts). */
  ran(): void;
}

/** Creates a poller, inactive. */
export function createPoller(deps: PollerDeps): Poller {
  let active = false;
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: unknown;

  function schedule(ms: number): void {
    deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => {
      timer = undefined;
      if (active) deps.run();
    }, ms);
  }

  return {
    setActive(next) {
      if (next === active) return;
      active = next;
      if (!active) {
        deps.timers.clearTimeout(timer);
        timer = undefined;
        return;
      }
      const wait = lastRun + deps.intervalMs - deps.now();
      if (wait <= 0) deps.run();
      else schedule(wait);
    },
    ran() {
      lastRun = deps.now();
      if (active) schedule(deps.intervalMs);
    },
  };
}

/** Tells the latest of several overlapping requests from older ones, whose replies are then ignored. */
export function createLatest(): { next(): number; isLatest(token: number): boolean } {
  let current = 0;
  return {
    next: () => (current += 1),
    isLatest: (token) => token === current,
  };
}
