// Parley nodes as separate OS processes (`node dist/server/index.js`, built by `node esbuild.config.mjs`) on one Redis,
// each with its own DATA_DIR and a shared UPLOAD_DIR, as docs/deployment.md runs them; killed by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const entry = join(process.cwd(), "dist/server/index.js");

export interface NodeProcess {
  url: string;
  pid: number;
  /** The last 64 KB of what it logged (JSON lines on stdout). */
  output(): string;
  /** What its /healthz says: its node id and whether it runs the desk. */
  health(): Promise<{ node: string; desk: boolean; status: number }>;
  /** SIGKILL: no goodbye to sockets or Redis, nothing released. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL if it is still there after 20 s; removes its DATA_DIR. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/** Starts one node on a free port (PORT=0) and resolves once it listens. */
export async function startNodeProcess(env: Record<string, string>): Promise<NodeProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "parley-proc-node-"));
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err = (err + d).slice(-4000)));
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out = (out + d).slice(-65_536)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /"port":(\d+)[^\n]*Parley is listening/.exec(out);
      if (!match) return;
      child.stdout!.off("data", onData);
      resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`node exited with ${code} before listening:\n${out.slice(-2000)}\n${err}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
    await exited(child);
  };
  return {
    url,
    pid: child.pid!,
    output: () => out,
    health: async () => {
      const res = await fetch(`${url}/healthz`);
      const body = (await res.json()) as { node: string; desk: boolean };
      return { node: body.node, desk: body.desk, status: res.status };
    },
    kill,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, "SIGTERM");
        const timer = setTimeout(() => void kill(), 20_000);
        await exited(child);
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
