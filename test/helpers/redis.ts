// A real redis-server for tests (bench/redis-server.ts, shared with the load benchmark): started on a free port,
// nothing persisted unless asked, stopped by its PID. In CI a missing redis-server fails the Redis suites (.ci/run
// installs it); on a laptop they are skipped with a loud warning.
import { spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { describe } from "vitest";
import { startRedisServer } from "../../bench/redis-server.js";

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

/**
 * Starts a redis-server on a free port and waits until it answers PONG. Nothing is persisted unless `aofDir` is given
 * (then every write is in its append-only file before Redis answers, and a restart keeps the data).
 */
export async function startRedis(options: { aofDir?: string } = {}): Promise<RedisServer> {
  const server = await startRedisServer(options);
  const clients = new Set<Redis>();
  return {
    url: server.url,
    port: server.port,
    client: () => {
      const c = new Redis(server.url);
      clients.add(c);
      return c;
    },
    restart: server.restart,
    kill: server.kill,
    start: server.start,
    stop: async () => {
      for (const c of clients) c.disconnect();
      await server.kill();
    },
  };
}
