// Exponential backoff with "equal jitter", and a sleep that a stop() can cut short.

/** Backoff settings in milliseconds. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** The default: 0.5 s, doubling, at most 15 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/** The delay before retry number `attempt` (0-based): a random share of `min(max, base · 2^attempt)`. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once (with `false`) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort);
  });
}

/** Calls `load` until it resolves, waiting {@link backoffDelay} between tries (e.g. a chunk that failed on a bad connection). */
export async function retrying<T>(load: () => Promise<T>, options: BackoffOptions = DEFAULT_BACKOFF): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, options)));
    }
  }
}
