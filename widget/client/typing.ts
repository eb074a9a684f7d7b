// The visitor's typing signal, throttled: `true` at most every 2 s while typing, `false` after 3 s idle
// or when the message is sent.

/** Timing of the typing signal in milliseconds. */
export const TYPING_REPEAT_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;

/** Feeds keystrokes in, sends throttled typing signals out. */
export interface TypingSender {
  /** The visitor typed something. */
  input(): void;
  /** The visitor stopped (sent, cleared the box, or left). */
  stop(): void;
}

/** Creates a typing sender over `send`; `now` is injectable for tests. */
export function createTypingSender(send: (typing: boolean) => void, now: () => number = Date.now): TypingSender {
  let lastTrueAt = -Infinity;
  let active = false;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (!active) return;
    active = false;
    lastTrueAt = -Infinity;
    send(false);
  };
  return {
    input() {
      if (!active || now() - lastTrueAt >= TYPING_REPEAT_MS) {
        active = true;
        lastTrueAt = now();
        send(true);
      }
      if (idle) clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    },
    stop,
  };
}
