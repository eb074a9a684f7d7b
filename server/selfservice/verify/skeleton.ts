// Skeletons: what a handle looks like rather than what it is. Two handles with the same skeleton are hard to tell
// apart (homoglyphs, digit/letter swaps, "rn" for "m", separators). Pure.

// Letters of other scripts that look like Latin ones (after lower-casing).
const HOMOGLYPHS: Record<string, string> = {
  а: "a", б: "b", в: "b", г: "r", д: "d", е: "e", ё: "e", и: "u", к: "k", м: "m", н: "h", о: "o", п: "n", р: "p", с: "c",
  т: "t", у: "y", х: "x", ц: "u", ш: "w", щ: "w", ъ: "b", ь: "b", і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q",
  ԝ: "w", һ: "h", ӏ: "l", ɡ: "g", ɑ: "a", ı: "i", ɩ: "i", ȷ: "j", ʏ: "y", ℓ: "l",
  α: "a", β: "b", γ: "y", δ: "d", ε: "e", ζ: "z", η: "n", ι: "i", κ: "k", μ: "u", ν: "v", ο: "o", ρ: "p", σ: "o", ς: "c",
  τ: "t", υ: "u", χ: "x", ω: "w", ϲ: "c", ϳ: "j",
};

// Digits and signs used for letters. 1, i, l and | all look alike, so they share one skeleton letter.
const SWAPS: Record<string, string> = { "0": "o", "1": "l", i: "l", "|": "l", "!": "l", "3": "e", "4": "a", "@": "a", "5": "s", $: "s", "7": "t", "8": "b", "9": "g", "2": "z" };
// Pairs of letters that read as one.
const PAIRS: [RegExp, string][] = [[/rn/g, "m"], [/vv/g, "w"], [/cl/g, "d"], [/nn/g, "m"]];
const SEPARATORS = /[\s_.\-·'’]+/g;
const MARKS = /\p{M}/gu;

/** Words that are added to or dropped from an official name to make a convincing fake. */
export const AFFIXES = ["official", "officiel", "oficial", "support", "helpdesk", "help", "team", "care", "service", "desk", "real", "the", "hq", "admin", "staff", "bot", "app", "info"];

/** What `text` looks like: lower-case Latin letters and digits, lookalikes folded, separators dropped. */
export function skeleton(text: string): string {
  const folded = Array.from(text.normalize("NFKD").replace(MARKS, "").toLowerCase(), (c) => HOMOGLYPHS[c] ?? c).join("");
  const swapped = Array.from(folded, (c) => SWAPS[c] ?? c).join("").replace(SEPARATORS, "");
  return PAIRS.reduce((s, [pattern, letter]) => s.replace(pattern, letter), swapped);
}

const AFFIX_SKELETONS = [...new Set(AFFIXES.map(skeleton))].sort((a, b) => b.length - a.length);

/** The skeleton without affix words at either end (never shorter than 3 characters). */
export function core(skel: string): string {
  let s = skel;
  for (let changed = true; changed; ) {
    changed = false;
    for (const affix of AFFIX_SKELETONS) {
      if (s.length - affix.length < 3) continue;
      if (s.startsWith(affix)) s = s.slice(affix.length);
      else if (s.endsWith(affix)) s = s.slice(0, -affix.length);
      else continue;
      changed = true;
    }
  }
  return s;
}

/** True when `a` and `b` differ by exactly one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}
