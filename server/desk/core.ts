// The desk's shared state and the one serialized path for queue mutations: enqueue, assign, requeue, close.
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { createAbandonRates, createHandleTimes } from "../domain/eta.js";
import { createQueues } from "../domain/queue.js";
import { planAssignments, type AgentSlot } from "../domain/routing.js";
import type { AgentId, ConversationId } from "../protocol/ids.js";
import type { AgentServerEvents, VisitorServerEvents } from "../protocol/events.js";
import type { AgentStatus, SystemNotice } from "../protocol/views.js";
import type { AgentRecord, ConversationRecord, MessageDraft, Store } from "../store/port.js";
import { accepting, estimateContext, standingAt, type EstimateContext } from "./estimates.js";
import { createSerial } from "./serial.js";
import { agentView, visitorView } from "./views.js";

/** How the desk reaches connected clients (implemented with Socket.IO rooms; a fake in tests). */
export interface Notifier {
  visitor<E extends keyof VisitorServerEvents>(visitorId: string, event: E, ...args: Parameters<VisitorServerEvents[E]>): void;
  agent<E extends keyof AgentServerEvents>(agentId: AgentId, event: E, ...args: Parameters<AgentServerEvents[E]>): void;
  /** Drops every socket of an agent (account removed). */
  disconnectAgent(agentId: AgentId): void;
}

export interface DeskDeps {
  store: Store;
  config: Config;
  notify: Notifier;
  logger: Logger;
  now?: () => number;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  schedule?: (ms: number, fn: () => void) => () => void;
}

/** Live state of one agent account. */
export interface AgentState {
  record: AgentRecord;
  sockets: number;
  status: AgentStatus;
  idleSince: number;
  /** Cancels the pending hand-back after a disconnect. */
  cancelGrace: (() => void) | null;
  /** Open conversations assigned to them. */
  assigned: Set<ConversationId>;
}

export type DeskCore = ReturnType<typeof createDeskCore>;

