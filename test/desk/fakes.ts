// A fake clock + scheduler and a recording publisher, for desk tests without sockets or wall-clock waits.
import pino from "pino";
import { loadConfig } from "../../server/config.js";
import { createDesk, type DeskEffect, type Outcome, type Publish } from "../../server/desk/desk.js";
import type { Store } from "../../server/store/port.js";

export function fakeTime(start = 1_000_000) {
  let t = start;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  return {
    now: () => t,
    schedule(ms: number, fn: () => void) {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return () => void (timer.live = false);
    },
    /** Moves the clock and runs the timers that fell due. */
    advance(ms: number) {
      t += ms;
      for (const timer of timers) {
        if (timer.live && timer.at <= t) {
          timer.live = false;
          timer.fn();
        }
      }
    },
  };
}

/** Records what the desk publishes (timers) and what operations return, as the deliveries a socket layer would make. */
export function recordingPublisher() {
  const effects: DeskEffect[] = [];
  const publish: Publish = (list) => void effects.push(...list);
  return {
    publish,
    effects,
    /** Remembers an operation's effects too, and hands its ack back. */
    take: <T>(outcome: Outcome<T>) => {
      effects.push(...outcome.effects);
      return outcome.ack;
    },
  };
}

export async function deskOver(store: Store, env: Record<string, string> = {}, start?: number) {
  const time = fakeTime(start);
  const recorder = recordingPublisher();
  // Desk tests drive visitors without sockets: they are never "gone" unless a test says so.
  const config = loadConfig({ LOG_LEVEL: "silent", AGENT_GRACE_SECONDS: "30", QUEUE_ABANDON_SECONDS: "86400", ...env });
  const desk = createDesk({ store, config, publish: recorder.publish, logger: pino({ level: "silent" }), now: time.now, schedule: time.schedule });
  await desk.start();
  return { desk, time, ...recorder };
}
