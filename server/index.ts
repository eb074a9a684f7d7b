// Composition root: config → logger → store → createApp → listen. Graceful on SIGTERM/SIGINT.
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { redisExposureWarnings } from "./cluster/redis-exposure.js";
import { createCluster } from "./cluster/cluster.js";
import type { HeldLock } from "./store/files.js";
import { lockDataDir, openLowdbStore } from "./store/lowdb.js";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`parley: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // A promise nobody awaited failed (a dependency's fire-and-forget call, say a Redis publish during a failover): logged
  // and survived. Node's default would end the process, with every connection, over one background call.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection (the server keeps running)"));
  let store;
  let cluster;
  let lock: HeldLock | null = null;
  try {
    if (config.redisUrl) {
      // Several nodes: chat state in Redis; DATA_DIR keeps this node's own files only, and server.lock guards just that.
      lock = await lockDataDir(config.dataDir);
      cluster = createCluster({ url: config.redisUrl, ...config.cluster });
      store = cluster.store;
      for (const warning of redisExposureWarnings(config.redisUrl)) logger.warn(warning);
      if (!config.uploadDirShared) logger.warn("REDIS_URL without UPLOAD_DIR: files and ticket links made on this node work on this node only (docs/deployment.md)");
    } else store = await openLowdbStore(config.dataDir, { lock: true });
  } catch (err) {
    console.error(`parley: cannot open DATA_DIR ${config.dataDir}: ${(err as Error).message}`);
    process.exit(1);
  }
  const publicDir = fileURLToPath(new URL("../public", import.meta.url));
  const app = await createApp({ config, store, logger, publicDir, ...(cluster && { cluster }) });
  app.http.once("error", (err: NodeJS.ErrnoException) => {
    console.error(`parley: cannot listen on ${config.host}:${config.port}: ${err.code === "EADDRINUSE" ? "the port is in use" : err.message}`);
    process.exit(1);
  });
  app.http.listen(config.port, config.host, () => {
    const address = app.http.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, dataDir: config.dataDir, publicUrl: config.publicUrl, redis: config.redisUrl !== null }, `Parley is listening on http://${config.host}:${port}`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.network.shutdownGraceMs }, "stopping");
    // app.close is bounded by the grace; should a store write hang beyond it too, exit anyway (the lock names a
    // dead pid then, which the next server takes over).
    setTimeout(() => {
      logger.error("stop did not finish in time; exiting");
      process.exit(1);
    }, config.network.shutdownGraceMs + 10_000).unref();
    app.close().then(
      async () => {
        await lock?.release().catch((err: unknown) => logger.warn({ err }, "could not release server.lock (the next start takes it over)"));
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(`parley: could not start: ${(err as Error)?.stack ?? String(err)}`);
  process.exit(1);
});
