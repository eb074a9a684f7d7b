// The only module that touches `window.localStorage`, used by the chat app (Parley origin) and by the
// loader (host page), each with its own allow-list of keys. Blocked or full storage (private mode,
// third-party storage disabled) reads as empty and drops writes; wrap it in `withMemoryCopy` to keep
// values for the life of the page anyway.
import type { StoragePort } from "./storage.js";

/** Runs `action` on `localStorage`; blocked or full storage, or an action that throws, gives null. */
export function withLocalStorage<T>(action: (s: Storage) => T): T | null {
  try {
    return action(localStorage);
  } catch {
    return null;
  }
}

/** A {@link StoragePort} on `localStorage` that reads and writes only the keys in `allowed` (others read as missing). */
export function createLocalStorage(allowed: readonly string[]): StoragePort {
  const use = <T>(key: string, action: (s: Storage) => T): T | null => (allowed.includes(key) ? withLocalStorage(action) : null);
  return {
    get: (key) => use(key, (s) => s.getItem(key)),
    set: (key, value) => void use(key, (s) => s.setItem(key, value)),
    remove: (key) => void use(key, (s) => s.removeItem(key)),
  };
}
