// The loader's settings, read from its own <script> tag. Pure functions over what they are given.
import { inkOn } from "../bridge/color.js";
import { LOOK_MARKER } from "./look.js";

/** What the site chose with data- attributes, and where the chat server lives. */
export interface LoaderConfig {
  /** The chat server's origin: where widget.js came from. */
  origin: string;
  /** `data-language`, else the page's `<html lang>` (the chat app checks it against its languages). */
  language: string;
  /** `"left"` or `"right"` (`data-position`). */
  side: string;
  color: string;
  /** Black or white: the bubble icon's colour, readable on `color`. */
  ink: string;
  openOnLoad: boolean;
  /** The panel module's path on the chat server (written into the loader by the server; "" when not served by it). */
  panel: string;
}

/** The bubble colour when `data-color` is missing or not a hex colour. */
export const DEFAULT_COLOR = "#1f5fbf";

/** A `#rgb` / `#rrggbb` colour, or `fallback`. */
export const hexColor = (value: string | undefined, fallback = DEFAULT_COLOR): string => (/^#([\da-f]{3}){1,2}$/i.test(value ?? "") ? value! : fallback);

/** The script tag that loaded us (`currentScript` is set while a classic script, async or not, first runs). */
export function findScript(doc: Document): HTMLScriptElement | undefined {
  const current = doc.currentScript as HTMLScriptElement | null;
  return current?.src ? current : undefined;
}

/**
 * Reads the data- attributes of the loader's script tag over `look`, the admins' "<colour> <side>" the server wrote
 * into the loader: a valid data-color / data-position wins, then the admins' look, then the defaults.
 */
export function readConfig(script: { src: string; dataset: DOMStringMap }, htmlLang: string, look: string = LOOK_MARKER): LoaderConfig {
  const d = script.dataset;
  const [adminColor, adminSide, panel = ""] = look.split(" ");
  const color = hexColor(d.color, hexColor(adminColor));
  return {
    origin: new URL(script.src).origin,
    language: d.language || htmlLang,
    side: d.position == "left" || (d.position != "right" && adminSide == "left") ? "left" : "right",
    color,
    ink: inkOn(color),
    openOnLoad: d.open == "true",
    panel,
  };
}
