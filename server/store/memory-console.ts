// In-memory console stores (the reference adapter for tests). Returns copies, like memory.ts.
import { clashes, DuplicateShortcutError, type CannedResponseRecord, type ConsoleStores, type StoredSettings } from "./console-port.js";

const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryConsole(): ConsoleStores {
  let settings: StoredSettings = {};
  let settingsVersion = 0;
  const canned = new Map<string, CannedResponseRecord>();
  return {
    settings: {
      get: async () => copy(settings),
      update: async (change) => {
        settings = copy(change(copy(settings)));
        settingsVersion++;
        return copy(settings);
      },
      version: async () => String(settingsVersion),
    },
    canned: {
      list: async () => [...canned.values()].map(copy),
      put: async (response) => {
        if ([...canned.values()].some((r) => clashes(r, response))) throw new DuplicateShortcutError(response.shortcut, response.language);
        canned.set(response.id, copy(response));
      },
      update: async (id, change) => {
        const current = canned.get(id);
        const next = current ? change(copy(current)) : null;
        if (!next) return null;
        const stored = { ...copy(next), id };
        if ([...canned.values()].some((r) => clashes(r, stored))) throw new DuplicateShortcutError(stored.shortcut, stored.language);
        canned.set(id, stored);
        return copy(stored);
      },
      remove: async (id) => canned.delete(id),
    },
  };
}
