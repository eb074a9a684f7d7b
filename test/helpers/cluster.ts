// Several Parley nodes (createApp) on one Redis in one test process, each on its own ephemeral port and DATA_DIR.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createApp, type App } from "../../server/app.js";
import { createCluster, type Cluster } from "../../server/cluster/cluster.js";
import { loadConfig } from "../../server/config.js";
import { createSessions, SESSION_COOKIE } from "../../server/auth/session.js";
import type { AgentRecord, Store } from "../../server/store/port.js";
import { closeAllSockets, connectAgent, type AgentSocket } from "./clients.js";
import { startRedis, type RedisServer } from "./redis.js";

export interface TestNode {
  url: string;
  app: App;
  cluster: Cluster;
  store: Store;
  /** Dies abruptly: its sockets drop without a goodbye and it stops talking to Redis (nothing released). */
  kill(): void;
  close(): Promise<void>;
}

let prefixes = 0;

/** Fast timings for tests: the desk lease lives 10 s, a silent node is gone after 4 s (generous: a busy test machine stalls event loops), grace 0.5 s. */
export async function startNodes(
  redisUrl: string,
  count: number,
  options: { env?: Record<string, string>; prefix?: string } = {},
): Promise<{ nodes: TestNode[]; prefix: string; add(): Promise<TestNode> }> {
  const env = options.env ?? {};
  const prefix = options.prefix ?? `c${process.pid}_${++prefixes}:`;
  const add = async (): Promise<TestNode> => {
    const dataDir = await mkdtemp(join(tmpdir(), "parley-node-"));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", AGENT_GRACE_SECONDS: "0.5", ...env });
    const cluster = createCluster({ url: redisUrl, prefix, leaseMs: 10_000, nodeTtlMs: 4000, rpcTimeoutMs: 20_000 });
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
    const app = await createApp({ config, store: cluster.store, logger, publicDir: join(process.cwd(), "dist/public"), agentSyncMs: 200, cluster });
    await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
    const address = app.http.address();
    if (!address || typeof address === "string") throw new Error("no port");
    let closed = false;
    return {
      url: `http://127.0.0.1:${address.port}`,
      app,
      cluster,
      store: cluster.store,
      kill: () => {
        cluster.client.disconnect();
        cluster.sub.disconnect();
        app.io.engine.close();
        app.http.closeAllConnections();
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  };
  const nodes: TestNode[] = [];
  for (let i = 0; i < count; i++) nodes.push(await add());
  await expect.poll(() => nodes.filter((n) => n.app.cluster!.leading()).length, { timeout: 60_000 }).toBe(1);
  return { nodes, prefix, add };
}

/**
 * For a describe block: one redis-server for the whole block, and a `start` that runs startNodes on it; after each
 * test every client socket is closed and the nodes it started are closed.
 */
export function nodesForEachTest(): (count: number) => Promise<TestNode[]> {
  let redis: RedisServer | undefined;
  let started: TestNode[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());
  afterEach(async () => {
    closeAllSockets();
    await Promise.all(started.map((n) => n.close()));
    started = [];
  });
  return async (count) => {
    ({ nodes: started } = await startNodes(redis!.url, count));
    return started;
  };
}

let agents = 0;

/**
 * An agent account and a signed-in socket on `node`, made through the store and the session module rather than the
 * sign-in endpoint: many agents from one address would meet the sign-in limits, and scrypt is slow on a busy machine.
 */
export async function quickAgent(node: TestNode, fields: Partial<AgentRecord> = {}): Promise<{ record: AgentRecord; socket: AgentSocket }> {
  agents++;
  const record: AgentRecord = {
    id: `a_n${agents}`,
    email: `node-agent${agents}@example.com`,
    name: `Agent ${agents}`,
    languages: ["en"],
    maxChats: 3,
    role: "agent",
    passwordHash: `scrypt$16384$8$1$c2FsdA==$${agents}`,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
  await node.store.agents.put(record);
  const { token } = await createSessions(node.store, 3_600_000).create(record);
  return { record, socket: await connectAgent(node.url, `${SESSION_COOKIE}=${token}`) };
}
