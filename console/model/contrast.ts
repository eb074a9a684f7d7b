// WCAG contrast between a colour and white text (the widget's header and buttons). Pure.

const channel = (hex: string, at: number) => {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** The contrast ratio of white on `#rrggbb` (1 to 21). */
export function contrastWithWhite(color: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return 1;
  const luminance = 0.2126 * channel(color, 1) + 0.7152 * channel(color, 3) + 0.0722 * channel(color, 5);
  return 1.05 / (luminance + 0.05);
}
