// What the widget benchmark runs against: the real server (built bundles in dist/public) on one loopback origin,
// and a plain shop page that embeds it with the one-tag snippet on another origin (a different site, as in real life).
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { createApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { createMemoryStore } from "../../server/store/memory.js";

export interface Stage {
  /** The Parley origin, e.g. http://127.0.0.1:41234. */
  parley: string;
  /** The shop page that embeds the widget. */
  hostPage: string;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));

/** Starts both servers. The shop page records when the bubble is ready (`__bubbleAt`, ms after navigation start). */
export async function startStage(): Promise<Stage> {
  const dataDir = await mkdtemp(join(tmpdir(), "parley-bench-"));
  // PUBLIC_URL is the server's real address (the port is bound first and handed over), as in production: the chat
  // page's CSP and the socket Origin check then name the origin the browser really uses.
  const bound = createNetServer();
  const port = await new Promise<number>((resolve) => bound.listen(0, "127.0.0.1", () => resolve((bound.address() as AddressInfo).port)));
  const parley = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_URL: parley });
  const publicDir = fileURLToPath(new URL("../public", import.meta.url));
  const app = await createApp({ config, store: createMemoryStore(), logger: pino({ level: "silent" }), publicDir });
  await new Promise<void>((resolve) => app.http.listen(bound, resolve));
  // "ready" fires when the bubble is in the page; the next animation frame is when it is painted.
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>A shop</h1><p>Products…</p>` +
    `<script>window.Parley={q:[["on","ready",function(){requestAnimationFrame(function(){window.__bubbleAt=performance.now()})}]]}</script>` +
    `<script src="${parley}/widget.js" async></script></body></html>`;
  const shop = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html));
  const hostPage = `http://localhost:${await listen(shop)}/`;
  return {
    parley,
    hostPage,
    async close() {
      await new Promise((resolve) => shop.close(resolve));
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
