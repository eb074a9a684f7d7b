// Dictionaries on demand: each language is its own chunk, fetched the first time it is needed, so a visitor
// downloads one language, not twelve. A page may preload the likely one (the server writes a modulepreload link).
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import { retrying } from "../../client/backoff.js";
import type { Dictionary } from "./en.js";
import { uiLanguageOf, type UI_LANGUAGES } from "./index.js";

const LOADERS: Record<(typeof UI_LANGUAGES)[number], () => Promise<Dictionary>> = {
  en: () => import("./en.js").then((m) => m.en),
  de: () => import("./de.js").then((m) => m.de),
  es: () => import("./es.js").then((m) => m.es),
  fr: () => import("./fr.js").then((m) => m.fr),
  pt: () => import("./pt.js").then((m) => m.pt),
  ru: () => import("./ru.js").then((m) => m.ru),
  tr: () => import("./tr.js").then((m) => m.tr),
  zh: () => import("./zh.js").then((m) => m.zh),
  ja: () => import("./ja.js").then((m) => m.ja),
  ko: () => import("./ko.js").then((m) => m.ko),
  vi: () => import("./vi.js").then((m) => m.vi),
  ar: () => import("./ar.js").then((m) => m.ar),
};

/** The UI text by language, as far as it has arrived. Reading `get` inside a computed re-runs it when a language arrives. */
export interface Dictionaries {
  /** The dictionary for a language (English when Parley has none), or null while it loads (asking starts the load). */
  get(language: string): Dictionary | null;
  /** The dictionary that was there first: what to show until the one asked for arrives. */
  first: Dictionary;
}

/** Loads the first dictionary (retrying a failed load), then returns {@link Dictionaries} that load the others on demand. */
export async function loadDictionaries(language: string): Promise<Dictionaries> {
  const firstCode = uiLanguageOf(language) as keyof typeof LOADERS;
  const first = await retrying(LOADERS[firstCode]);
  const loaded = signal<Record<string, Dictionary>>({ [firstCode]: first });
  const asked = new Set<string>([firstCode]);
  return {
    first,
    get(lang) {
      const code = uiLanguageOf(lang) as keyof typeof LOADERS;
      const have = loaded.value[code];
      if (have) return have;
      if (!asked.has(code)) {
        asked.add(code);
        void retrying(LOADERS[code]).then((d) => (loaded.value = { ...loaded.value, [code]: d }));
      }
      return null;
    },
  };
}

/** A language's text once it has arrived; until then the text shown before (never a flash of missing text). */
export function textFor(dictionaries: Dictionaries, language: ReadonlySignal<string>): ReadonlySignal<Dictionary> {
  let shown = dictionaries.first;
  return computed(() => (shown = dictionaries.get(language.value) ?? shown));
}
