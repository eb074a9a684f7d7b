// The desk on several nodes. One node at a time holds the desk lease and runs the one desk (queues, assignment,
// presence, timers); every other node forwards the same calls to it over Redis (rpc.ts) and delivers the effects it gets
// back through the Socket.IO Redis adapter. Its conversation writes are fenced by the lease (the store's Lua scripts
// check the token), so a node that lost the lease cannot assign, close or requeue anything any more.
// Chat messages are the exception: every node stores the ones it receives itself (cluster-messages.ts) and the desk's
// node hears of them afterwards (a notice on the `stored` channel), so a message never waits for the desk's node.
import type { Logger } from "pino";
import type { DeskApi } from "../desk/api.js";
import type { Desk } from "../desk/desk.js";
import type { DeskEffect } from "../desk/effects.js";
import { DeskError } from "../desk/result.js";
import type { AgentId, VisitorId } from "../protocol/ids.js";
import type { AgentRecord } from "../store/port.js";
import type { Cluster } from "./cluster.js";
import { createLease } from "./lease.js";
import { createRpc, type RpcRequest } from "./rpc.js";
import { createClusterMessages, type ClusterMessagesDeps, type Writer } from "./cluster-messages.js";
import type { MessageSendPayload } from "../protocol/schemas.js";
import { toMessage } from "../store/redis.js";
import type { MessageView } from "../protocol/views.js";

/** The calls a follower forwards, and nothing else: the holder runs no other method a request names. */
const FORWARDED = [
  "visitor.start", "visitor.send", "visitor.resume", "visitor.typing", "visitor.end", "visitor.move", "visitor.rate", "visitor.read",
  "agent.list", "agent.history", "agent.send", "agent.typing", "agent.close", "agent.read",
  "presence.connected", "presence.disconnected", "presence.setStatus", "presence.sync", "queues", "statusOf",
  "visitor.hasOpen", "visitor.list", "visitor.transcript", "visitors.connected", "visitors.disconnected",
  "agent.note", "agent.watch", "agent.supervises", "handover.options", "handover.transfer", "handover.decline", "handover.takeover", "handover.assign", "board.watch", "board.forget",
] as const;
type Method = (typeof FORWARDED)[number];

/** How soon a failed presence report (or update) is followed by a full report. */
const REPORT_RETRY_MS = 500;
/**
 * How long the holder keeps asking after a node it counted out (a node that stopped gracefully or died is never heard
 * of again). Longer than any pause a node's sockets survive: Socket.IO closes a silent connection within its ping
 * interval + timeout (45 s by default); a node notices its own lapsed heartbeat too, and reports again.
 */
const FORGET_COUNTED_OUT_MS = 10 * 60_000;

/** One node's agent sockets, as it reports them to a new holder. */
export interface NodeAgents {
  record: AgentRecord;
  sockets: number;
}

/** One node's sockets, agents' and customers', as it reports them to a new holder. */
export interface NodeSockets {
  agents: NodeAgents[];
  /** Customers' socket counts by visitor id. */
  visitors: [VisitorId, number][];
}

export interface ClusterDeskDeps {
  cluster: Cluster;
  /** A desk (not started) whose timers' effects reach every node. */
  makeDesk(): Desk;
  logger: Logger;
  /** This node's agent sockets (for a new holder's presence count). */
  localAgents(): NodeAgents[];
  /** Delivers effects decided while re-counting presence. */
  deliver(effects: DeskEffect[]): void;
  /** This node became (true) or stopped being (false) the holder: start or stop what must run once (the mail queue). */
  onLead(leading: boolean): void;
  /** What storing messages on this node needs besides Redis (the text limit, the clock, the metrics). */
  messages: Omit<ClusterMessagesDeps, "cluster">;
}

export type ClusterDesk = ReturnType<typeof createClusterDesk>;

/** An object with exactly the keys of T (values checked by the cast to DeskApi). */
type Covers<T> = Record<keyof T, unknown>;

