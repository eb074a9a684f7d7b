// The clock and timers of the store's background work (journal flush pacing, compaction), injectable so tests drive them.

/** A clock with timers; background timers do not keep the process alive. */
export interface TimerClock {
  /** Milliseconds (fractions allowed), only compared with each other. */
  now(): number;
  /**
   * Runs `fn` after `ms`; returns a cancel function. The timer does not keep the process alive unless `keepAlive`:
   * background work (compaction) may wait for the next start, but a write someone awaits (a paced journal flush)
   * must not be dropped because nothing else is left to run — the process would exit with the write pending.
   */
  after(ms: number, fn: () => void, options?: { keepAlive?: boolean }): () => void;
}

export const realTimerClock: TimerClock = {
  now: () => performance.now(),
  after(ms, fn, options) {
    const timer = setTimeout(fn, ms);
    if (!options?.keepAlive) timer.unref();
    return () => clearTimeout(timer);
  },
};
