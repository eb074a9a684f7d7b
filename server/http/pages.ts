// The pages Parley serves: the demo site, the chat iframe, the console, and the static bundles.
import express, { type Router } from "express";
import { join } from "node:path";
import type { Config } from "../config.js";

const page = (title: string, bundle: string, lang = "en") =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/${bundle}.css"></head>` +
  `<body><div id="app"></div><script src="/assets/${bundle}.js"></script></body></html>`;

const csp = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self' ws: wss:",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

export function pagesRouter(config: Config, publicDir: string): Router {
  const router = express.Router();
  const embedders = config.embedOrigins === "*" ? "*" : config.embedOrigins.join(" ") || "'none'";

  router.get("/chat", (_req, res) => {
    res.set("Content-Security-Policy", csp(embedders)).type("html").send(page("Chat", "chat"));
  });
  router.get("/console", (_req, res) => {
    res.set({ "Content-Security-Policy": csp("'none'"), "X-Frame-Options": "DENY" }).type("html").send(page("Parley console", "console"));
  });
  // Self-service pages (tickets, feedback, verification) stand alone: never framed.
  const standalone = { "Content-Security-Policy": csp("'none'"), "X-Frame-Options": "DENY" };
  for (const [path, title] of [["/support/new", "Contact support"], ["/feedback", "Feedback"], ["/verify", "Verify an account"]] as const) {
    router.get(path, (_req, res) => res.set(standalone).type("html").send(page(title, "selfservice")));
  }
  // The path holds the ticket's secret token: it must not leave in a Referer header, nor be cached.
  router.get("/support/t/:token", (_req, res) => {
    res.set({ ...standalone, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" }).type("html").send(page("Your ticket", "selfservice"));
  });
  router.get("/widget.js", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").sendFile(join(publicDir, "widget.js"));
  });
  router.use("/assets", express.static(join(publicDir, "assets"), { maxAge: "5m", fallthrough: false }));
  router.get("/", (_req, res) => res.sendFile(join(publicDir, "demo", "index.html")));
  router.use("/demo", express.static(join(publicDir, "demo"), { fallthrough: false }));
  return router;
}
