// The site's colour (`data-color`, passed as `?color=rrggbb`) on the whole panel: header, buttons, selected tab,
// links, the visitor's message bubbles — each with readable contrast (WCAG 2: 4.5:1 for text).
import { darkenTo, inkOn, tint } from "../../bridge/color.js";

/** The custom properties for a colour, or null when `raw` is not 3 or 6 hex digits (the default theme stays). */
export function themeFor(raw: string | null): Record<string, string> | null {
  if (!raw || !/^([\da-f]{3}){1,2}$/i.test(raw)) return null;
  const color = `#${raw.toLowerCase()}`;
  return {
    "--accent": color,
    "--accent-text": inkOn(color),
    "--accent-ink": darkenTo(color),
    "--bubble-visitor": tint(color, 0.12),
  };
}

/** Sets the theme on the page's root element. */
export function applyTheme(root: HTMLElement, raw: string | null): void {
  for (const [name, value] of Object.entries(themeFor(raw) ?? {})) root.style.setProperty(name, value);
}
