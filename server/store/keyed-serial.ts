// Per-key one-at-a-time queues, for read-modify-writes that must not interleave for one record but may for others.
/** Tasks run one at a time per key, in call order; other keys' run in parallel (one ticket's thread, one chat's emails). */
export interface KeyedSerial {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far for `key` has finished. */
  idle(key: string): Promise<void>;
  /** Resolves when everything queued so far, for every key, has finished. */
  idleAll(): Promise<void>;
}

export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const result = (tails.get(key) ?? Promise.resolve()).then(task);
      const settled = result.catch(() => undefined);
      tails.set(key, settled);
      // A key with nothing queued is forgotten: the map holds only keys in use.
      void settled.then(() => tails.get(key) === settled && tails.delete(key));
      return result;
    },
    idle: async (key) => void (await tails.get(key)),
    idleAll: async () => void (await Promise.all(tails.values())),
  };
}
