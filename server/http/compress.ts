// Compresses Parley's own HTML pages and JSON answers (not files: those are precompressed at build time, see
// static-assets.ts) when the browser accepts it. Small bodies go out as they are: below 256 bytes the
// two headers compression adds (Content-Encoding, Vary: 45 bytes) cost about what it saves.
//
// JSON answers vary and use brotli's fast setting. A page is sent each time a widget opens (the chat page with its
// boot data), and the same page repeats until its data changes (the queues it carries are cached for seconds): a page
// up to PAGE_MAX_BYTES gets brotli's best setting — about 100 bytes less on the chat page than the fast one, for
// about 5 ms — and is kept for the requests that follow (the last PAGE_CACHE distinct pages). At most
// BEST_PER_SECOND pages a second are compressed that way (a client varying the query to defeat the cache gets the
// fast setting, not 5 ms of CPU per request).
import type { RequestHandler } from "express";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { negotiateCoding, type Coding } from "./static-assets.js";

const MIN_BYTES = 256;
export const PAGE_MAX_BYTES = 16 * 1024;
export const PAGE_CACHE = 32;
export const BEST_PER_SECOND = 20;

const fast = (coding: Coding, body: string): Buffer =>
  coding === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body, { level: 6 });

const best = (coding: Coding, body: string): Buffer =>
  coding === "br"
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } })
    : gzipSync(body, { level: 9 });

/** Pages compressed at the best setting, most recently used last; and this second's allowance of new ones. */
export function createPageCompressor(clock: () => number = Date.now) {
  const pages = new Map<string, Buffer>();
  let second = -1;
  let left = 0;
  return (coding: Coding, body: string): Buffer => {
    if (Buffer.byteLength(body) > PAGE_MAX_BYTES) return fast(coding, body);
    const key = `${coding}\0${body}`;
    let out = pages.get(key);
    if (out) {
      pages.delete(key);
      pages.set(key, out);
      return out;
    }
    const now = Math.floor(clock() / 1000);
    if (now !== second) (second = now), (left = BEST_PER_SECOND);
    if (left === 0) return fast(coding, body);
    left--;
    out = best(coding, body);
    pages.set(key, out);
    if (pages.size > PAGE_CACHE) pages.delete(pages.keys().next().value!);
    return out;
  };
}

const compressPage = createPageCompressor();

/** Wraps `res.send` for text/html and application/json strings: brotli or gzip, with `Vary`. */
export const compressResponses: RequestHandler = (req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const type = String(res.get("Content-Type") ?? "");
    if (typeof body !== "string" || Buffer.byteLength(body) < MIN_BYTES || res.get("Content-Encoding") || !/^(text\/html|application\/json)/.test(type)) return send(body);
    res.vary("Accept-Encoding");
    const coding = negotiateCoding(req.get("accept-encoding"), ["br", "gzip"]);
    if (!coding) return send(body);
    res.set("Content-Encoding", coding);
    return send(type.startsWith("text/html") ? compressPage(coding, body) : fast(coding, body));
  };
  next();
};
