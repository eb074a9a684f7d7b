// /widget.js, the one URL every site embeds: the built loader with the admins' look (bubble colour and side) written
// into it, so the bubble has it without another request (a site's data-color / data-position still win). Rendered
// and precompressed (brotli 11, gzip 9) once per look and kept in memory; browsers keep it 5 minutes, then
// revalidate by ETag, so an admin's change, like a release, reaches every site within minutes.
import express, { type Router } from "express";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { LOOK_MARKER } from "../../widget/loader/look.js";
import type { WidgetLook } from "../settings/runtime.js";
import { shortEtag } from "./etag.js";
import { negotiateCoding } from "./static-assets.js";

/** The loader's URL is in every site's tag: short, so a release or a new look reaches them; then a cheap 304 by ETag. */
export const LOADER_CACHE = "max-age=300";

interface Rendered {
  key: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * The built loader's text with, in place of its marker, `look` and the path of the panel module it imports on intent.
 * Throws when the marker is not there exactly once (a build problem).
 */
export function renderLoader(source: string, look: WidgetLook, panel: string): string {
  const quoted = JSON.stringify(LOOK_MARKER);
  const parts = source.split(quoted);
  if (parts.length !== 2) throw new Error(`widget.js must contain ${quoted} exactly once (found ${parts.length - 1})`);
  return parts.join(JSON.stringify(`${look.color} ${look.position} ${panel}`));
}

/** Serves /widget.js from `publicDir` (read once, at startup) with the current `look()` and the panel module's path. Nothing when it is not built. */
export function loaderRouter(publicDir: string, look: () => WidgetLook, panel: string): Router {
  const router = express.Router();
  const file = join(publicDir, "widget.js");
  if (!existsSync(file)) return router;
  const source = readFileSync(file, "utf8");
  renderLoader(source, look(), panel);
  let cached: Rendered | null = null;
  const current = (): Rendered => {
    const now = look();
    const key = `${now.color} ${now.position}`;
    if (cached?.key === key) return cached;
    const identity = Buffer.from(renderLoader(source, now, panel));
    const br = brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
    return (cached = { key, etag: shortEtag(identity), identity, br, gzip: gzipSync(identity, { level: 9 }) });
  };
  router.get("/widget.js", (req, res) => {
    const r = current();
    const coding = negotiateCoding(req.get("accept-encoding"), ["br", "gzip"]);
    // The loader is built ASCII-only: no charset parameter (setHeader, as res.set would add one); no referrer
    // policy (it means nothing on a script).
    res.setHeader("Content-Type", "text/javascript");
    res.set({ "Cache-Control": LOADER_CACHE, Vary: "Accept-Encoding", ETag: r.etag });
    if (coding) res.set("Content-Encoding", coding);
    res.send(coding ? r[coding] : r.identity);
  });
  return router;
}
