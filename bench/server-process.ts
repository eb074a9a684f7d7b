// The real built server (dist/server/index.js) as a child process, for the benchmarks that restart it or watch it over
// time and for the tests that kill it and start it again on the same DATA_DIR and port (test/helpers/child-server.ts):
// a free port, start (resolves once /healthz answers), SIGTERM stop, the exit, and what /proc and /metrics say.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The build output (dist/ beside package.json), found from this module whether it runs bundled in dist/bench/*.js
 * or as source under vitest: the server always runs built.
 */
export function distDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, "package.json")); i++) dir = dirname(dir);
  return join(dir, "dist");
}

/** A TCP port nobody listens on right now (on the loopback interface). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

export interface StartOptions {
  /** On top of PATH, PORT, HOST=127.0.0.1, DATA_DIR and LOG_LEVEL=warn. */
  env?: Record<string, string>;
  /** Node options before the entry, e.g. `["--import", preload]`. */
  nodeArgs?: string[];
  /** The child is pushed here as soon as it is spawned (so a test's clean-up finds one that never got ready). */
  children?: ChildProcess[];
}

/** Starts the built server on `port` and `dataDir`; resolves once it answers /healthz, rejects if it exits first. */
export function startServer(port: number, dataDir: string, options: StartOptions = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(distDir(), "server/index.js")], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...options.env },
    // The logs (stdout) go nowhere: writes to a pipe are synchronous on Linux, and a reader that lags would slow the
    // measured server. stderr is kept for the error message.
    stdio: ["ignore", "ignore", "pipe"],
  });
  options.children?.push(child);
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString("utf8")).slice(-4000)));
  return new Promise((resolve, reject) => {
    // Any answer means it listens (503 is a cluster node that is still finding its Redis).
    const check = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/healthz`).then(() => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        clearInterval(check);
        resolve(child);
      }, () => {});
    }, 20);
    child.once("exit", (code, signal) => {
      clearInterval(check);
      reject(new Error(`server exited with ${code ?? signal}: ${err.trim()}`));
    });
  });
}

/** Resolves with how the child ended (the signal, or null and the exit code) once it has exited. */
export const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

/** SIGTERM, resolved when the process has exited. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exitOf(child);
}

/** Resident memory of a process, in bytes (0 when unknown). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** Figures from GET /metrics: event-loop delay p99 (ms) and open connections per namespace. */
export async function serverFigures(url: string): Promise<{ loopP99Ms: number; connections: Record<string, number> }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const connections: Record<string, number> = {};
  for (const m of text.matchAll(/^parley_connections\{namespace="([^"]+)"\} (\d+)/gm)) connections[m[1]!] = Number(m[2]);
  return { loopP99Ms: Number(/parley_event_loop_delay_seconds\{quantile="0\.99"\} ([\d.e+-]+)/.exec(text)?.[1] ?? Number.NaN) * 1000, connections };
}
