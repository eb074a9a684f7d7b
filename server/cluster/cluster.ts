// A node's connection to the cluster (REDIS_URL): the Redis clients, the key layout, this node's id, and the Redis store
// whose conversation writes are fenced by the desk lease this node may hold (see cluster-desk.ts).
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Store } from "../store/port.js";
import { connectRedis, redisKeys } from "../store/redis-client.js";
import { createRedisStore } from "../store/redis.js";

export interface ClusterOptions {
  url: string;
  /** Key prefix of this deployment (default "parley:"). */
  prefix?: string;
  nodeId?: string;
  // The lifetimes are read from the environment by config-cluster.ts (server/index.ts passes them); the defaults here
  // are the same, for code that builds a cluster itself.
  /** The desk lease's time to live: how long the desk is unavailable after its node dies (CLUSTER_DESK_LEASE_SECONDS, default 5 s). */
  leaseMs?: number;
  /** A node's heartbeat time to live: after it, a silent node's agents count as gone (CLUSTER_NODE_TTL_SECONDS, default 10 s). */
  nodeTtlMs?: number;
  /** How long a forwarded desk call may take (CLUSTER_DESK_CALL_TIMEOUT_SECONDS, default 5 s). */
  rpcTimeoutMs?: number;
}

export interface Cluster {
  client: Redis;
  /** Subscriber connection (pub/sub only). */
  sub: Redis;
  keys: ReturnType<typeof redisKeys> & { node(id: string): string };
  prefix: string;
  nodeId: string;
  options: Required<Omit<ClusterOptions, "url" | "prefix" | "nodeId">>;
  /** The store every node shares; conversation writes carry this node's lease token. */
  store: Store;
  /** Set by the cluster desk: this node's fencing token, or null when it does not hold the lease. */
  setFence(fence: () => string | null): void;
  close(): Promise<void>;
}

export function createCluster(options: ClusterOptions): Cluster {
  const prefix = options.prefix ?? "parley:";
  const client = connectRedis(options.url);
  const sub = connectRedis(options.url);
  let fence: () => string | null = () => null;
  const keys = { ...redisKeys(prefix), node: (id: string) => `${prefix}node:${id}` };
  return {
    client,
    sub,
    keys,
    prefix,
    nodeId: options.nodeId ?? `n_${randomBytes(6).toString("hex")}`,
    options: { leaseMs: options.leaseMs ?? 5000, nodeTtlMs: options.nodeTtlMs ?? 10_000, rpcTimeoutMs: options.rpcTimeoutMs ?? 5000 },
    store: createRedisStore(client, { prefix, fence: () => fence(), ownsClient: false }),
    setFence: (next) => void (fence = next),
    close: async () => {
      sub.disconnect();
      await client.quit().catch(() => client.disconnect());
    },
  };
}
