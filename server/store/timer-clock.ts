// The clock and timers of the store's background work (journal flush pacing, compaction), injectable so tests drive them.

/** A clock with timers that do not keep the process alive. */
export interface TimerClock {
  /** Milliseconds (fractions allowed), only compared with each other. */
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const realTimerClock: TimerClock = {
  now: () => performance.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
