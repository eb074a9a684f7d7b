// Every dictionary at once, for Node (tests, tools). Browser bundles import ./load.ts instead, which fetches
// only the visitor's language.
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en, type Dictionary } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { uiLanguageOf, type UI_LANGUAGES } from "./index.js";
import { ja } from "./ja.js";
import { ko } from "./ko.js";
import type { Dictionaries } from "./load.js";
import { pt } from "./pt.js";
import { ru } from "./ru.js";
import { tr } from "./tr.js";
import { vi } from "./vi.js";
import { zh } from "./zh.js";

/** Every UI language's dictionary. */
export const DICTIONARIES: Readonly<Record<(typeof UI_LANGUAGES)[number], Dictionary>> = { en, de, es, fr, pt, ru, tr, zh, ja, ko, vi, ar };

/** The dictionary for a language, English when there is none. */
export function dictionaryFor(language: string): Dictionary {
  return DICTIONARIES[uiLanguageOf(language) as keyof typeof DICTIONARIES];
}

/** {@link Dictionaries} with everything loaded (for tests and Node). */
export const allDictionaries: Dictionaries = { get: dictionaryFor, first: en };
