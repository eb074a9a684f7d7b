// A token bucket per key, with an injected clock. Bounded memory: idle full buckets are swept.

export interface RateLimiter {
  /** Takes `n` tokens (default 1); false, taking none, when the key has fewer (the caller refuses the request). */
  take(key: string, n?: number): boolean;
  /** Tokens `key` has now. */
  available(key: string): number;
  /** Milliseconds until `key` has a token again (0 when it has one). */
  retryAfterMs(key: string): number;
  /** Gives back `n` tokens (default 1) taken for `key` (the attempt turned out not to count). */
  refund(key: string, n?: number): void;
}

/** `capacity` tokens, refilled at `perSecond`. */
export function createRateLimiter(capacity: number, perSecond: number, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();

  const refill = (key: string) => {
    const t = now();
    if (t - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * perSecond >= capacity) buckets.delete(k);
      lastSweep = t;
    }
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    return bucket;
  };

  return {
    take(key, n = 1) {
      const bucket = refill(key);
      if (bucket.tokens < n) return false;
      bucket.tokens -= n;
      return true;
    },
    available: (key) => refill(key).tokens,
    refund(key, n = 1) {
      const bucket = refill(key);
      bucket.tokens = Math.min(capacity, bucket.tokens + n);
    },
    retryAfterMs(key) {
      const bucket = refill(key);
      return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
    },
  };
}
