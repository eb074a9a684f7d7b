// Starts the real server (createApp) on an ephemeral port for integration tests.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, beforeEach } from "vitest";
import { createApp, type App, type AppDeps } from "../../server/app.js";
import { loadConfig, type Config } from "../../server/config.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { createMemoryStore } from "../../server/store/memory.js";
import type { Store } from "../../server/store/port.js";
import { closeAllSockets } from "./clients.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  config: Config;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Environment overrides (as the real server reads them). */
  env?: Record<string, string>;
  /** A store to use instead of a fresh memory store (e.g. lowdb on a DATA_DIR). */
  store?: Store;
  /** "lowdb": the embedded default store on the test's own DATA_DIR, as `npm start` runs it (default: memory). */
  storeKind?: "memory" | "lowdb";
  /** Other createApp dependencies (e.g. a fast email retry schedule). */
  deps?: Partial<Omit<AppDeps, "config" | "store" | "logger">>;
  /** A logger instead of the silent one (e.g. one that captures lines). */
  logger?: AppDeps["logger"];
}

/**
 * A real server on 127.0.0.1 at an ephemeral port, with a short agent grace period (0.3 s) unless overridden.
 * PUBLIC_URL is that address (browsers' sockets are accepted from PUBLIC_URL only): the port is bound first and
 * handed to the server, so no other process can take it in between.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "parley-test-"));
  const bound = createServer();
  await new Promise<void>((resolve) => bound.listen(0, "127.0.0.1", resolve));
  const publicUrl = `http://127.0.0.1:${(bound.address() as AddressInfo).port}`;
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", AGENT_GRACE_SECONDS: "0.3", PUBLIC_URL: publicUrl, ...options.env });
  const store = options.store ?? (options.storeKind === "lowdb" ? await openLowdbStore(dataDir, { lock: true }) : createMemoryStore());
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const app = await createApp({ config, store, logger, publicDir: join(process.cwd(), "dist/public"), agentSyncMs: 50, ...options.deps });
  await new Promise<void>((resolve) => app.http.listen(bound, resolve));
  const url = publicUrl;
  return {
    url,
    app,
    store,
    config,
    close: async () => {
      await app.close();
      // A background journal compaction or read-marker flush can still be renaming a file in as the store closes.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

/**
 * A fresh server per test: registers beforeEach/afterEach (closing sockets first) and returns a getter.
 * `const server = useTestServer();` then `server().url` inside tests.
 */
export function useTestServer(options: TestServerOptions = {}): () => TestServer {
  let current: TestServer | null = null;
  beforeEach(async () => {
    current = await startTestServer(options);
  });
  afterEach(async () => {
    closeAllSockets();
    await current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error("useTestServer: no server outside a test");
    return current;
  };
}

/**
 * A server per test behind a TCP proxy the test controls (see tcp-proxy.ts): `start(options)` inside the test. After
 * each test the sockets given to `track`, every socket of clients.ts, the proxy and the server are closed.
 */
export function useServerBehindProxy(): {
  start(options?: TestServerOptions): Promise<{ server: TestServer; proxy: TcpProxy }>;
  track<T extends { disconnect(): unknown }>(socket: T): T;
} {
  let server: TestServer | null = null;
  let proxy: TcpProxy | null = null;
  const sockets: { disconnect(): unknown }[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    closeAllSockets();
    await proxy?.close();
    await server?.close();
    proxy = server = null;
  });
  return {
    async start(options = {}) {
      server = await startTestServer(options);
      proxy = await startTcpProxy(server.url);
      return { server, proxy };
    },
    track(socket) {
      sockets.push(socket);
      return socket;
    },
  };
}
