// The pages Parley serves: the demo site, the chat iframe and the app's full-page chat, the console, the
// self-service pages, and the static bundles (hashed names from the build's manifest).
import express, { type Request, type Router } from "express";
import { join } from "node:path";
import type { Config } from "../config.js";
import { appTags, readManifest, type AssetManifest } from "./manifest.js";
import type { QueuesView } from "../protocol/views.js";
import type { RuntimeSettings } from "../settings/runtime.js";
import { loaderRouter } from "./loader.js";
import { staticAssetsRouter } from "./static-assets.js";
import { widgetConfigView, widgetSettingsView } from "./widget-views.js";

const NOT_BUILT = `<p>Parley's browser files are not built: run <code>npm run build</code>.</p>`;

// viewport-fit=cover lets the chat reach a phone's rounded corners and notch; its CSS keeps content in the safe area.
const page = (manifest: AssetManifest | null, title: string, bundle: string, preload: string[] = [], data = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">` +
  `<title>${title}</title><link rel="icon" href="data:,">${appTags(manifest, bundle, preload)}</head>` +
  `<body><div id="app">${manifest?.[bundle] ? "" : NOT_BUILT}</div>${data}</body></html>`;

/**
 * A JSON data block (not run, so no CSP allows it): `<` is escaped, so no text in it (admins' greetings) can close
 * the element.
 */
export const dataBlock = (id: string, value: unknown) => `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, "\\u003c")}</script>`;

/** The primary language subtag of a `?lang=` hint ("de-AT" → "de"), or "". */
const langHint = (req: Request) => (typeof req.query.lang === "string" ? req.query.lang.toLowerCase().split(/[-_]/)[0]! : "");

/** The chunk of the dictionary a `?lang=` hint names (checked against the build's list), to preload with the chat. */
function dictionaryPreload(manifest: AssetManifest | null, req: Request): string[] {
  const lang = langHint(req);
  const dictionaries = manifest?.chat?.dictionaries ?? {};
  const url = Object.hasOwn(dictionaries, lang) ? dictionaries[lang] : dictionaries.en;
  return url ? [url] : [];
}

/** PUBLIC_URL's origin as a WebSocket origin (http → ws, https → wss): the only place pages open sockets to. */
export const socketOrigin = (publicUrl: string) => publicUrl.replace(/^http/, "ws");

/**
 * The CSP of Parley's own pages: everything from here, sockets to PUBLIC_URL only, framed by `frameAncestors`.
 * Scripts and styles fall back to `default-src 'self'` (no inline script or style, no eval): spelling out
 * `script-src 'self'; style-src 'self'` would say the same in 38 more bytes on every page (the chat's wire budget).
 */
const csp = (frameAncestors: string, publicUrl: string) =>
  [
    "default-src 'self'",
    `connect-src 'self' ${socketOrigin(publicUrl)}`,
    // blob: for chat images, fetched with the visitor's credentials in headers (an <img> cannot send them).
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

/** The demo pages' CSP: what a customer's site needs for the widget (widget/README.md), and nothing else. */
const demoCsp = (publicUrl: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `frame-src ${publicUrl}`,
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");

export function pagesRouter(config: Config, publicDir: string, settings: Pick<RuntimeSettings, "texts" | "look">, queues: () => Promise<QueuesView>): Router {
  const router = express.Router();
  // Read per request: admins change the allowed origins at runtime.
  const embedders = () => (config.embedOrigins === "*" ? "*" : config.embedOrigins.join(" ") || "'none'");
  const manifest = readManifest(publicDir);
  // Pages name this build's hashed files: a browser must not keep one from before a release.
  const fresh = { "Cache-Control": "no-cache" };

  // The chat page carries what GET /api/widget/config, /api/widget/settings (for the hinted language) and /api/queues
  // would answer, read by widget/app/model/boot.ts: three requests fewer when the chat opens.
  const chatPage = async (req: Request) => {
    const boot = { config: widgetConfigView(config), settings: widgetSettingsView(config, settings, langHint(req)), queues: await queues() };
    return page(manifest, "Chat", "chat", dictionaryPreload(manifest, req), dataBlock("parley-boot", boot));
  };
  router.get("/chat", async (req, res) => {
    res.set({ ...fresh, "Content-Security-Policy": csp(embedders(), config.publicUrl) }).type("html").send(await chatPage(req));
  });
  // The same chat as a whole page for an app's WebView (docs/mobile.md): top level, never framed.
  router.get("/chat/app", async (req, res) => {
    res.set({ ...fresh, "Content-Security-Policy": csp("'none'", config.publicUrl), "X-Frame-Options": "DENY" }).type("html").send(await chatPage(req));
  });
  // An emailed chat answer's link: the app page on that conversation. The path holds the link's token: never in a
  // Referer, never cached.
  router.get("/chat/c/:token", (req, res) => {
    res
      .set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Content-Security-Policy": csp("'none'", config.publicUrl), "X-Frame-Options": "DENY" })
      .type("html")
      .send(page(manifest, "Chat", "chat", dictionaryPreload(manifest, req)));
  });
  router.get("/console", (_req, res) => {
    res.set({ ...fresh, "Content-Security-Policy": csp("'none'", config.publicUrl), "X-Frame-Options": "DENY" }).type("html").send(page(manifest, "Parley console", "console"));
  });
  // Self-service pages (tickets, feedback, verification) stand alone: never framed.
  const standalone = { ...fresh, "Content-Security-Policy": csp("'none'", config.publicUrl), "X-Frame-Options": "DENY" };
  for (const [path, title] of [["/support/new", "Contact support"], ["/feedback", "Feedback"], ["/verify", "Verify an account"]] as const) {
    router.get(path, (_req, res) => res.set(standalone).type("html").send(page(manifest, title, "selfservice")));
  }
  // The path holds the ticket's secret token: it must not leave in a Referer header, nor be cached.
  router.get("/support/t/:token", (_req, res) => {
    res.set({ ...standalone, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" }).type("html").send(page(manifest, "Your ticket", "selfservice"));
  });
  // The loader imports its panel module from the sites' pages, another origin: a module script needs CORS for that.
  const panel = manifest?.panel?.js ?? "";
  router.use(loaderRouter(publicDir, settings.look, panel));
  router.use(staticAssetsRouter(publicDir, { serveSourceMaps: config.serveSourceMaps, crossOrigin: panel ? [panel] : [] }));
  const demo = { "Content-Security-Policy": demoCsp(config.publicUrl) };
  router.get("/", (_req, res) => res.set(demo).sendFile(join(publicDir, "demo", "index.html")));
  router.use("/demo", (_req, res, next) => (res.set(demo), next()), express.static(join(publicDir, "demo"), { fallthrough: false }));
  return router;
}
