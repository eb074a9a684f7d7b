#!/usr/bin/env node
// The `parley` command. The CLI is TypeScript, bundled by `npm install` (prepare) into dist/.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/server/cli/main.js");
if (!existsSync(cli)) execFileSync(process.execPath, [join(root, "esbuild.config.mjs")], { cwd: root, stdio: "inherit" });
await import(pathToFileURL(cli).href);
