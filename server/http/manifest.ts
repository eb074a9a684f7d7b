// The build's manifest (dist/public/manifest.json, written by esbuild.config.mjs): which hashed files make up each
// browser app, so that pages name them. Read once at startup.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One browser app's files, as absolute URL paths. */
export interface AppAssets {
  js: string;
  css: string | null;
  /** Chunks the script imports at once: preloaded so they arrive in parallel with it. */
  preload: string[];
  /** The chunk of each UI language's text, by primary language subtag (apps that load them on demand). */
  dictionaries: Record<string, string>;
  /** The chat: the stylesheet of what it loads later, named in a <meta> for that module to link (not loaded with the page). */
  laterCss?: string;
}

/** The build's apps, by name ("chat", "selfservice", "console"). */
export type AssetManifest = Record<string, AppAssets>;

/** The manifest in `publicDir`, or null when the browser bundles are not built. */
export function readManifest(publicDir: string): AssetManifest | null {
  const file = join(publicDir, "manifest.json");
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as AssetManifest;
}

/**
 * The tags that load an app: its stylesheet, module preloads (its static chunks, and `also`, e.g. the visitor's
 * dictionary), and its module script. Empty when the app is not built.
 */
export function appTags(manifest: AssetManifest | null, app: string, also: string[] = []): string {
  const a = manifest?.[app];
  if (!a) return "";
  const preload = [...a.preload, ...also].map((href) => `<link rel="modulepreload" href="${href}">`).join("");
  const later = a.laterCss ? `<meta name="parley-later-css" content="${a.laterCss}">` : "";
  return (a.css ? `<link rel="stylesheet" href="${a.css}">` : "") + later + preload + `<script type="module" src="${a.js}"></script>`;
}
