// A fresh redis-server for the cluster targets: on a free loopback port, its append-only file fsync'd on every write
// (`appendfsync always`: an ack means on disk, as with lowdb's group commit; docs/deployment.md), in a temporary
// directory, no eviction; stopped by its PID (bench/redis-server.ts, shared with the tests).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRedisServer } from "../redis-server.js";

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const dir = await mkdtemp(join(tmpdir(), "parley-bench-redis-"));
  const redis = await startRedisServer({ aofDir: dir, args: ["--maxmemory-policy", "noeviction"] }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: redis.url,
    pid: redis.pid()!,
    stop: async () => {
      await redis.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
