// Size benchmark: the bytes a visitor downloads. The loader (the only script on the host page) has a 2 KB gzip
// goal; the chat app loads only when the bubble is opened. Reads the built bundles in dist/public.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { table, type Benchmark } from "./benchmark.js";

const BUNDLES = [
  { name: "widget.js (loader, on every page)", file: "widget.js", goal: 2048 },
  { name: "chat.js (on opening the bubble)", file: "assets/chat.js", goal: null },
  { name: "chat.css", file: "assets/chat.css", goal: null },
  { name: "console.js (agents)", file: "assets/console.js", goal: null },
  { name: "console.css", file: "assets/console.css", goal: null },
];

export const sizeBenchmark: Benchmark = {
  about: "bytes of the built browser bundles, raw and gzip, against the loader's 2 KB gzip goal",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
    const publicDir = fileURLToPath(new URL("../public/", import.meta.url));
    const rows = await Promise.all(
      BUNDLES.map(async (b) => {
        const bytes = await readFile(publicDir + b.file);
        return { ...b, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      }),
    );
    if (values.json) {
      console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r.file, { raw: r.raw, gzip: r.gzip, goal: r.goal }]))));
      return;
    }
    console.log(
      table([
        ["bundle", "raw bytes", "gzip bytes", "goal (gzip)"],
        ...rows.map((r) => [r.name, String(r.raw), String(r.gzip), r.goal ? `${r.goal} ${r.gzip <= r.goal ? "met" : `MISSED by ${r.gzip - r.goal}`}` : "—"]),
      ]),
    );
  },
};
