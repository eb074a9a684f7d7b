// The storage port of the headless client: a synchronous string key/value store. Browsers pass
// `createLocalStorage()`, tests and apps without persistence pass `createMemoryStorage()`.

/** Where the client keeps its credentials, outbox and transcript cache. `null` means "not there". */
export interface StoragePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Every key the chat client may write (on the chat server's origin only). */
export const STORAGE_KEYS = {
  /** The visitor's credentials. */
  visitor: "parley.visitor",
  /** Messages typed but not yet acknowledged by the server. */
  outbox: "parley.outbox",
  /** A cache of the current conversation and its messages; the server stays the truth. */
  transcript: "parley.transcript",
  /** The site's customer id this device's credentials were verified for (`Parley.identify`), so it is checked once. */
  identity: "parley.identity",
  /** `"off"` when the visitor muted the new-message sound (the chat app's setting, not the client's). */
  sound: "parley.sound",
} as const;

/** The one key the loader may write on the host page: `{"conv":bool,"open":bool}`, nothing secret. */
export const HOST_STATE_KEY = "parley.state";

/** A storage that lives as long as the object does. */
export function createMemoryStorage(initial: Record<string, string> = {}): StoragePort {
  const data = new Map(Object.entries(initial));
  return {
    get: (key) => data.get(key) ?? null,
    set: (key, value) => void data.set(key, value),
    remove: (key) => void data.delete(key),
  };
}

/**
 * Keeps a memory copy of everything written, so that a page whose persistent storage is blocked or full
 * still works until it is closed (credentials, outbox).
 */
export function withMemoryCopy(inner: StoragePort): StoragePort {
  const memory = createMemoryStorage();
  return {
    get: (key) => inner.get(key) ?? memory.get(key),
    set(key, value) {
      memory.set(key, value);
      inner.set(key, value);
    },
    remove(key) {
      memory.remove(key);
      inner.remove(key);
    },
  };
}

/** Reads a JSON value; anything missing or unparseable is `null` (a corrupt cache is not an error). */
export function readJson(storage: StoragePort, key: string): unknown {
  try {
    // JSON.parse(null) is null: a missing key reads as null too.
    return JSON.parse(storage.get(key) as string) as unknown;
  } catch {
    return null;
  }
}

/** Writes a JSON value. */
export function writeJson(storage: StoragePort, key: string, value: unknown): void {
  storage.set(key, JSON.stringify(value));
}
