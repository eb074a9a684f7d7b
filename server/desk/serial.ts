/** Runs async tasks one at a time, in call order: the single path every queue mutation goes through. */
export interface Serial {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void>;
}

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    idle: () => tail.then(() => undefined),
  };
}

/** One {@link Serial} per key: tasks of one key run one at a time in call order, other keys' in parallel. */
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