export function createClusterDesk(deps: ClusterDeskDeps) {
  const { cluster, logger } = deps;
  const { client, keys, nodeId, options } = cluster;
  const base = deps.makeDesk();
  let leading: { desk: Desk; token: string } | null = null;
  /** On the holder: each node's agent sockets, so a dead node's agents can be counted out. */
  const tracked = new Map<string, Map<AgentId, number>>();
  /** On the holder: each node's customer sockets, likewise (a dead node's waiting customers are gone, not there). */
  const trackedVisitors = new Map<string, Map<VisitorId, number>>();
  /** On the holder: nodes whose sockets it counted out when their heartbeat lapsed, and when (asked to report if they beat again). */
  const countedOut = new Map<string, number>();
  /** This node's own customer sockets (the per-visitor socket limit is counted per node). */
  const localVisitors = new Map<VisitorId, number>();

  const trackVisitor = (desk: Desk, node: string, visitorId: VisitorId, delta: number) => {
    const visitors = trackedVisitors.get(node) ?? new Map<VisitorId, number>();
    trackedVisitors.set(node, visitors);
    const n = (visitors.get(visitorId) ?? 0) + delta;
    if (n > 0) visitors.set(visitorId, n);
    else visitors.delete(visitorId);
    if (delta > 0) desk.visitors.connected(visitorId);
    else desk.visitors.disconnected(visitorId);
  };
  const rpc = createRpc(client, cluster.sub, cluster.prefix, nodeId, options.rpcTimeoutMs);
  const storeHere = createClusterMessages({ cluster, ...deps.messages, deskHere: () => {
    const held = leading;
    return held && !starting && lease.token() === held.token ? (message) => held.desk.noticed(message) : null;
  } });
  /** A message stored here, or (files attached, text refused) answered by the desk as before. */
  const send = (kind: Writer["kind"]) => (who: string, p: MessageSendPayload) =>
    storeHere(kind === "visitor" ? { kind, visitorId: who } : { kind, agentId: who }, p) ?? call(`${kind}.send`)(who, p);
  /** While a new desk starts: the notices of messages other nodes stored meanwhile, replayed once it runs. */
  let starting: MessageView[] | null = null;
  /** A notice from MESSAGE_SEND: "conversationId\nseq\njson". */
  const noticed = (text: string) => {
    const a = text.indexOf("\n");
    const b = text.indexOf("\n", a + 1);
    const message = toMessage(text.slice(0, a), Number(text.slice(a + 1, b)), text.slice(b + 1));
    if (starting) return void starting.push(message);
    const effects = leading?.desk.noticed(message) ?? [];
    if (effects.length > 0) deps.deliver(effects);
  };
  const ackOf = (err: unknown) => (err instanceof DeskError ? err.ack : null);

  const track = (node: string, agentId: AgentId, delta: number) => {
    const agents = tracked.get(node) ?? new Map<AgentId, number>();
    tracked.set(node, agents);
    agents.set(agentId, Math.max(0, (agents.get(agentId) ?? 0) + delta));
  };

  /** Makes the holder's count of `node`'s sockets what the node says it is. */
  async function sync(desk: Desk, node: string, { agents, visitors }: NodeSockets): Promise<DeskEffect[]> {
    const effects: DeskEffect[] = [];
    const knownVisitors = new Map(trackedVisitors.get(node) ?? []);
    for (const [visitorId, sockets] of visitors) for (let n = knownVisitors.get(visitorId) ?? 0; n < sockets; n++) trackVisitor(desk, node, visitorId, 1);
    const reportedVisitors = new Map(visitors);
    for (const [visitorId, count] of knownVisitors) for (let n = count; n > (reportedVisitors.get(visitorId) ?? 0); n--) trackVisitor(desk, node, visitorId, -1);
    const known = tracked.get(node) ?? new Map<AgentId, number>();
    for (const { record, sockets } of agents) {
      for (let n = known.get(record.id) ?? 0; n < sockets; n++) {
        track(node, record.id, 1);
        effects.push(...(await desk.presence.connected(record)).effects);
      }
    }
    const reported = new Map(agents.map((a) => [a.record.id, a.sockets]));
    for (const [agentId, count] of known) {
      for (let n = count; n > (reported.get(agentId) ?? 0); n--) {
        track(node, agentId, -1);
        await desk.presence.disconnected(agentId);
      }
    }
    return effects;
  }

  async function invoke(desk: Desk, method: Method, args: unknown[], from: string): Promise<unknown> {
    const [a, b] = args as [never, never];
    switch (method) {
      case "visitor.start": return desk.visitor.start(a, b);
      case "visitor.send": return desk.visitor.send(a, b);
      case "visitor.resume": return desk.visitor.resume(a, b);
      case "visitor.typing": return desk.visitor.typing(a, b);
      case "visitor.end": return desk.visitor.end(a, b);
      case "visitor.move": return desk.visitor.move(a, b);
      case "visitor.rate": return desk.visitor.rate(a, b);
      case "visitor.read": return desk.visitor.read(a, b);
      case "agent.list": return desk.agent.list(a);
      case "agent.history": return desk.agent.history(a, b, args[2] as number);
      case "agent.send": return desk.agent.send(a, b);
      case "agent.typing": return desk.agent.typing(a, b);
      case "agent.close": return desk.agent.close(a, b);
      case "agent.read": return desk.agent.read(a, b);
      case "agent.note": return desk.agent.note(a, b);
      case "agent.watch": return desk.agent.watch(a, b, args[2] as boolean);
      case "agent.supervises": return desk.agent.supervises(a);
      case "handover.options": return desk.handover.options(a, b, args[2] as never);
      case "handover.transfer": return desk.handover.transfer(a, b, args[2] as never);
      case "handover.decline": return desk.handover.decline(a, b);
      case "handover.takeover": return desk.handover.takeover(a, b);
      case "handover.assign": return desk.handover.assign(a, b);
      case "board.watch": return desk.board.watch(a, b);
      case "board.forget": return desk.board.forget(a);
      case "presence.connected":
        track(from, (a as AgentRecord).id, 1);
        return desk.presence.connected(a);
      case "presence.disconnected":
        track(from, a, -1);
        return desk.presence.disconnected(a);
      case "presence.setStatus": return desk.presence.setStatus(a, b);
      case "presence.sync": return sync(desk, from, a);
      case "queues": return desk.queues();
      case "visitor.hasOpen": return desk.visitor.hasOpen(a);
      case "visitor.list": return desk.visitor.list(a);
      case "visitor.transcript": return desk.visitor.transcript(a, b);
      case "visitors.connected": return trackVisitor(desk, from, a, 1);
      case "visitors.disconnected": return trackVisitor(desk, from, a, -1);
      case "statusOf": return desk.core.agents.get(a)?.status ?? "online";
      default: method satisfies never;
    }
  }

  const serve = async (request: RpcRequest) => {
    const desk = leading?.desk;
    if (!desk || !(FORWARDED as readonly string[]).includes(request.method)) throw new Error(`cannot serve ${request.method}`);
    return invoke(desk, request.method as Method, request.args, request.from);
  };

  /** Runs a desk call here when this node holds the lease, else on the holder. */
  const call = (method: Method) => async (...args: unknown[]) => {
    const held = leading;
    if (held && lease.token() === held.token) return invoke(held.desk, method, args, nodeId);
    try {
      return await rpc.request(method, args);
    } catch (err) {
      const ack = (err as { deskAck?: DeskError["ack"] }).deskAck;
      throw ack ? new DeskError(ack) : err;
    }
  };

  async function lead(token: string) {
    const desk = deps.makeDesk();
    // Listening before the desk loads the open conversations: a message stored meanwhile is not missed.
    starting = [];
    try {
      await cluster.sub.subscribe(keys.stored);
      await desk.start();
    } catch (err) {
      logger.error({ err }, "could not start the desk after taking the lease; giving it up");
      starting = null;
      await cluster.sub.unsubscribe(keys.stored).catch(() => undefined);
      desk.stop();
      await lease.release();
      return;
    }
    const missed = starting;
    starting = null;
    if (lease.token() !== token) {
      await cluster.sub.unsubscribe(keys.stored).catch(() => undefined);
      return desk.stop();
    }
    tracked.clear();
    trackedVisitors.clear();
    countedOut.clear();
    leading = { desk, token };
    const effects = missed.flatMap((message) => desk.noticed(message));
    if (effects.length > 0) deps.deliver(effects);
    await rpc.serve(serve, ackOf);
    logger.info({ nodeId, token }, "this node now runs the desk");
    deps.onLead(true);
    // Every node reports its agent sockets to the new holder.
    await client.publish(keys.changes, "desk").catch(() => undefined);
  }

  function follow() {
    const was = leading;
    leading = null;
    tracked.clear();
    trackedVisitors.clear();
    countedOut.clear();
    void rpc.serve(null, ackOf);
    if (!was) return;
    void cluster.sub.unsubscribe(keys.stored).catch(() => undefined);
    logger.warn({ nodeId }, "this node no longer runs the desk");
    was.desk.stop();
    deps.onLead(false);
  }

  // Taking the desk can fail half-way (Redis drops while this node subscribes to the desk's channel): then the lease is
  // given back, so that a node able to serve takes it, rather than this one holding it and answering nothing.
  const lease = createLease(client, keys, {
    nodeId,
    ttlMs: options.leaseMs,
    onAcquire: (token) =>
      void lead(token).catch((err: unknown) => {
        logger.error({ err, nodeId }, "could not take over the desk; giving the lease back");
        void lease.release();
      }),
    onLose: follow,
  });
  cluster.setFence(lease.token);

  /** Reports this node's agent and customer sockets to the holder (a new holder asks for it); retried until it lands. */
  const report = (): Promise<void> =>
    (call("presence.sync")({ agents: deps.localAgents(), visitors: [...localVisitors] } satisfies NodeSockets) as Promise<DeskEffect[]>).then(
      (effects) => {
        reportFailing = false;
        deps.deliver(effects);
      },
      (err) => {
        // Said once per run of failures (Redis away would repeat it twice a second).
        if (!reportFailing) logger.warn({ err }, "presence report failed; retrying until it lands");
        reportFailing = true;
        reportSoon();
      },
    );
  let reportFailing = false;
  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  /**
   * A presence report shortly. Also after any presence update that failed (the desk moving, a forwarded call timing
   * out): the report makes the holder's count of this node's sockets what it is, so no update stays lost — an agent
   * the desk never heard of would get no chats, and a new holder would hand their chats back after the grace period.
   */
  function reportSoon() {
    if (reportTimer || stopped) return;
    reportTimer = setTimeout(() => {
      reportTimer = null;
      void report();
    }, REPORT_RETRY_MS);
    reportTimer.unref?.();
  }
  /** A forwarded presence update; a failure leaves a report to set the count right. */
  const presenceCall = (method: "presence.connected" | "presence.disconnected" | "visitors.connected" | "visitors.disconnected") => async (...args: unknown[]) => {
    try {
      return await call(method)(...args);
    } catch (err) {
      reportSoon();
      throw err;
    }
  };

  // Back from a lost connection: notices of messages stored meanwhile may be gone, so the desk reads the seqs again.
  cluster.sub.on("ready", () => leading?.desk.core.forgetLastSeqs());
  cluster.sub.on("message", (channel: string, text: string) => {
    if (channel === keys.stored) {
      // A notice that does not parse is logged and dropped: a throw here would be rethrown by ioredis and end the node.
      try {
        return noticed(text);
      } catch (err) {
        return logger.error({ err }, "dropped a message notice that does not parse");
      }
    }
    if (channel !== keys.changes) return;
    if (text === "desk") void report();
    else if (text === `report ${nodeId}`) {
      logger.warn({ nodeId }, "the desk counted this node out (its heartbeat lapsed): reporting its sockets again");
      void report();
    }
    else if (text === "agents" && leading) void leading.desk.syncAgents().catch((err) => logger.error({ err }, "agent sync failed"));
  });

  /**
   * Heartbeat of this node; on the holder, the sockets of nodes whose heartbeat lapsed are counted out, and a node
   * counted out that beats again (it was alive all along: a long pause, an overloaded machine) is asked for a full
   * report, which counts its sockets back in. Asked only after its sockets were counted out, so the report cannot be
   * undone by a count-out that was already under way.
   */
  async function beat() {
    const key = keys.node(nodeId);
    const replies = await client.multi().exists(key).set(key, "1", "PX", options.nodeTtlMs).exec();
    // This node's own key had lapsed (it was paused, or cut off from Redis): the desk may have counted it out.
    if (beaten && replies?.[0]?.[1] === 0) {
      logger.warn({ nodeId }, "this node's heartbeat had lapsed: reporting its sockets again");
      void report();
    }
    beaten = true;
    const held = leading;
    if (!held) return;
    const now = Date.now();
    for (const node of new Set([...tracked.keys(), ...trackedVisitors.keys(), ...countedOut.keys()])) {
      if (node === nodeId) continue;
      const alive = (await client.exists(keys.node(node))) === 1;
      if (leading !== held) return;
      const since = countedOut.get(node);
      if (alive) {
        if (since === undefined) continue;
        logger.warn({ node }, "a node counted out beats again: asking it for its sockets");
        await client.publish(keys.changes, `report ${node}`);
        countedOut.delete(node);
        continue;
      }
      if (since !== undefined && now - since > FORGET_COUNTED_OUT_MS) countedOut.delete(node);
      else if (since === undefined) countedOut.set(node, now);
      const agents = tracked.get(node);
      const visitors = trackedVisitors.get(node);
      tracked.delete(node);
      trackedVisitors.delete(node);
      if (agents) logger.warn({ node }, "a node stopped: its agents' sockets are gone");
      for (const [agentId, count] of agents ?? []) for (let n = 0; n < count; n++) await held.desk.presence.disconnected(agentId);
      for (const [visitorId, count] of visitors ?? []) for (let n = 0; n < count; n++) held.desk.visitors.disconnected(visitorId);
    }
  }
  let beating: ReturnType<typeof setInterval> | null = null;
  /** Whether this node's heartbeat was set once (before that, an absent key is no lapse). */
  let beaten = false;

  const forwarded = {
    // Store-only calls run on any node; everything else on the desk's node.
    visitor: { register: base.visitor.register, authenticate: base.visitor.authenticate, identify: base.visitor.identify, linkDevice: base.visitor.linkDevice, registerDevice: base.visitor.registerDevice, unregisterDevice: base.visitor.unregisterDevice, start: call("visitor.start"), hasOpen: call("visitor.hasOpen"), list: call("visitor.list"), transcript: call("visitor.transcript"), send: send("visitor"), resume: call("visitor.resume"), typing: call("visitor.typing"), end: call("visitor.end"), move: call("visitor.move"), rate: call("visitor.rate"), read: call("visitor.read") } satisfies Covers<DeskApi["visitor"]>,
    visitors: {
      count: (visitorId: VisitorId) => localVisitors.get(visitorId) ?? 0,
      connected: (visitorId: VisitorId) => {
        localVisitors.set(visitorId, (localVisitors.get(visitorId) ?? 0) + 1);
        void presenceCall("visitors.connected")(visitorId).catch((err) => logger.warn({ err }, "customer presence update failed"));
      },
      disconnected: (visitorId: VisitorId) => {
        const left = (localVisitors.get(visitorId) ?? 1) - 1;
        if (left > 0) localVisitors.set(visitorId, left);
        else localVisitors.delete(visitorId);
        void presenceCall("visitors.disconnected")(visitorId).catch((err) => logger.warn({ err }, "customer presence update failed"));
      },
    } satisfies Covers<DeskApi["visitors"]>,
    agent: { list: call("agent.list"), history: call("agent.history"), send: send("agent"), typing: call("agent.typing"), close: call("agent.close"), read: call("agent.read"),
      note: call("agent.note"), watch: call("agent.watch"), supervises: call("agent.supervises") } satisfies Covers<DeskApi["agent"]>,
    handover: { options: call("handover.options"), transfer: call("handover.transfer"), decline: call("handover.decline"), takeover: call("handover.takeover"), assign: call("handover.assign") } satisfies Covers<DeskApi["handover"]>,
    board: {
      watch: call("board.watch"),
      forget: (agentId: AgentId) => void call("board.forget")(agentId).catch((err) => logger.warn({ err }, "board update failed")),
    } satisfies Covers<DeskApi["board"]>,
    presence: { connected: presenceCall("presence.connected"), disconnected: presenceCall("presence.disconnected"), setStatus: call("presence.setStatus") } satisfies Covers<DeskApi["presence"]>,
    queues: call("queues"),
    statusOf: call("statusOf"),
  } satisfies Covers<DeskApi>;
  // The forwarded calls return what the holder's desk returned, as JSON: their types are those of DeskApi. `Covers`
  // makes a desk operation added to DeskApi but not forwarded here a compile error (it would run on the wrong node).
  const api = forwarded as unknown as DeskApi;

  return {
    ...api,
    /** The desk this node runs (holder), else a desk that only serves store-only calls. */
    desk: () => leading?.desk ?? base,
    leading: () => leading !== null && lease.token() === leading.token,
    start: async () => {
      await cluster.sub.subscribe(keys.changes);
      lease.start();
      await beat().catch(() => undefined);
      beating = setInterval(() => void beat().catch(() => undefined), Math.max(20, Math.floor(options.nodeTtlMs / 3)));
      beating.unref?.();
    },
    stop: async () => {
      stopped = true;
      if (reportTimer) clearTimeout(reportTimer);
      if (beating) clearInterval(beating);
      await lease.stop();
      rpc.close();
      await client.del(keys.node(nodeId)).catch(() => undefined);
    },
    /** Resolves when the desk this node runs has no mutation in flight. */
    idle: () => leading?.desk.idle() ?? Promise.resolve(),
  };
}
