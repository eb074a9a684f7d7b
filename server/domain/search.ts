// Matching search text: case- and accent-insensitive "contains", and a short excerpt around the match. Pure.

/** Lower case without accents, for comparing. */
export const fold = (s: string): string => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** An excerpt of `text` around the first match of the folded `query` (null when it does not match). */
export function excerpt(text: string, query: string, around = 40): string | null {
  const folded = fold(text);
  const at = folded.indexOf(query);
  if (at < 0) return null;
  // Folding can change lengths (ligatures); fall back to the start when positions no longer line up.
  const start = folded.length === text.length ? Math.max(0, at - around) : 0;
  const end = folded.length === text.length ? Math.min(text.length, at + query.length + around) : Math.min(text.length, 2 * around + query.length);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ")}${end < text.length ? "…" : ""}`;
}
