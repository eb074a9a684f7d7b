// Runtime settings: what admins changed in the console (stored in the settings store) laid over the environment's
// configuration. The overridable fields of the shared Config object are replaced in place, so every part of the
// server that reads them (the desk's queues and estimates, the ticket form, the pages' CSP) sees the change.
import type { Config } from "../config.js";
import { parseShift, type Schedule, type Shift } from "../domain/schedule.js";
import type { LanguageTexts, Store, StoredSettings } from "../store/port.js";

/** The fields of Config that settings override. */
type Overridable = Pick<Config, "languages" | "fallbacks" | "peakWindows" | "embedOrigins" | "ticketCategories">;

/** The widget's look. */
export interface WidgetLook {
  /** `#rrggbb`. */
  color: string;
  position: "right" | "left";
}

/** The default widget look (the loader's own default bubble colour). */
export const DEFAULT_LOOK: WidgetLook = { color: "#1f5fbf", position: "right" };

/** Effective settings and the controls to keep them current. */
export interface RuntimeSettings {
  /** Re-reads the store when it changed (also by another process) and applies it. */
  sync(): Promise<void>;
  /** The settings as stored (after the last sync). */
  stored(): StoredSettings;
  /** The environment's values, for showing what a reset returns to. */
  defaults(): Overridable;
  texts(language: string): LanguageTexts;
  look(): WidgetLook;
}

const parsedShifts = (texts: string[]): Shift[] => texts.map(parseShift).filter((s): s is Shift => typeof s !== "string");

/** The overridable fields for `stored` over `base`; fallbacks that are not enabled languages are dropped. */
export function effectiveSettings(base: Overridable, stored: StoredSettings): Overridable {
  const languages = stored.languages?.length ? [...stored.languages] : [...base.languages];
  const first = languages[0]!;
  const fallbacks: Record<string, string | null> = {};
  for (const language of languages) {
    const chosen = stored.fallbacks && Object.hasOwn(stored.fallbacks, language) ? stored.fallbacks[language]! : Object.hasOwn(base.fallbacks, language) ? base.fallbacks[language]! : language === first ? null : first;
    fallbacks[language] = chosen !== null && chosen !== language && languages.includes(chosen) ? chosen : null;
  }
  const peakWindows: Schedule = stored.peakWindows ? { timeZone: stored.peakWindows.timeZone, shifts: parsedShifts(stored.peakWindows.shifts) } : base.peakWindows;
  return {
    languages,
    fallbacks,
    peakWindows,
    embedOrigins: stored.embedOrigins ?? base.embedOrigins,
    ticketCategories: stored.ticketCategories?.length ? [...stored.ticketCategories] : [...base.ticketCategories],
  };
}

/** Takes the environment's values from `config` now; `sync()` lays the stored settings over them. */
export function createRuntimeSettings(config: Config, store: Store): RuntimeSettings {
  const base: Overridable = structuredClone({
    languages: config.languages,
    fallbacks: config.fallbacks,
    peakWindows: config.peakWindows,
    embedOrigins: config.embedOrigins,
    ticketCategories: config.ticketCategories,
  });
  let current: StoredSettings = {};
  let seen: string | null = null;
  return {
    async sync() {
      const version = await store.settings.version();
      if (version === seen) return;
      current = await store.settings.get();
      seen = version;
      Object.assign(config, effectiveSettings(base, current));
    },
    stored: () => structuredClone(current),
    defaults: () => structuredClone(base),
    texts: (language) => {
      const own = { ...current.texts?.[language] };
      const greeting = own.greeting ?? current.widget?.greeting;
      return { ...own, ...(greeting !== undefined && { greeting }) };
    },
    look: () => ({ color: current.widget?.color ?? DEFAULT_LOOK.color, position: current.widget?.position ?? DEFAULT_LOOK.position }),
  };
}
