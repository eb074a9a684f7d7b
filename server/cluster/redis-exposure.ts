// What a REDIS_URL says about how exposed the Redis behind it is. Anyone who can write to that Redis can read every
// conversation, forge desk calls and inject Socket.IO packets (docs/deployment.md), so a node warns at start when the
// URL reaches a Redis beyond this machine without a password, or crosses the network without TLS.
import { isIP } from "node:net";

const LOOPBACK_NAMES = new Set(["localhost", "localhost.localdomain", "ip6-localhost"]);

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1";
}

/** Warnings for a REDIS_URL (none for a Redis on this machine, or one reached with a password over TLS). */
export function redisExposureWarnings(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (isLoopback(parsed.hostname)) return [];
  const warnings: string[] = [];
  if (parsed.password === "") warnings.push(`REDIS_URL reaches ${parsed.hostname} without a password: anyone who can reach that Redis can read every conversation and forge desk calls; require a password or an ACL user (docs/deployment.md)`);
  if (parsed.protocol !== "rediss:") warnings.push(`REDIS_URL reaches ${parsed.hostname} without TLS: use rediss:// unless the network between the nodes and Redis is private (docs/deployment.md)`);
  return warnings;
}
