// settings.json and canned.json: shared with the `parley` command (re-read when changed, edited under a lock).
import type { FileIo } from "./json-file.js";
import { openSharedRows } from "./lowdb-shared-rows.js";
import { clashes, DuplicateShortcutError, type CannedResponseRecord, type ConsoleStores, type StoredSettings } from "./console-port.js";

const copy = <T>(value: T): T => structuredClone(value);

/** The console's stores in `settingsPath` and `cannedPath`, with what the store's open and close need. */
export function openLowdbConsole(settingsPath: string, cannedPath: string, io: FileIo): { stores: ConsoleStores; loadAll(): Promise<void>; idle(): Promise<void> } {
  // The settings file holds one row per setting ("languages", "texts", …).
  const settings = openSharedRows<unknown>(settingsPath, io);
  const canned = openSharedRows<CannedResponseRecord>(cannedPath, io);
  return {
    stores: {
      settings: {
        get: async () => copy((await settings.rows()) as StoredSettings),
        update: (change) =>
          settings.change((all) => {
            const next = copy(change(copy(all as StoredSettings)));
            return { rows: next as Record<string, unknown>, result: copy(next) };
          }),
        version: settings.version,
      },
      canned: {
        list: async () => Object.values(await canned.rows()).map(copy),
        put: (response) =>
          canned.change((all) => {
            if (Object.values(all).some((r) => clashes(r, response))) throw new DuplicateShortcutError(response.shortcut, response.language);
            return { rows: { ...all, [response.id]: copy(response) }, result: undefined };
          }),
        update: (id, change) =>
          canned.change((all) => {
            const next = Object.hasOwn(all, id) ? change(copy(all[id]!)) : null;
            if (!next) return { rows: null, result: null };
            const stored = { ...copy(next), id };
            if (Object.values(all).some((r) => clashes(r, stored))) throw new DuplicateShortcutError(stored.shortcut, stored.language);
            return { rows: { ...all, [id]: stored }, result: copy(stored) };
          }),
        remove: (id) =>
          canned.change((all) => {
            if (!Object.hasOwn(all, id)) return { rows: null, result: false };
            const { [id]: _removed, ...rest } = all;
            return { rows: rest, result: true };
          }),
      },
    },
    loadAll: async () => void (await Promise.all([settings.rows(), canned.rows()])),
    idle: async () => void (await Promise.all([settings.idle(), canned.idle()])),
  };
}
