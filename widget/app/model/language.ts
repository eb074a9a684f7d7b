// Which language the chat starts in: the host page's hint, then the browser's languages, matched by primary
// subtag against the configured languages, else the configured default.
import { primaryTag } from "../i18n/index.js";

/** The first candidate whose primary subtag is available, else `fallback`. */
export function pickLanguage(candidates: readonly (string | null | undefined)[], available: readonly string[], fallback: string): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const primary = primaryTag(candidate.trim());
    const match = available.find((code) => primaryTag(code) === primary);
    if (match) return match;
  }
  return fallback;
}
