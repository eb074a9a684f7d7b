// createApp(deps): the whole server wired from its dependencies. Reads no environment and never listens itself.
import express from "express";
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { createDisabledWatch } from "./auth/disabled-watch.js";
import { createSessions } from "./auth/session.js";
import type { Config } from "./config.js";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { limitBufferedBytes } from "./realtime/backpressure.js";
import type { Cluster } from "./cluster/cluster.js";
import { createClusterDesk, type ClusterDesk } from "./cluster/cluster-desk.js";
import { redisMailOnce } from "./cluster/mail-once.js";
import { redisDeskMemory } from "./cluster/desk-memory.js";
import { localDeskApi, type DeskApi } from "./desk/api.js";
import { createDesk, type Desk } from "./desk/desk.js";
import { adminAgentsRouter } from "./http/admin-agents.js";
import { authRouter } from "./http/auth.js";
import { cannedRouter } from "./http/canned.js";
import { compressResponses } from "./http/compress.js";
import { shortEtag } from "./http/etag.js";
import { reportsRouter } from "./http/reports.js";
import { searchRouter } from "./http/search.js";
import { settingsRouter } from "./http/settings.js";
import { createRuntimeSettings } from "./settings/runtime.js";
import { closeWithin, createLimitedServer } from "./http/connections.js";
import { errorHandler, notFound, requireJson } from "./http/errors.js";
import { metricsRouter } from "./http/metrics.js";
import { pagesRouter } from "./http/pages.js";
import { countHttpErrors, countSocketErrors } from "./metrics/hooks.js";
import { createMetrics } from "./metrics/metrics.js";
import { metricsSnapshot } from "./metrics/snapshot.js";
import { coverageRouter } from "./http/coverage.js";
import { queuesRouter } from "./http/queues.js";
import { visitorsRouter } from "./http/visitors.js";
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from "./protocol/events.js";
import { attachAgentNamespace, type AgentNamespace } from "./realtime/agent-namespace.js";
import { createDelivery } from "./realtime/delivery.js";
import { createPushHook } from "./realtime/push.js";
import { allowOrigin } from "./realtime/origin.js";
import { sessionRoom } from "./realtime/rooms.js";
import { guardExpiry, sweepExpired } from "./realtime/session-expiry.js";
import { attachVisitorNamespace, type VisitorNamespace } from "./realtime/visitor-namespace.js";
import { createSelfService, type SelfServiceOptions } from "./selfservice/index.js";
import type { AgentRecord, Store } from "./store/port.js";

/** The largest frame a client may send (docs/protocol.md); a larger one closes that socket. */
export const MAX_FRAME_BYTES = 1_000_000;

/**
 * Nothing Parley sends is sniffed into another type: pages, JSON answers, files. The build's own scripts and styles
 * (/assets/…, /widget.js) go without it: they are sent with their exact type, which is all `nosniff` enforces.
 */
const NOSNIFF = { "X-Content-Type-Options": "nosniff" };

/**
 * Headers only a document acts on. No page of Parley's needs a camera, microphone, location, payment or USB device;
 * pages keep no opener relation with windows of other origins (and so no handle a cross-origin popup could use), and
 * send no full URL to other origins. A script, a stylesheet or a JSON answer ignores all three, and every header is
 * paid on every request (the loader's 2 KB budget counts them), so they go on every response except those.
 */
const DOCUMENT_HEADERS = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), display-capture=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Paths that never answer with a document: JSON answers (and files sent under /api with their own sandbox CSP), the loader, hashed bundles, probes. */
const NOT_DOCUMENTS = /^\/(api\/|assets\/|widget\.js$|healthz$|metrics$)/;
/** The build's scripts and styles (a miss there is a 404 page, which gets everything). */
const BUILD_FILES = /^\/(assets\/|widget\.js$)/;

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Where the built browser bundles and demo pages are (dist/public). */
  publicDir: string;
  now?: () => number;
  /** How often agent changes made by the `parley` command are picked up. */
  agentSyncMs?: number;
  /** Self-service knobs (email retry schedule) for tests. */
  selfService?: SelfServiceOptions;
  /** Several nodes on one Redis (REDIS_URL): `store` must be `cluster.store`. */
  cluster?: Cluster;
}

