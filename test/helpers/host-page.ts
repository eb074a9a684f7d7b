// A site that embeds the widget, on its own origin (http://localhost:<port>, another site than the Parley server on
// 127.0.0.1): serves one page with the headers a test gives it.
import { createServer } from "node:http";

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

/** Serves `html` at every path with `headers`, until `close()`. */
export async function startHostPage(html: string, headers: Record<string, string> = {}): Promise<HostPage> {
  const server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...headers }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A plain shop page with the one-tag snippet (and `attributes` on the tag). */
export const shopPage = (parley: string, attributes = "", head = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}</head><body><h1>A shop</h1>` +
  `<script src="${parley}/widget.js" async ${attributes}></script></body></html>`;