export function createDeskCore(deps: DeskDeps) {
  const { store, config, notify, logger } = deps;
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? ((ms, fn) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  });
  const serial = createSerial();
  const queues = createQueues();
  /** Open (queued or assigned) conversations; this process is the only writer of conversation records. */
  const open = new Map<ConversationId, ConversationRecord>();
  const agents = new Map<AgentId, AgentState>();
  const handleTimes = createHandleTimes(config.defaultHandleS);
  /** People leaving queues unserved, per second waited: the estimate expects the line ahead to shorten by it. */
  const abandonRates = createAbandonRates();
  /** Arrival times are made strictly increasing, so two chats in the same millisecond keep their order (FIFO). */
  let lastQueuedAt = 0;
  const nextQueuedAt = () => (lastQueuedAt = Math.max(now(), lastQueuedAt + 1));
  const noteQueuedAt = (t: number) => void (lastQueuedAt = Math.max(lastQueuedAt, t));
  /** The standing last pushed to each waiting visitor: only changes are pushed. */
  const lastPushed = new Map<ConversationId, string>();

  const agentName = (c: ConversationRecord) => (c.assigneeId ? agents.get(c.assigneeId)?.record.name ?? null : null);
  const context = () => estimateContext(agents.values(), queues, config, now());
  const standing = (c: ConversationRecord, ctx: EstimateContext = context()) => {
    const position = queues.position(c.id);
    if (position === null) return null;
    return standingAt(ctx, config, c.language, position, queues.line(c.language).length, handleTimes.estimate(c.language), abandonRates.rate(c.language));
  };

  /**
   * Last sequence numbers of open conversations. Every append goes through this desk (and `broadcastMessage`), so
   * after one read the number is kept here: announcing the queues on every change and tick reads no message files.
   */
  const lastSeqs = new Map<ConversationId, number>();
  async function lastSeqOf(conversationId: ConversationId): Promise<number> {
    const known = lastSeqs.get(conversationId);
    if (known !== undefined) return known;
    const seq = await store.messages.lastSeq(conversationId);
    if (open.has(conversationId)) lastSeqs.set(conversationId, Math.max(seq, lastSeqs.get(conversationId) ?? 0));
    return lastSeqs.get(conversationId) ?? seq;
  }

  async function viewForVisitor(c: ConversationRecord, ctx?: EstimateContext) {
    return visitorView(c, await lastSeqOf(c.id), agentName(c), c.status === "queued" ? standing(c, ctx) : null);
  }

  async function viewForAgent(c: ConversationRecord) {
    const lastSeq = await lastSeqOf(c.id);
    const unread = (await store.messages.list(c.id, c.agentReadSeq)).filter((m) => m.author === "visitor").length;
    // The list preview is the last thing a person wrote, not a system line such as "Alex joined the chat".
    const recent = await store.messages.list(c.id, Math.max(0, lastSeq - 20));
    const lastMessage = recent.findLast((m) => m.author !== "system") ?? recent.at(-1) ?? null;
    return agentView(c, lastMessage, unread, lastSeq);
  }

  /** Stores a system line in the transcript and tells both sides. The id is deterministic, so a repeat stores once. */
  async function systemLine(c: ConversationRecord, id: string, text: string, notice: SystemNotice) {
    const draft: MessageDraft = { id, author: "system", text, at: now(), notice };
    const { message, duplicate } = await store.messages.append(c.id, draft);
    if (!duplicate) broadcastMessage(c, message);
  }

  function broadcastMessage(c: ConversationRecord, message: Parameters<VisitorServerEvents["message:created"]>[0]) {
    if (open.has(c.id)) lastSeqs.set(c.id, Math.max(message.seq, lastSeqs.get(c.id) ?? 0));
    notify.visitor(c.visitorId, "message:created", message);
    if (c.assigneeId) notify.agent(c.assigneeId, "message:created", message);
  }

  /** Tells every visitor waiting in these languages (all when omitted) where they now stand, if it changed. */
  async function announceQueues(languages: Iterable<string> = queues.languages()) {
    const ctx = context();
    for (const language of new Set(languages)) {
      for (const waiting of queues.line(language)) {
        const c = open.get(waiting.id);
        if (!c) continue;
        const view = await viewForVisitor(c, ctx);
        const key = JSON.stringify(view);
        if (lastPushed.get(c.id) === key) continue;
        lastPushed.set(c.id, key);
        notify.visitor(c.visitorId, "conversation:updated", view);
      }
    }
  }

  async function save(c: ConversationRecord) {
    await store.conversations.put(c);
    if (c.status === "closed") {
      open.delete(c.id);
      lastSeqs.delete(c.id);
    } else open.set(c.id, c);
    if (c.status !== "queued") lastPushed.delete(c.id);
  }

  function slots(): AgentSlot[] {
    return [...agents.values()].map((a) => ({
      id: a.record.id,
      languages: a.record.languages,
      maxChats: a.record.maxChats,
      load: a.assigned.size,
      accepting: accepting(a, now()),
      idleSince: a.idleSince,
    }));
  }

  /** Assigns whatever can be assigned now. Must run inside `serial`. */
  async function drain() {
    const plan = planAssignments(queues, slots(), now(), { policy: config.routingPolicy });
    const touched = new Set<string>();
    for (const { conversationId, agentId } of plan) {
      const c = open.get(conversationId);
      const agent = agents.get(agentId);
      if (!c || c.status !== "queued" || !agent) continue;
      const assigned: ConversationRecord = { ...c, status: "assigned", assigneeId: agentId, epoch: c.epoch + 1, assignedAt: now() };
      await save(assigned);
      queues.remove(c.id);
      abandonRates.record(c.language, (now() - c.queuedAt) / 1000, false);
      agent.assigned.add(c.id);
      agent.idleSince = now();
      touched.add(c.language);
      logger.info({ conversationId, agentId, language: c.language }, "conversation assigned");
      notify.agent(agentId, "conversation:assigned", await viewForAgent(assigned));
      await systemLine(assigned, `sys_join_${assigned.epoch}_${c.id}`, `${agent.record.name} joined the chat`, { kind: "joined", name: agent.record.name });
      notify.visitor(c.visitorId, "conversation:updated", await viewForVisitor(assigned));
    }
    await announceQueues(touched);
  }

  /** Puts an agent's open conversations back at the head of their queues. Must run inside `serial`. */
  async function requeueAll(agentId: AgentId, reason: "requeued" | "removed") {
    const agent = agents.get(agentId);
    const ids = agent ? [...agent.assigned] : [...open.values()].filter((c) => c.assigneeId === agentId).map((c) => c.id);
    const touched = new Set<string>();
    for (const id of ids) {
      const c = open.get(id);
      agent?.assigned.delete(id);
      if (!c || c.assigneeId !== agentId) continue;
      const queued: ConversationRecord = { ...c, status: "queued", assigneeId: null, priority: 1, agentReadSeq: 0 };
      await save(queued);
      queues.enqueue(queued);
      touched.add(c.language);
      logger.info({ conversationId: id, agentId }, "conversation requeued");
      notify.agent(agentId, "conversation:unassigned", { conversationId: id, reason });
      await systemLine(queued, `sys_requeue_${c.epoch}_${id}`, "Your agent was disconnected. You are back at the front of the queue.", { kind: "requeued" });
    }
    await announceQueues(touched);
  }

  return { store, config, notify, logger, now, schedule, serial, queues, open, agents, handleTimes, abandonRates, nextQueuedAt, noteQueuedAt, context, standing, viewForVisitor, viewForAgent, broadcastMessage, systemLine, announceQueues, save, drain, requeueAll };
}
