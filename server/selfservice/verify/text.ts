// What a person pasted, made comparable: Unicode NFKC, no invisible characters, no surrounding space. Pure.

// Zero-width and joiner characters, word joiner, BOM, soft hyphen, Mongolian vowel separator, bidi controls.
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 300;

/** NFKC (full-width and styled letters become plain ones), invisible characters removed, trimmed. */
export function cleanQuery(raw: string): string {
  return raw.replace(LONE_SURROGATE, "\uFFFD").replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "").trim();
}

/**
 * True when `raw` is written in plain characters: nothing invisible and nothing that Unicode compatibility folding
 * (NFKC) changes, such as full-width or math-bold letters. Canonical forms (NFC vs NFD) count as the same text.
 * A styled or invisible variant of a handle is never the account itself.
 */
export function isPlain(raw: string): boolean {
  const text = raw.trim().normalize("NFC");
  return !new RegExp(INVISIBLE.source).test(text) && !new RegExp(LONE_SURROGATE.source).test(text) && text.normalize("NFKC") === text;
}

/** `text` cut to `max` characters for quoting back in a sentence. */
export function quote(text: string, max = 80): string {
  const chars = Array.from(text);
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text}”`;
}
