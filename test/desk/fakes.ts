// A fake clock + scheduler and a recording notifier, for desk tests without sockets or wall-clock waits.
import pino from "pino";
import { loadConfig } from "../../server/config.js";
import { createDesk, type Notifier } from "../../server/desk/desk.js";
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

export function recordingNotifier() {
  const events: Array<{ to: string; event: string; payload: unknown }> = [];
  const disconnected: string[] = [];
  const notify: Notifier = {
    visitor: (id, event, payload) => void events.push({ to: `visitor:${id}`, event, payload }),
    agent: (id, event, payload) => void events.push({ to: `agent:${id}`, event, payload }),
    disconnectAgent: (id) => void disconnected.push(id),
  };
  return { notify, events, disconnected };
}

export async function deskOver(store: Store, env: Record<string, string> = {}, start?: number) {
  const time = fakeTime(start);
  const recorder = recordingNotifier();
  const config = loadConfig({ LOG_LEVEL: "silent", AGENT_GRACE_SECONDS: "30", ...env });
  const desk = createDesk({ store, config, notify: recorder.notify, logger: pino({ level: "silent" }), now: time.now, schedule: time.schedule });
  await desk.start();
  return { desk, time, ...recorder };
}
