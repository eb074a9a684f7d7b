// Size benchmark: the built browser files as the server sends them (the precompressed .br and .gz beside each), per
// app: what loads at once (script, stylesheet, preloaded chunks) and, for the chat, one dictionary. File sizes only,
// without headers or API calls: `npm run bench -- widget` measures what a browser really transfers.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AssetManifest } from "../server/http/manifest.js";
import { table, type Benchmark } from "./benchmark.js";

const publicDir = fileURLToPath(new URL("../public", import.meta.url));

async function sizes(urls: string[]): Promise<{ raw: number; br: number; gzip: number }> {
  const sum = async (suffix: string) => (await Promise.all(urls.map(async (u) => (await stat(publicDir + u + suffix)).size))).reduce((a, b) => a + b, 0);
  return { raw: await sum(""), br: await sum(".br"), gzip: await sum(".gz") };
}

export const sizeBenchmark: Benchmark = {
  about: "bytes of the built browser files, raw, brotli and gzip, as the server sends them (files only, no headers)",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
    const manifest = JSON.parse(await readFile(`${publicDir}/manifest.json`, "utf8")) as AssetManifest;
    const initial = (app: string) => [manifest[app]!.js, ...(manifest[app]!.css ? [manifest[app]!.css!] : []), ...manifest[app]!.preload];
    const rows = [
      { name: "widget.js (loader, on every page)", ...(await sizes(["/widget.js"])) },
      { name: "chat: script, styles, preloaded chunks", ...(await sizes(initial("chat"))) },
      { name: "chat: English dictionary", ...(await sizes([manifest.chat!.dictionaries.en!])) },
      { name: "self-service pages (at once)", ...(await sizes(initial("selfservice"))) },
      { name: "console (at once)", ...(await sizes(initial("console"))) },
    ];
    if (values.json) {
      console.log(JSON.stringify(Object.fromEntries(rows.map(({ name, ...r }) => [name, r]))));
      return;
    }
    console.log(table([["files", "raw bytes", "brotli bytes", "gzip bytes"], ...rows.map((r) => [r.name, String(r.raw), String(r.br), String(r.gzip)])]));
  },
};
