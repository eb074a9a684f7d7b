// What GET /metrics reads at scrape time: connection counts and the queues, from the live server objects.
import type { Server as HttpServer } from "node:http";
import type { Config } from "../config.js";
import type { Desk } from "../desk/desk.js";
import type { MetricsSnapshot } from "./metrics.js";

export interface SnapshotSources {
  config: Config;
  /** The desk running on this node; null on a cluster node that does not run it (it reports empty lines). */
  desk: Desk | null;
  http: HttpServer;
  /** Open sockets per namespace path. */
  namespaces: Record<string, { sockets: { size: number } }>;
  now: () => number;
}

export async function metricsSnapshot({ config, desk, http, namespaces, now }: SnapshotSources): Promise<MetricsSnapshot> {
  const stats = desk?.stats() ?? { agentsOnline: 0, open: 0 };
  return {
    connections: Object.fromEntries(Object.entries(namespaces).map(([path, nsp]) => [path, nsp.sockets.size])),
    httpConnections: await new Promise<number>((resolve) => http.getConnections((_err, n) => resolve(n ?? 0))),
    queues: config.languages.map((language) => {
      const line = desk?.core.queues.line(language) ?? [];
      const oldest = line.reduce((min, w) => Math.min(min, w.queuedAt), Number.POSITIVE_INFINITY);
      return { language, length: line.length, longestWaitS: line.length ? Math.max(0, (now() - oldest) / 1000) : 0 };
    }),
    agentsOnline: stats.agentsOnline,
    openConversations: stats.open,
  };
}
