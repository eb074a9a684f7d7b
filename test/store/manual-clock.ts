// A store clock moved by hand: its timers run only when a test advances it (compaction policy, flush pacing).
import type { TimerClock } from "../../server/store/timer-clock.js";

export function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: TimerClock = {
    now: () => now,
    after(ms, fn) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers.includes(timer) && timers.splice(timers.indexOf(timer), 1));
    },
  };
  /** Moves the clock on and runs every timer due by then. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}
