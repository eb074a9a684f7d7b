// Original file names, kept only as display text: no path, no control or format characters, at most 120 characters.
import type { DetectedType } from "./sniff.js";

/** Longest display name, in characters (code points). */
export const MAX_NAME_LENGTH = 120;

// Control (incl. NUL, CR, LF), format (zero-width, bidi overrides such as U+202E), line/paragraph separators, lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** A display name for an uploaded file; "file" when nothing displayable is left. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(UNSAFE, "").replace(/\s+/g, " ").replace(/^[\s.]+|[\s.]+$/g, "");
  const name = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join("").trim();
  return name === "" ? "file" : name;
}

const EXTENSIONS: Record<DetectedType, string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
};

/** The name a download is saved under: the display name, with an extension that matches what the bytes are. */
export function downloadName(name: string, type: DetectedType): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const allowed = EXTENSIONS[type];
  return extension && allowed.includes(extension) ? name : `${name}.${allowed[0]}`;
}
