// The hashed browser files, as browsers should get them: the precompressed copy (.br, else .gz) the browser accepts,
// with `Vary: Accept-Encoding`, else the file itself, cached for a year as immutable (no ETag: a hashed name never
// changes content, so there is nothing to revalidate). Only files found at startup are served (no file path is built
// from the request), and source maps only when SERVE_SOURCE_MAPS is set. The loader, /widget.js, is loader.ts.
import express, { type Router } from "express";
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { extname, join } from "node:path";

// No charset parameter (15 bytes on every file): every script here is an ES module, which browsers always decode as
// UTF-8; stylesheets take the encoding of the UTF-8 page that links them; JSON (source maps) is UTF-8 by definition.
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".map": "application/json",
};
/** Hashed names never change content. */
export const IMMUTABLE = "max-age=31536000, immutable";

/** The content codings Parley precompresses, best first, with the suffix of their file. */
const CODINGS = [
  ["br", ".br"],
  ["gzip", ".gz"],
] as const;
export type Coding = (typeof CODINGS)[number][0];

interface Entry {
  file: string;
  type: string;
  cache: string;
  codings: Coding[];
}

/**
 * The coding to send for an `Accept-Encoding` header among those available: the highest q-value, ties to the
 * first available (brotli); null for identity (absent header, `identity`, or `q=0` for everything on offer).
 */
export function negotiateCoding(header: string | undefined, available: readonly Coding[]): Coding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Coding | null = null;
  let bestQ = 0;
  for (const coding of available) {
    const value = q.get(coding) ?? q.get("*") ?? 0;
    if (value > bestQ) [best, bestQ] = [coding, value];
  }
  return best;
}

function indexFiles(publicDir: string, serveSourceMaps: boolean): Map<string, Entry> {
  const index = new Map<string, Entry>();
  const add = (urlPath: string, file: string, cache: string) => {
    const type = TYPES[extname(file)];
    if (!type || (!serveSourceMaps && file.endsWith(".map"))) return;
    index.set(urlPath, { file, type, cache, codings: CODINGS.filter(([, suffix]) => existsSync(file + suffix)).map(([coding]) => coding) });
  };
  const assets = join(publicDir, "assets");
  if (existsSync(assets)) {
    for (const rel of readdirSync(assets, { recursive: true, encoding: "utf8" })) add(`/assets/${rel.split("\\").join("/")}`, join(assets, rel), IMMUTABLE);
  }
  return index;
}

/** Serves /assets/… from the build in `publicDir` (read once, at startup). */
export function staticAssetsRouter(publicDir: string, options: { serveSourceMaps: boolean; crossOrigin?: string[] }): Router {
  const index = indexFiles(publicDir, options.serveSourceMaps);
  const router = express.Router();
  router.get("/assets/{*path}", (req, res, next) => {
    const entry = index.get(req.path);
    if (!entry) return next();
    const coding = negotiateCoding(req.get("accept-encoding"), entry.codings);
    const suffix = CODINGS.find(([c]) => c === coding)?.[1] ?? "";
    res.set({ "Cache-Control": entry.cache, Vary: "Accept-Encoding" });
    // setHeader: res.set would add the charset parameter back.
    res.setHeader("Content-Type", entry.type);
    if (options.crossOrigin?.includes(req.path)) res.set("Access-Control-Allow-Origin", "*");
    if (coding) res.set("Content-Encoding", coding);
    // Streamed as it is (not res.sendFile, which always adds an ETag and Last-Modified: bytes for nothing here).
    const file = entry.file + suffix;
    stat(file).then(
      ({ size }) => {
        res.set("Content-Length", String(size));
        if (req.method === "HEAD") return void res.end();
        pipeline(createReadStream(file), res).catch(() => res.destroy());
      },
      (err: unknown) => next(err),
    );
  });
  return router;
}
