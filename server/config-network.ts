// Connection-level settings: which reverse proxies are trusted, per-address connection cap, server timeouts,
// the shutdown grace, the metrics token, the Socket.IO heartbeat and the per-socket write buffer. Read once by loadConfig.
import { isIP } from "node:net";
import { ConfigError, integer, number, type Env } from "./config-values.js";

export interface NetworkConfig {
  /** Addresses or CIDRs of the reverse proxies whose `X-Forwarded-For` is believed (empty: none, the header is ignored). */
  trustProxy: string[];
  /** Simultaneous TCP connections one client address may hold (trusted proxies are exempt). */
  maxConnectionsPerAddress: number;
  /** Time a client has to send the request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request (headers and body, uploads included). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open. */
  keepAliveTimeoutMs: number;
  /** An upload that sends no byte for this long is refused. */
  uploadIdleMs: number;
  /** On SIGTERM: how long requests in flight may take before every connection is closed. */
  shutdownGraceMs: number;
  /** Bearer token for GET /metrics (null: loopback and private addresses only). */
  metricsToken: string | null;
  /** Socket.IO heartbeat: a ping this often; a connection that has not answered within pingTimeoutMs more is closed. */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** Bytes a socket may have waiting to be written to a client that does not read them; past it the socket is closed. */
  socketMaxBufferBytes: number;
}

/** `1.2.3.4`, `::1`, `10.0.0.0/8`, `fd00::/8`: a valid address or CIDR, else a ConfigError. */
function proxyEntry(raw: string): string {
  const [address, bits, extra] = raw.split("/");
  const family = isIP(address ?? "");
  const max = family === 4 ? 32 : 128;
  if (!family || extra !== undefined || (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > max))) {
    throw new ConfigError(`TRUST_PROXY: "${raw}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 127.0.0.1, ::1)`);
  }
  return raw;
}

export function networkOf(env: Env): NetworkConfig {
  const trustProxy = (env.TRUST_PROXY ?? "").split(",").map((s) => s.trim()).filter(Boolean).map(proxyEntry);
  const seconds = (name: string, fallback: number, min: number, max: number) => Math.round(number(env, name, fallback, min, max) * 1000);
  const headersTimeoutMs = seconds("HEADERS_TIMEOUT_SECONDS", 20, 0.1, 600);
  const requestTimeoutMs = seconds("REQUEST_TIMEOUT_SECONDS", 300, 0.1, 3600);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError("HEADERS_TIMEOUT_SECONDS must not be longer than REQUEST_TIMEOUT_SECONDS");
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError("METRICS_TOKEN must be at least 16 characters");
  return {
    trustProxy,
    maxConnectionsPerAddress: integer(env, "MAX_CONNECTIONS_PER_ADDRESS", 64, 1, 100_000),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: seconds("KEEP_ALIVE_TIMEOUT_SECONDS", 5, 0.1, 600),
    uploadIdleMs: seconds("UPLOAD_IDLE_SECONDS", 30, 0.1, 600),
    shutdownGraceMs: seconds("SHUTDOWN_GRACE_SECONDS", 10, 0, 600),
    metricsToken,
    pingIntervalMs: seconds("PING_INTERVAL_SECONDS", 25, 0.05, 600),
    pingTimeoutMs: seconds("PING_TIMEOUT_SECONDS", 20, 0.05, 600),
    socketMaxBufferBytes: Math.round(number(env, "SOCKET_MAX_BUFFER_MB", 8, 0.01, 1024) * 1024 * 1024),
  };
}
