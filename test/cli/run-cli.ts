// Builds the `parley` command once into a temp dir and runs it as a child process, as a person would.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

/** How one run of the command ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A built command and its clean-up. */
export interface BuiltCli {
  run(args: string[], options?: { stdin?: string; env?: Record<string, string> }): Promise<CliResult>;
  remove(): Promise<void>;
}

/** Bundles server/cli/main.ts with its dependencies, so it runs from a temp dir without dist/. */
export async function buildCli(): Promise<BuiltCli> {
  const dir = await mkdtemp(join(tmpdir(), "parley-cli-build-"));
  const file = join(dir, "parley.mjs");
  await build({ entryPoints: ["server/cli/main.ts"], bundle: true, platform: "node", format: "esm", target: "node20", outfile: file, logLevel: "error",
    // CommonJS dependencies (ioredis) require Node's built-ins; an ES module bundle needs a require for them.
    banner: { js: 'import { createRequire as parleyCreateRequire } from "node:module"; const require = parleyCreateRequire(import.meta.url);' } });
  return {
    run: (args, { stdin = "", env = {} } = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [file, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        // The command may exit before reading stdin (bad arguments): that is not a test failure.
        child.stdin.on("error", () => {});
        child.stdin.end(stdin);
      }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
