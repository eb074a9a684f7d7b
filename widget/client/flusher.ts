// Sends the outbox one message at a time, in order. A retryable failure pauses the queue and retries the
// same message (same id, so the server stores it once) after a backoff; a final failure marks the message
// failed and lets the queue move on (I5 keeps the queue flowing).
import { backoffDelay, type BackoffOptions } from "./backoff.js";
import { isRetryable, type Outbox } from "./outbox.js";
import type { Reply } from "./transport.js";
import type { PendingMessage } from "./types.js";

/** What {@link createFlusher} needs. */
export interface FlusherDeps {
  outbox: Outbox;
  /** Sends one message and applies its result to the transcript on success. */
  deliver(message: PendingMessage): Promise<Reply<unknown>>;
  /** Called after the outbox changed. */
  changed(): void;
  backoff: BackoffOptions;
}

/** Drives the outbox while the connection is ready. */
export interface Flusher {
  /** The connection is ready (connected and resumed): send now, retries reset. */
  resume(): void;
  /** The connection is gone: stop after the message in flight. */
  pause(): void;
  /** Something was queued: send if ready and not waiting out a backoff. */
  kick(): void;
}

/** Creates a flusher; it is paused until `resume()`. */
export function createFlusher(deps: FlusherDeps): Flusher {
  let ready = false;
  let running = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  async function run(): Promise<void> {
    if (running || !ready || timer) return;
    running = true;
    try {
      for (let m = deps.outbox.next(); m && ready; m = deps.outbox.next()) {
        const reply = await deps.deliver(m);
        if (reply.ok) {
          attempt = 0;
          deps.outbox.remove(m.id);
        } else if (isRetryable(reply.error.code)) {
          timer = setTimeout(() => {
            timer = null;
            void run();
          }, backoffDelay(attempt++, deps.backoff));
          return;
        } else {
          deps.outbox.fail(m.id, reply.error);
        }
        deps.changed();
      }
    } finally {
      running = false;
    }
  }

  return {
    resume() {
      ready = true;
      attempt = 0;
      clearTimer();
      void run();
    },
    pause() {
      ready = false;
      clearTimer();
    },
    kick: () => void run(),
  };
}
