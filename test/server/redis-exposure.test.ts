// RELIABILITY.md §7 A17: a Redis reachable without a password, or across a network without TLS, is warned about at
// start (the node still starts: a private network may be all the protection a deployment needs).
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
