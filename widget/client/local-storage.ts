// The only module that touches `window.localStorage`. It refuses keys outside the allow-list, and
// degrades to memory when storage is blocked (private mode, third-party storage disabled).
import { createMemoryStorage, STORAGE_KEYS, type StoragePort } from "./storage.js";

const ALLOWED: ReadonlySet<string> = new Set(Object.values(STORAGE_KEYS));

function check(key: string): void {
  if (!ALLOWED.has(key)) throw new Error(`parley: storage key "${key}" is not allowed`);
}

/** A {@link StoragePort} on `localStorage` for the allow-listed keys; memory if `localStorage` is unusable. */
export function createLocalStorage(): StoragePort {
  const memory = createMemoryStorage();
  let local: Storage | null = null;
  try {
    local = globalThis.localStorage ?? null;
    local?.getItem(STORAGE_KEYS.state);
  } catch {
    local = null;
  }
  return {
    get(key) {
      check(key);
      try {
        return local?.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      check(key);
      try {
        if (!local) throw new Error("no localStorage");
        local.setItem(key, value);
        memory.remove(key);
      } catch {
        // Quota or blocked storage: a memory copy keeps this page working.
        memory.set(key, value);
      }
    },
    remove(key) {
      check(key);
      memory.remove(key);
      try {
        local?.removeItem(key);
      } catch {
        // Same as above.
      }
    },
  };
}
