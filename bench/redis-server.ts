// A real redis-server on a free loopback port, for the load benchmark's cluster targets (bench/load/redis-server.ts)
// and for the tests (test/helpers/redis.ts): started and waited for until it answers PONG, stopped by its PID.
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./server-process.js";

export interface RedisServerOptions {
  /**
   * A directory for an append-only file fsync'd on every write (`appendfsync always`: an ack means on disk, as
   * docs/deployment.md recommends; a restart keeps the data). Without it nothing is persisted.
   */
  aofDir?: string;
  /** More redis-server arguments, e.g. `["--maxmemory-policy", "noeviction"]`. */
  args?: string[];
}

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  /** The running server's PID (null while killed). */
  pid(): number | null;
  /** Kills the server (SIGKILL: like a crash) without starting another. */
  kill(): Promise<void>;
  /** Starts it again on the same port after `kill()`. */
  start(): Promise<void>;
  /** Kills it and starts a fresh one on the same port (empty, unless it has an `aofDir`). */
  restart(): Promise<void>;
}

function launch(port: number, options: RedisServerOptions): Promise<ChildProcess> {
  const persistence = options.aofDir ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", options.aofDir] : ["--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence, ...(options.args ?? [])];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start within 30 s:\n${out}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes("Ready to accept connections")) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.resume();
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start redis-server (apt-get install redis-server): ${err.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${out}`));
    });
  });
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    if ((await client.ping()) !== "PONG") throw new Error("redis-server did not answer PONG");
  } finally {
    client.disconnect();
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

/** Starts a redis-server on a free port and resolves once it answers PONG. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisProcess> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = await launch(port, options);
    await ping(url);
  };
  const kill = async () => {
    if (!child) return;
    const running = child;
    child = null;
    if (running.exitCode === null && running.signalCode === null) process.kill(running.pid!, "SIGKILL");
    await exited(running);
  };
  await start();
  return {
    url,
    port,
    pid: () => child?.pid ?? null,
    kill,
    start,
    restart: async () => {
      await kill();
      await start();
    },
  };
}
