// The dictionaries, and the helpers that pick one and fill in placeholders. Translations are data: adding a
// language is adding a file with every key of en.ts and listing it here.
import type { ClientErrorCode } from "../../client/types.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en, type Dictionary } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { ko } from "./ko.js";
import { pt } from "./pt.js";
import { ru } from "./ru.js";
import { tr } from "./tr.js";
import { vi } from "./vi.js";
import { zh } from "./zh.js";

export type { Dictionary };

/** Every UI language, by primary language subtag. */
export const DICTIONARIES: Readonly<Record<string, Dictionary>> = { en, de, es, fr, pt, ru, tr, zh, ja, ko, vi, ar };

const RTL = new Set(["ar", "he", "fa", "ur"]);

/** The primary subtag of a language tag, lower-case: "pt-BR" → "pt". */
export const primaryTag = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? "";

/** The dictionary for a language, English when there is none. */
export function dictionaryFor(language: string): Dictionary {
  return DICTIONARIES[primaryTag(language)] ?? en;
}

/** The writing direction of a language. */
export function directionOf(language: string): "rtl" | "ltr" {
  return RTL.has(primaryTag(language)) ? "rtl" : "ltr";
}

/** Replaces `{key}` placeholders; unknown ones stay as they are. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** A language's name in the UI language ("German" in English, "Deutsch" in German), or its code. */
export function languageName(t: Dictionary, code: string): string {
  const key = `lang_${primaryTag(code)}`;
  return key in t ? t[key as keyof Dictionary] : code;
}

/** The text for an error code, with a generic fallback. */
export function errorText(t: Dictionary, code: ClientErrorCode): string {
  const key = `error_${code}`;
  return key in t ? t[key as keyof Dictionary] : t.error_generic;
}
