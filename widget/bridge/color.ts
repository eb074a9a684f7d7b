// Colours a site chooses with data-color, made readable (WCAG 2 contrast). The loader uses `inkOn` for the bubble's
// icon; the chat panel also uses `darkenTo` for the colour where it is text on white (links, selected tab).

/** `#rgb` → `#rrggbb`; `#rrggbb` unchanged. */
const long = (hex: string) => (hex.length == 4 ? hex.replace(/\w/g, "$&$&") : hex);

/** WCAG 2 relative luminance of a `#rgb` / `#rrggbb` colour (0 black … 1 white). */
export function luminance(hex: string): number {
  const h = long(hex);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Black or white, whichever reads better on `hex` (at least 4.58:1 whatever the colour). */
export const inkOn = (hex: string): string => (luminance(hex) > 0.179 ? "#000" : "#fff");

/** `hex`, darkened in small steps until it has at least `ratio` against white (e.g. for links on a white panel). */
export function darkenTo(hex: string, ratio = 4.5): string {
  let [r, g, b] = [1, 3, 5].map((i) => parseInt(long(hex).slice(i, i + 2), 16));
  let out = long(hex).toLowerCase();
  while (contrast(out, "#fff") < ratio) {
    [r, g, b] = [r!, g!, b!].map((c) => Math.floor(c * 0.92));
    out = "#" + [r!, g!, b!].map((c) => c.toString(16).padStart(2, "0")).join("");
  }
  return out;
}

/** `hex` mixed with white, `share` of it kept (0 … 1): a light tint that dark text reads on. */
export function tint(hex: string, share: number): string {
  return "#" + [1, 3, 5].map((i) => Math.round(255 - (255 - parseInt(long(hex).slice(i, i + 2), 16)) * share).toString(16).padStart(2, "0")).join("");
}
