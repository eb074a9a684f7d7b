// The desk lease: at most one node at a time runs the desk (queues, assignment, presence, timers). Taken with SET NX PX
// and renewed by its holder; each grant carries a fencing token (a Redis counter) that the store's conversation scripts
// compare with the lease key, so a holder that was paused or cut off past its lease has its writes refused.
import type { Redis } from "ioredis";
import type { RedisKeys } from "../store/redis-client.js";
import { COMPARE_AND_DELETE } from "./compare-and-delete.js";

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = tostring(redis.call('INCR', KEYS[2])) .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token`;

const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface LeaseOptions {
  nodeId: string;
  ttlMs: number;
  /** Called when this node got the lease (with its fencing token). */
  onAcquire(token: string): void;
  /** Called when it lost it (expired, taken over, Redis unreachable past the TTL, or released). */
  onLose(): void;
  now?: () => number;
}

export interface Lease {
  /** The fencing token while this node holds the lease, else null. */
  token(): string | null;
  start(): void;
  /** Gives the lease up now (another node may take it; this one may take it again later). */
  release(): Promise<void>;
  /** Stops renewing and gives the lease up. */
  stop(): Promise<void>;
}

export function createLease(client: Redis, keys: RedisKeys, options: LeaseOptions): Lease {
  const { ttlMs, nodeId } = options;
  const now = options.now ?? Date.now;
  let token: string | null = null;
  /** Until when the lease is surely ours: the last renewal's start plus the TTL, less a margin for clock drift. */
  let validUntil = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = true;

  const lose = () => {
    if (token === null) return;
    token = null;
    options.onLose();
  };

  async function step() {
    const started = now();
    try {
      if (token === null) {
        const granted = (await client.eval(ACQUIRE, 2, keys.lease, keys.leaseCounter, nodeId, ttlMs)) as string | null;
        if (granted && !stopped) {
          token = granted;
          validUntil = started + ttlMs * 0.8;
          options.onAcquire(granted);
        }
      } else if ((await client.eval(RENEW, 1, keys.lease, token, ttlMs)) === 1) validUntil = started + ttlMs * 0.8;
      else lose();
    } catch {
      // Redis unreachable: keep the lease only while it is surely still ours.
    }
    if (token !== null && now() > validUntil) lose();
  }

  async function release() {
    const held = token;
    lose();
    if (held) await client.eval(COMPARE_AND_DELETE, 1, keys.lease, held).catch(() => undefined);
  }

  const loop = () => {
    if (stopped) return;
    void step().finally(() => {
      if (!stopped) timer = setTimeout(loop, Math.max(20, Math.floor(ttlMs / 4)));
    });
  };

  return {
    token: () => (token !== null && now() <= validUntil ? token : null),
    start: () => {
      stopped = false;
      loop();
    },
    release,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await release();
    },
  };
}
