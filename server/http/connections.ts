// Connection-level limits of the HTTP server: timeouts for slow clients, a cap on simultaneous connections per
// client address, and a bounded shutdown (idle connections closed at once, the rest after the grace).
import { createServer, type RequestListener, type Server } from "node:http";
import type { NetworkConfig } from "../config-network.js";
import { limitKey, normalizeAddress, trustedProxies } from "./client-address.js";

/** An HTTP server with the configured timeouts and per-address connection cap. */
export function createLimitedServer(network: NetworkConfig, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: network.headersTimeoutMs,
      requestTimeout: network.requestTimeoutMs,
      // How often Node checks the two timeouts above; its default (30 s) would stretch a short timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(network.headersTimeoutMs / 2))),
    },
    listener,
  );
  server.keepAliveTimeout = network.keepAliveTimeoutMs;
  capConnections(server, network);
  return server;
}

/**
 * Refuses (closes at once) a TCP connection beyond `maxConnectionsPerAddress` from one peer. A trusted proxy
 * carries many clients on its connections, so it is not capped here; behind it the per-client limits apply.
 */
function capConnections(server: Server, network: NetworkConfig): void {
  const open = new Map<string, number>();
  const proxies = trustedProxies(network.trustProxy);
  server.prependListener("connection", (socket) => {
    const peer = socket.remoteAddress ? normalizeAddress(socket.remoteAddress) : "unknown";
    if (proxies.has(peer)) return;
    const address = limitKey(peer);
    const count = open.get(address) ?? 0;
    if (count >= network.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * Stops accepting and waits for `closing` (which must call server.close, e.g. io.close). Idle keep-alive
 * connections are closed at once; connections still busy after `graceMs` are closed by force.
 */
export async function closeWithin(server: Server, graceMs: number, closing: Promise<void>): Promise<void> {
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  // Connections that turn idle during the grace (a response finished) go at once too.
  const sweep = setInterval(() => server.closeIdleConnections(), Math.max(20, Math.min(250, graceMs / 4)));
  try {
    await closing;
  } finally {
    clearTimeout(force);
    clearInterval(sweep);
  }
}
