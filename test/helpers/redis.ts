// A real redis-server for tests: started on a free port, nothing persisted, stopped by its PID. In CI a missing
// redis-server fails the Redis suites (.ci/run installs it); on a laptop they are skipped with a loud warning.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { describe } from "vitest";

const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

/** `describe` for suites that need redis-server: skipped (loudly) only outside CI when it is not installed. */
export function describeWithRedis(name: string, body: () => void): void {
  const skip = !installed && !process.env.CI;
  if (skip) console.warn(`\n*** SKIPPED "${name}": redis-server is not installed (apt-get install redis-server). CI never skips these. ***\n`);
  describe.skipIf(skip)(name, body);
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** A new client on this server (the caller quits it). */
  client(): Redis;
  /** Kills the server (SIGKILL: nothing persisted, like a crash) and starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
  /** Kills the server without starting another. */
  kill(): Promise<void>;
  /** Starts it again after `kill()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

function launch(port: number, aofDir: string | null): Promise<ChildProcess> {
  // With a directory: an append-only file fsync'd on every write (acked = on disk), as docs/deployment.md recommends.
  const persistence = aofDir ? ["--appendonly", "yes", "--appendfsync", "always", "--dir", aofDir] : ["--appendonly", "no"];
  return new Promise((resolve, reject) => {
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.resume();
    child.once("error", (err) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${err.message}`)));
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${out}`)));
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

/**
 * Starts a redis-server on a free port and waits until it answers PONG. Nothing is persisted unless `aofDir` is given
 * (then every write is in its append-only file before Redis answers, and a restart keeps the data).
 */
export async function startRedis(options: { aofDir?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const clients = new Set<Redis>();
  const start = async () => {
    child = await launch(port, options.aofDir ?? null);
    await ping(url);
  };
  const kill = async () => {
    if (!child) return;
    const running = child;
    child = null;
    process.kill(running.pid!, "SIGKILL");
    await exited(running);
  };
  await start();
  return {
    url,
    port,
    client: () => {
      const c = new Redis(url);
      clients.add(c);
      return c;
    },
    restart: async () => {
      await kill();
      await start();
    },
    kill,
    start,
    stop: async () => {
      for (const c of clients) c.disconnect();
      await kill();
    },
  };
}
