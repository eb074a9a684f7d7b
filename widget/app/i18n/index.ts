// The helpers that fill in placeholders and name things from a dictionary. Translations are data, one file per
// language with every key of en.ts; browsers load only the visitor's (./load.ts), Node and tests take all (./all.ts).
import type { ClientErrorCode } from "../../client/types.js";
import type { Dictionary } from "./en.js";

export type { Dictionary };

/** Every UI language, by primary language subtag (each has a file here, listed in ./load.ts and ./all.ts). */
export const UI_LANGUAGES = ["en", "de", "es", "fr", "pt", "ru", "tr", "zh", "ja", "ko", "vi", "ar"] as const;

const RTL = new Set(["ar", "he", "fa", "ur"]);

/** The primary subtag of a language tag, lower-case: "pt-BR" → "pt". */
export const primaryTag = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? "";

/** The UI language that shows a language: its primary subtag when Parley has a dictionary for it, else English. */
export function uiLanguageOf(language: string): string {
  const primary = primaryTag(language);
  return (UI_LANGUAGES as readonly string[]).includes(primary) ? primary : "en";
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
