// The console's administration part of the store port: runtime settings (languages, texts, widget, origins, ticket
// categories) and canned responses. Both live in files shared with the `parley` command. Same rules as port.ts.
import type { AgentId, LanguageCode, Timestamp } from "../protocol/ids.js";

/** The texts the widget shows in one language (each optional: the widget's built-in text otherwise). */
export interface LanguageTexts {
  /** Shown before a chat starts. */
  greeting?: string;
  /** Shown when the language is closed (nobody on shift). */
  away?: string;
  /** Shown while the customer waits in the queue. */
  queue?: string;
}

/**
 * Settings admins change at runtime; each one given overrides the environment's value (docs/configuration.md).
 * Stored as given after validation at the HTTP boundary.
 */
export interface StoredSettings {
  /** Enabled languages, the first is the default. */
  languages?: LanguageCode[];
  /** The queue offered when a language is closed (null: none). */
  fallbacks?: Record<LanguageCode, LanguageCode | null>;
  /** Weekly peak windows ("Mon-Fri 12:00-14:00") in a time zone. */
  peakWindows?: { timeZone: string; shifts: string[] };
  texts?: Record<LanguageCode, LanguageTexts>;
  /** The widget's look; `greeting` is shown in languages without a greeting of their own. */
  widget?: { color?: string; position?: "right" | "left"; greeting?: string };
  /** Origins allowed to embed the widget, or "*". */
  embedOrigins?: string[] | "*";
  ticketCategories?: string[];
}

export interface SettingsStore {
  /** The stored settings (`{}` when none were ever stored). */
  get(): Promise<StoredSettings>;
  /** Applies `change` to the current settings (freshly read, under the file's lock) and stores the result. */
  update(change: (current: StoredSettings) => StoredSettings): Promise<StoredSettings>;
  /** Changes whenever the settings change, also when another process changed them. */
  version(): Promise<string>;
}

/** A stock answer an agent inserts by its shortcut. */
export interface CannedResponseRecord {
  id: string;
  /** null: shared (managed by admins); else the agent whose personal response it is. */
  ownerId: AgentId | null;
  language: LanguageCode;
  /** Lower-case letters, digits, "-" and "_"; unique per owner and language. */
  shortcut: string;
  text: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Another response of the same owner and language already has this shortcut. */
export class DuplicateShortcutError extends Error {
  override name = "DuplicateShortcutError";
  constructor(readonly shortcut: string, readonly language: string) {
    super(`the shortcut /${shortcut} is already used in ${language}`);
  }
}

export interface CannedResponseStore {
  /** Every response (shared and personal), in no particular order. */
  list(): Promise<CannedResponseRecord[]>;
  /** Inserts or replaces by id; throws {@link DuplicateShortcutError} when another has the same owner, language and shortcut. */
  put(response: CannedResponseRecord): Promise<void>;
  /**
   * Changes one response without losing another writer's change (an admin, the `parley` command, another node):
   * `change` gets the stored record and returns the new one, or null to write nothing; it runs again on what another
   * writer stored in between, so it must be free of side effects. Resolves to what was stored, or null when the response
   * is gone (a removed response never comes back) or `change` returned null. Throws {@link DuplicateShortcutError} as `put`.
   */
  update(id: string, change: (current: CannedResponseRecord) => CannedResponseRecord | null): Promise<CannedResponseRecord | null>;
  remove(id: string): Promise<boolean>;
}

/** Whether two responses clash (same owner, language and shortcut, different ids). */
export const clashes = (a: CannedResponseRecord, b: CannedResponseRecord): boolean =>
  a.id !== b.id && a.ownerId === b.ownerId && a.language === b.language && a.shortcut === b.shortcut;

/** The console's stores, part of {@link import("./port.js").Store}. */
export interface ConsoleStores {
  settings: SettingsStore;
  canned: CannedResponseStore;
}
