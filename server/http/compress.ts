// Compresses Parley's own HTML pages and JSON answers (not files: those are precompressed at build time, see
// static-assets.ts) when the browser accepts it. Small bodies go out as they are: below 256 bytes the
// two headers compression adds (Content-Encoding, Vary: 45 bytes) cost about what it saves.
import type { RequestHandler } from "express";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { negotiateCoding } from "./static-assets.js";

const MIN_BYTES = 256;

/** Wraps `res.send` for text/html and application/json strings: brotli (fast setting) or gzip, with `Vary`. */
export const compressResponses: RequestHandler = (req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const type = String(res.get("Content-Type") ?? "");
    if (typeof body !== "string" || Buffer.byteLength(body) < MIN_BYTES || res.get("Content-Encoding") || !/^(text\/html|application\/json)/.test(type)) return send(body);
    res.vary("Accept-Encoding");
    const coding = negotiateCoding(req.get("accept-encoding"), ["br", "gzip"]);
    if (!coding) return send(body);
    res.set("Content-Encoding", coding);
    return send(
      coding === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body, { level: 6 }),
    );
  };
  next();
};
