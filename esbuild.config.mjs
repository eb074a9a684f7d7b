// Builds everything Parley runs: the Node server, CLI and benchmarks (Node 20 cannot run .ts),
// and the browser bundles (the tiny loader, the chat iframe app, the self-service pages, the agent console).
// Browser assets get content-hashed names (served as immutable), a manifest the server reads to write their URLs
// into pages, and precompressed .br and .gz copies the server sends to browsers that accept them.
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const watch = process.argv.includes("--watch");
const common = { bundle: true, sourcemap: true, logLevel: watch ? "info" : "warning" };

const node = {
  ...common,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outdir: "dist",
  outbase: ".",
  entryPoints: [
    "server/index.ts",
    "server/cli/main.ts",
    "bench/run.ts",
    "bench/simulate.ts",
    // The README's console screenshots (npm run screenshot).
    "scripts/screenshot.ts",
    // The load benchmark's own processes: a load generator, the bare relay, and the probe preloaded into measured servers.
    "bench/load/driver.ts",
    "bench/load/relay.ts",
    "bench/load/probe.ts",
  ],
};

const browser = {
  ...common,
  platform: "browser",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  charset: "utf8",
  jsx: "automatic",
  jsxImportSource: "preact",
  define: { "process.env.NODE_ENV": '"production"' },
};

const PUBLIC = "dist/public";
const appBuild = {
  ...browser,
  format: "esm",
  splitting: true,
  metafile: true,
  outdir: `${PUBLIC}/assets`,
  entryNames: "[name]-[hash]",
  chunkNames: "c/[name]-[hash]",
  assetNames: "[name]-[hash]",
};
await rm(`${PUBLIC}/assets`, { recursive: true, force: true });

// Socket.IO's client, which the chat fetches with the first message, as a bundle of its own: built with the chat, the
// helper it needs (and no other chunk does) became a tiny chunk shared with the chat, one more request on opening it.
const sio = await build({ ...browser, format: "esm", metafile: true, entryPoints: { sio: "socket.io-client" }, outdir: `${PUBLIC}/assets/c`, entryNames: "[name]-[hash]" });
const sioUrl = "/" + relative(PUBLIC, Object.keys(sio.metafile.outputs).find((f) => f.endsWith(".js"))).split("\\").join("/");
/** Resolves the chat's `import("socket.io-client")` to that bundle's URL. */
const sioAsUrl = { name: "socket.io-client-url", setup: (b) => b.onResolve({ filter: /^socket\.io-client$/ }, () => ({ path: sioUrl, external: true })) };

const [, , ...built] = await Promise.all([
  build(node),
  // The loader a site's script tag fetches: plain DOM, no Preact, no Socket.IO (held to 2 KB on the wire). Its URL
  // is the one thing sites embed, so it keeps its name (and a short cache); everything it loads is hashed.
  // No "use strict" prologue (every byte of the loader counts; the code is strict-safe and type-checked as strict).
  // Its `import()` of the panel takes a URL only known at run time (the server writes it in): esbuild leaves it alone.
  build({ ...browser, charset: "ascii", format: "iife", entryPoints: { widget: "widget/embed.ts" }, outdir: PUBLIC, sourcemap: false, tsconfigRaw: { compilerOptions: { alwaysStrict: false } } }),
  // The apps, as ES modules with on-demand chunks (the chat's Help/Feedback/Verify tabs and each
  // dictionary load when first needed). The self-service pages share the chat's components.
  // One build per app: everything an app needs at once is then in its one script (one request, compressed as a
  // whole); only what loads on demand is a chunk. Apps share no files (each page loads one app).
  build({ ...appBuild, entryPoints: { chat: "widget/app/main.tsx" }, plugins: [sioAsUrl] }),
  // The loader's panel (the chat iframe, its bridge, the unread count): an ES module widget.js imports on intent,
  // so that pages where nobody opens the chat load only the bubble. Its URL is written into widget.js by the server.
  build({ ...appBuild, splitting: false, entryPoints: { panel: "widget/loader/panel.ts" } }),
  build({ ...appBuild, entryPoints: { selfservice: "widget/selfservice/main.tsx" } }),
  build({ ...appBuild, entryPoints: { console: "console/main.tsx" } }),
  // The stylesheet of what the chat loads later (widget/app/later.css): linked by that module, not by the page.
  build({ ...browser, metafile: true, entryPoints: { later: "widget/app/later.css" }, outdir: `${PUBLIC}/assets`, entryNames: "[name]-[hash]" }),
]);
const laterCss = built.pop();
if (process.env.METAFILE) await writeFile(process.env.METAFILE, JSON.stringify(built.map((b) => b.metafile)));
const manifest = Object.assign({}, ...built.map((b) => manifestOf(b.metafile)));
manifest.chat.laterCss = "/" + relative(PUBLIC, Object.keys(laterCss.metafile.outputs).find((f) => f.endsWith(".css"))).split("\\").join("/");
await writeFile(`${PUBLIC}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");

/**
 * For the app of one build: its script, its stylesheet, the chunks it imports at once (to preload), and the chunk
 * of each dictionary (so that a page can preload the visitor's language). URLs are absolute paths.
 */
function manifestOf(metafile) {
  const url = (file) => "/" + relative(PUBLIC, file).split("\\").join("/");
  const outputs = metafile.outputs;
  const staticImports = (file, seen = new Set()) => {
    for (const i of outputs[file].imports) {
      if (i.kind !== "import-statement" || seen.has(i.path)) continue;
      seen.add(i.path);
      staticImports(i.path, seen);
    }
    return seen;
  };
  const dictionaries = {};
  let app = null;
  for (const [file, out] of Object.entries(outputs)) {
    const dict = /widget\/app\/i18n\/([a-z]{2})\.ts$/.exec(out.entryPoint ?? "")?.[1];
    if (dict) dictionaries[dict] = url(file);
    const name = /assets\/([a-z]+)-[A-Z0-9]+\.js$/.exec(file)?.[1];
    if (name && out.entryPoint) app = [name, { js: url(file), css: out.cssBundle ? url(out.cssBundle) : null, preload: [...staticImports(file)].map(url) }];
  }
  return { [app[0]]: { ...app[1], dictionaries } };
}

// Static pages are copied as they are.
await mkdir(`${PUBLIC}/demo`, { recursive: true });
for (const name of await readdir("demo")) await copyFile(`demo/${name}`, `${PUBLIC}/demo/${name}`);

// Precompressed copies beside each text asset, at the highest settings (done once, at build time).
const br = promisify(brotliCompress);
const gz = promisify(gzip);
const texts = [`${PUBLIC}/widget.js`, ...(await readdir(`${PUBLIC}/assets`, { recursive: true })).map((f) => join(`${PUBLIC}/assets`, f))].filter((f) =>
  /\.(js|css|map)$/.test(f),
);
await Promise.all(
  texts.map(async (file) => {
    const bytes = await readFile(file);
    const [b, g] = await Promise.all([
      br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      gz(bytes, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${file}.br`, b), writeFile(`${file}.gz`, g)]);
  }),
);