export interface App {
  http: HttpServer;
  io: Server;
  /** The desk this node runs (on a cluster node that does not hold the desk lease: one serving store-only calls). */
  readonly desk: Desk;
  /** What the transports call: the desk, or on a cluster the node holding the desk lease. */
  api: DeskApi;
  /** The cluster side of this node (REDIS_URL), else null. */
  cluster: ClusterDesk | null;
  /** Stops accepting, lets queued mutations finish, closes sockets and the store. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, store, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", shortEtag);
  app.set("trust proxy", false);
  const http = createLimitedServer(config.network, app);
  const io = new Server(http, {
    serveClient: false,
    // Socket.IO's default, 1 MB: any text that fits a frame is answered with message_too_long rather than a closed socket.
    maxHttpBufferSize: MAX_FRAME_BYTES,
    // A silent peer (frozen tab, blackholed network) is found within pingInterval + pingTimeout.
    pingInterval: config.network.pingIntervalMs,
    pingTimeout: config.network.pingTimeoutMs,
    allowRequest: allowOrigin([config.publicUrl]),
    // Several nodes: room emits reach sockets on every node through a Redis stream (it rides out short outages).
    ...(deps.cluster && { adapter: createAdapter(deps.cluster.client, { streamName: `${deps.cluster.prefix}socket.io`, channelPrefix: `${deps.cluster.prefix}socket.io` }) }),
  });
  // A client that stops reading cannot make the server hold more than this for it.
  limitBufferedBytes(io, config.network.socketMaxBufferBytes);
  // Each namespace has its own event maps; Socket.IO types one map per server, so the namespaces are narrowed here.
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;
  const agents = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  // No connection-state recovery: clients resync by `seq` (docs/protocol.md), so the server keeps no buffer of every
  // packet per socket, and events carry no trailing offset argument that clients of other stacks would trip over.
  const toSockets = createDelivery(() => ({ visitors, agents }), { roomsAreLocal: !deps.cluster });
  // Customers away from every socket (an app in the background) hear of agent messages through the site's push service.
  // On a cluster "away" is judged by the node that delivers (a customer connected only to another node counts as away).
  const push = createPushHook({ url: config.pushWebhookUrl, secret: config.pushWebhookSecret, store, isAway: (id) => api.visitors.count(id) === 0, logger });
  const deliver: typeof toSockets = (effects, sender) => {
    toSockets(effects, sender);
    push(effects);
  };
  // Admins' runtime settings laid over the environment's, before anything reads them.
  const runtimeSettings = createRuntimeSettings(config, store);
  await runtimeSettings.sync();
  const metrics = createMetrics(config.languages);
  // On a cluster the desk's memory (Away statuses, handle times) lives in Redis, so a desk that moves keeps it.
  const deskMemory = deps.cluster ? redisDeskMemory(deps.cluster.client, deps.cluster.prefix) : null;
  const makeDesk = () => createDesk({ store, config, publish: (effects) => deliver(effects), logger, metrics, ...(deps.now ? { now: deps.now } : {}), ...(deskMemory && { memory: deskMemory }),
    // Answers for customers who left are emailed through the self-service mail queue (created below, used only later).
    queueOfflineReply: (reply) => selfService.queueChatReply(reply),
    ...(deps.cluster && { startGraceMs: Math.max(config.agentGraceMs, deps.cluster.options.nodeTtlMs) }) });
  const sessions = createSessions(store, config.sessionTtlMs, deps.now);
  let leading = !deps.cluster;
  const local = deps.cluster ? null : makeDesk();
  const cluster = deps.cluster
    ? createClusterDesk({
        cluster: deps.cluster,
        makeDesk,
        logger,
        deliver: (effects) => deliver(effects),
        localAgents: () => {
          const counts = new Map<string, { record: AgentRecord; sockets: number }>();
          for (const socket of agents.sockets.values()) {
            const entry = counts.get(socket.data.agent.id) ?? { record: socket.data.agent, sockets: 0 };
            entry.sockets++;
            counts.set(socket.data.agent.id, entry);
          }
          return [...counts.values()];
        },
        onLead: (now) => {
          leading = now;
          if (now) selfService.kickMail();
        },
        messages: { maxLength: () => config.maxMessageLength, now: deps.now ?? Date.now, stored: (author) => metrics.messageStored(author) },
      })
    : null;
  const api: DeskApi = cluster ?? localDeskApi(local!);
  await local?.start();
  const selfService = await createSelfService({ config, store, logger, sessions, chat: {
      authenticate: api.visitor.authenticate,
      linkDevice: api.visitor.linkDevice,
      // Ending a chat from a ticket tells the agent and the visitor's other tabs like any other end.
      end: async (visitorId, conversationId) => deliver((await api.visitor.end(visitorId, conversationId)).effects),
    }, ...(deps.now ? { now: deps.now } : {}), ...deps.selfService,
    // Each email is sent by one node: the one running the desk (the others only queue it), and claimed in Redis
    // before it is sent, so that a desk moving mid-send does not send it twice.
    mailActive: () => leading,
    ...(deps.cluster && { mailOnce: redisMailOnce(deps.cluster.client, deps.cluster.keys, deps.cluster.prefix, deps.cluster.nodeId) }) });

  app.use((req, res, next) => {
    if (!BUILD_FILES.test(req.path)) res.set(NOSNIFF);
    if (!NOT_DOCUMENTS.test(req.path)) res.set(DOCUMENT_HEADERS);
    next();
  });
  app.use(compressResponses);
  app.use(countHttpErrors(metrics));
  const namespaces = { [VISITOR_NAMESPACE]: visitors, [AGENT_NAMESPACE]: agents };
  const runningDesk = () => local ?? (cluster?.leading() ? cluster.desk() : null);
  app.use(metricsRouter(config, metrics, () => metricsSnapshot({ config, desk: runningDesk(), http, namespaces, now: deps.now ?? Date.now })));
  app.get("/healthz", (_req, res) => {
    if (!cluster) return void res.json({ ok: true, ...local!.stats() });
    // Redis away: this node keeps its sockets but can store nothing and assigns nothing, and says so.
    const ready = deps.cluster!.client.status === "ready";
    res.status(ready ? 200 : 503).json({ ok: ready, status: ready ? "ok" : "degraded", node: deps.cluster!.nodeId, desk: cluster.leading(), ...(cluster.leading() ? cluster.desk().stats() : {}) });
  });
  app.use("/api", requireJson, express.json({ limit: "32kb" }));
  app.use(visitorsRouter(config, api));
  app.use(queuesRouter(api));
  app.use(coverageRouter(config, store, sessions, deps.now ?? Date.now));
  // The session's sockets on every node: its room, through the adapter on a cluster (which handles its own failures;
  // fetching every agent socket of the cluster to pick these out left a rejected promise behind when Redis failed).
  const dropSession = (sessionId: string) => agents.in(sessionRoom(sessionId)).disconnectSockets(true);
  app.use(authRouter(config, store, sessions, api, dropSession));
  const dropAgent = (agentId: string) => {
    for (const socket of agents.sockets.values()) if (socket.data.agent.id === agentId) socket.disconnect(true);
  };
  app.use(settingsRouter({ config, store, sessions, settings: runtimeSettings }));
  app.use(reportsRouter(store, sessions, deps.now ?? Date.now));
  app.use(searchRouter(store, sessions, deps.now ?? Date.now));
  app.use(cannedRouter(config, store, sessions, deps.now ?? Date.now));
  app.use(adminAgentsRouter({ config, store, sessions, dropAgent, now: deps.now ?? Date.now }));
  app.use(selfService.router);
  app.use(pagesRouter(config, deps.publicDir, runtimeSettings, () => api.queues()));
  app.use(notFound);
  app.use(errorHandler(logger));

  // A socket's middlewares run in the order they are added, and the namespaces' handler tables answer every event
  // without passing it on: the session guard and the error counter go first.
  const now = deps.now ?? Date.now;
  agents.on("connection", (socket) => {
    guardExpiry(socket, now);
    countSocketErrors(socket, metrics);
  });
  visitors.on("connection", (socket) => countSocketErrors(socket, metrics));
  attachVisitorNamespace(visitors, api, config, deliver, logger);
  attachAgentNamespace(agents, api, sessions, deliver, logger);

  // Agents disabled by the `parley` command lose their sockets too (their sessions already refuse them).
  const dropDisabled = createDisabledWatch(store, (ids) => {
    for (const socket of agents.sockets.values()) if (ids.has(socket.data.agent.id)) socket.disconnect(true);
  });
  const syncAll = async () => {
    const desk = cluster ? (cluster.leading() ? cluster.desk() : null) : local;
    await desk?.syncAgents();
    await dropDisabled();
    await runtimeSettings.sync();
  };
  // Expired sessions are forgotten at start and then hourly.
  const SESSION_SWEEP_MS = 3_600_000;
  let sessionsSweptAt = -Infinity;
  const sweepSessions = () => {
    if (now() - sessionsSweptAt < SESSION_SWEEP_MS) return;
    sessionsSweptAt = now();
    void sessions.sweep().catch((err: unknown) => logger.warn({ err }, "could not remove expired sessions"));
  };
  // Agent changes made by the `parley` command: polled here; on a cluster also announced at once through Redis.
  const sync = setInterval(() => {
    sweepSessions();
    void syncAll().catch((err) => logger.error({ err }, "agent sync failed"));
    // An agent socket ends with its session.
    sweepExpired(agents.sockets.values(), now);
    // On a cluster, emails queued by other nodes are picked up by the desk's node.
    if (cluster && leading) selfService.kickMail();
  }, deps.agentSyncMs ?? 1000);
  sync.unref();
  await cluster?.start();

  let closed: Promise<void> | null = null;
  return {
    http,
    io,
    get desk() {
      return local ?? cluster!.desk();
    },
    api,
    cluster,
    close: () =>
      (closed ??= (async () => {
        clearInterval(sync);
        metrics.stop();
        local?.stop();
        await cluster?.stop();
        // io.close disconnects every socket and closes the HTTP server (stops accepting); it finishes when the
        // last connection has gone, which closeWithin bounds by the shutdown grace.
        await closeWithin(http, config.network.shutdownGraceMs, new Promise<void>((resolve) => io.close(() => resolve())));
        await (local ?? cluster!).idle();
        await selfService.stop();
        await store.close();
        await deps.cluster?.close();
      })()),
  };
}
