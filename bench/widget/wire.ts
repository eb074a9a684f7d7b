// Bytes on the wire: every response from the Parley origin as Chromium received it (compressed body + headers,
// from the browser's own accounting), and WebSocket frames, grouped by what the visitor did.
import type { BrowserContext, Page } from "playwright-core";

/** One response as the browser received it. */
export interface Transfer {
  url: string;
  /** Body bytes as transferred (after Content-Encoding). */
  body: number;
  headers: number;
  encoding: string;
}

/** Records the Parley origin's responses and WebSocket frames in a browser context. */
export function recordWire(context: BrowserContext, origin: string) {
  const transfers: Transfer[] = [];
  let wsBytes = 0;
  const pending: Promise<void>[] = [];
  context.on("requestfinished", (request) => {
    if (!request.url().startsWith(origin)) return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        const encoding = (await response?.headerValue("content-encoding")) ?? "identity";
        transfers.push({ url: request.url().slice(origin.length), body: sizes.responseBodySize, headers: sizes.responseHeadersSize, encoding });
      })(),
    );
  });
  const watch = (page: Page) =>
    page.on("websocket", (ws) => {
      ws.on("framereceived", (f) => void (wsBytes += typeof f.payload === "string" ? Buffer.byteLength(f.payload) : f.payload.length));
      ws.on("framesent", (f) => void (wsBytes += typeof f.payload === "string" ? Buffer.byteLength(f.payload) : f.payload.length));
    });
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  let mark = 0;
  let wsMark = 0;
  return {
    /** The responses and WebSocket bytes since the previous call. */
    async take(): Promise<{ transfers: Transfer[]; ws: number }> {
      await Promise.all(pending.splice(0));
      const slice = { transfers: transfers.slice(mark), ws: wsBytes - wsMark };
      [mark, wsMark] = [transfers.length, wsBytes];
      return slice;
    },
  };
}

/** Body + header bytes of some responses. */
export const wireBytes = (ts: readonly Transfer[]) => ts.reduce((sum, t) => sum + t.body + t.headers, 0);
export const bodyBytes = (ts: readonly Transfer[]) => ts.reduce((sum, t) => sum + t.body, 0);
