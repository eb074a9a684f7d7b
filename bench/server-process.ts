// The real built server (dist/server/index.js) as a child process for benchmarks that restart it or watch it
// over time: a free port, start (resolves once /healthz answers), SIGTERM stop, and what /proc and /metrics say.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../server/index.js", import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the server with `env` on top of the basics; resolves once it answers /healthz. */
export function startServer(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err = (err + d).slice(-2000)));
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok && (clearInterval(check), resolve(child)), () => {});
    }, 20);
    child.once("exit", (code) => {
      clearInterval(check);
      reject(new Error(`server exited with ${code}: ${err.trim()}`));
    });
  });
}

/** SIGTERM, resolved when the process has exited. */
export const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

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
