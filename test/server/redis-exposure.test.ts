// RELIABILITY.md §7 A17: a Redis reachable without a password, or across a network without TLS, is warned about at
// start (the node still starts: a private network may be all the protection a deployment needs), before it connects.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redisExposureWarnings } from "../../server/cluster/redis-exposure.js";

describe("REDIS_URL exposure warnings", () => {
  it.each([
    ["redis://127.0.0.1:6379", 0],
    ["redis://localhost:6379", 0],
    ["redis://[::1]:6379", 0],
    ["rediss://:secret@redis.internal:6380", 0],
    ["rediss://parley:secret@10.0.0.5:6380", 0],
  ])("says nothing for %s", (url, count) => {
    expect(redisExposureWarnings(url)).toHaveLength(count);
  });

  it("warns about a Redis beyond this machine without a password, and without TLS", () => {
    expect(redisExposureWarnings("redis://redis.internal:6379")).toEqual([expect.stringMatching(/redis\.internal without a password/), expect.stringMatching(/without TLS/)]);
    expect(redisExposureWarnings("redis://:secret@10.0.0.5:6379")).toEqual([expect.stringMatching(/10\.0\.0\.5 without TLS/)]);
    expect(redisExposureWarnings("rediss://redis.example.com:6380")).toEqual([expect.stringMatching(/without a password/)]);
    // 127.x.y.z is loopback; 128.0.0.1 is not.
    expect(redisExposureWarnings("redis://128.0.0.1:6379")).toHaveLength(2);
  });
});

describe("a node started with an exposed REDIS_URL", () => {
  it("logs the warnings at start", { timeout: 30_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "parley-redis-warn-"));
    // TEST-NET-3: nothing answers there; the warnings come before any connection is made.
    const child = spawn(process.execPath, [join(process.cwd(), "dist/server/index.js")], {
      env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", REDIS_URL: "redis://203.0.113.9:6379" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.stderr!.on("data", (d) => (out += d));
      await expect.poll(() => /203\.0\.113\.9 without a password/.test(out) && /203\.0\.113\.9 without TLS/.test(out), { timeout: 20_000 }).toBe(true);
    } finally {
      child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
