// Parley nodes as separate OS processes (`node dist/server/index.js`, built by `node esbuild.config.mjs`) on one Redis,
// each with its own DATA_DIR and a shared UPLOAD_DIR, as docs/deployment.md runs them; killed by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeAllSockets } from "./clients.js";
import { startRedis, type RedisServer } from "./redis.js";

const entry = join(process.cwd(), "dist/server/index.js");

export interface NodeProcess {
  url: string;
  pid: number;
  /** The last 64 KB of what it logged (JSON lines on stdout). */
  output(): string;
  /** What its /healthz says: its node id and whether it runs the desk. */
  health(): Promise<{ node: string; desk: boolean; status: number }>;
  /** SIGSTOP: the process stops where it is (its connections stay open), as in a long pause. */
  freeze(): void;
  /** SIGCONT after `freeze`. */
  thaw(): void;
  /** SIGKILL: no goodbye to sockets or Redis, nothing released. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** (Thawed first if frozen.) SIGTERM (graceful), then SIGKILL if it is still there after 20 s; removes its DATA_DIR. */
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
  let frozen = false;
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, name);
  };
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
    freeze: () => {
      frozen = true;
      signal("SIGSTOP");
    },
    thaw: () => {
      frozen = false;
      signal("SIGCONT");
    },
    kill,
    stop: async () => {
      if (frozen) signal("SIGCONT");
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

/**
 * For a describe block: a redis-server started before its tests, and `start(env)` for node processes on it; after
 * the tests, every socket the tests opened is closed, the nodes are stopped (thawed first) and Redis is stopped.
 */
export function nodeProcessesOnRedis() {
  let redis: RedisServer | null = null;
  const nodes: NodeProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    closeAllSockets();
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
  });
  const running = () => {
    if (!redis) throw new Error("Redis is started in beforeAll: use it inside a test");
    return redis;
  };
  return {
    redis: running,
    /** Starts a node process (its stop is left to the block's end). */
    start: async (env: Record<string, string>) => {
      const node = await startNodeProcess(env);
      nodes.push(node);
      return node;
    },
  };
}
