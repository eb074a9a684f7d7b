// Builds everything Parley runs: the Node server, CLI and benchmarks (Node 20 cannot run .ts),
// and the browser bundles (the tiny loader, the chat iframe app, the self-service pages, the agent console).
import { build } from "esbuild";
import { mkdir, copyFile, readdir } from "node:fs/promises";

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
    // The load benchmark's own processes: a load generator, the bare relay, and the probe preloaded into measured servers.
    "bench/load/driver.ts",
    "bench/load/relay.ts",
    "bench/load/probe.ts",
  ],
};

const browser = {
  ...common,
  platform: "browser",
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  define: { "process.env.NODE_ENV": '"production"' },
};

await Promise.all([
  build(node),
  // The loader a site's script tag fetches: plain DOM, no Preact, no Socket.IO (held to 2 KB gzip).
  // No "use strict" prologue (every byte of the loader counts; the code is strict-safe and type-checked as strict).
  build({ ...browser, entryPoints: { "widget": "widget/embed.ts" }, outdir: "dist/public", sourcemap: false, tsconfigRaw: { compilerOptions: { alwaysStrict: false } } }),
  build({ ...browser, entryPoints: { "chat": "widget/app/main.tsx" }, outdir: "dist/public/assets" }),
  // The self-service pages (/support/new, /support/t/<token>, /feedback, /verify), sharing the chat's components.
  build({ ...browser, entryPoints: { "selfservice": "widget/selfservice/main.tsx" }, outdir: "dist/public/assets" }),
  build({ ...browser, entryPoints: { "console": "console/main.tsx" }, outdir: "dist/public/assets" }),
]);

// Static pages are copied as they are.
await mkdir("dist/public/demo", { recursive: true });
for (const name of await readdir("demo")) await copyFile(`demo/${name}`, `dist/public/demo/${name}`);
