// The lifetimes of a cluster (REDIS_URL): the desk lease, a node's heartbeat and the wait for a forwarded desk call.
// Read once by loadConfig; the renewals are fixed fractions of the lifetimes (a quarter of the lease, a third of the
// heartbeat), so a renewal always comes well before its lifetime ends and no setting can order them wrongly.
import { ConfigError, number, type Env } from "./config-values.js";

export interface ClusterTimings {
  /** The desk lease's lifetime: how long the desk (assignment, timers) is unavailable after its node dies. */
  leaseMs: number;
  /** A node's heartbeat lifetime: after it a silent node's agents and customers count as gone. */
  nodeTtlMs: number;
  /** How long a node waits for the desk's node to answer a forwarded call before answering `storage_unavailable`. */
  rpcTimeoutMs: number;
}

/** The widget and the console wait this long for an ack; a forwarded call must give up (and say so) before they do. */
export const CLIENT_ACK_TIMEOUT_MS = 10_000;

export function clusterOf(env: Env): ClusterTimings {
  const seconds = (name: string, fallback: number, min: number, max: number) => Math.round(number(env, name, fallback, min, max) * 1000);
  const leaseMs = seconds("CLUSTER_DESK_LEASE_SECONDS", 5, 1, 120);
  const nodeTtlMs = seconds("CLUSTER_NODE_TTL_SECONDS", 10, 1, 600);
  const rpcTimeoutMs = seconds("CLUSTER_DESK_CALL_TIMEOUT_SECONDS", 5, 0.1, CLIENT_ACK_TIMEOUT_MS / 1000);
  if (rpcTimeoutMs >= CLIENT_ACK_TIMEOUT_MS) {
    throw new ConfigError(`CLUSTER_DESK_CALL_TIMEOUT_SECONDS must be shorter than the ${CLIENT_ACK_TIMEOUT_MS / 1000} s the widget and the console wait for an answer`);
  }
  return { leaseMs, nodeTtlMs, rpcTimeoutMs };
}
