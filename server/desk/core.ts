// The desk's shared state and the one serialized path for queue mutations: enqueue, assign, requeue, close.
// Nothing here touches a socket: every decision is pushed onto the operation's effect list (see effects.ts).
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { createAbandonRates, createHandleTimes, createSpreadCalibration, HANDLE_TIME_WINDOW, type Eta } from "../domain/eta.js";
import { createQueues } from "../domain/queue.js";
import { planAssignments, type AgentSlot } from "../domain/routing.js";
import type { AgentId, ConversationId } from "../protocol/ids.js";
import type { AgentStatus, MessageView, SystemNotice } from "../protocol/views.js";
import type { DeskMemory } from "./memory.js";
import type { ConversationRecord, MessageDraft, Store } from "../store/port.js";
import type { AgentState } from "./agent-state.js";
import type { Effects, Publish } from "./effects.js";
import { accepting, estimateAt, estimateContext, olderThan, standingAt, type EstimateContext } from "./estimates.js";
import { DeskError, fail } from "./result.js";
import { createSerial } from "./serial.js";
import { agentView, listPreview, visitorView } from "./views.js";
import type { DeskMetrics } from "../metrics/metrics.js";
import type { QueueOfflineReply } from "./offline-replies.js";

export type { AgentState } from "./agent-state.js";

export interface DeskDeps {
  store: Store;
  config: Config;
  /** Delivers effects decided outside any caller's operation (grace periods, the queue tick, agent sync). */
  publish: Publish;
  logger: Logger;
  now?: () => number;
  /** Schedules `fn` after `ms`; returns a cancel function. */
  schedule?: (ms: number, fn: () => void) => () => void;
  /** Operational counters (GET /metrics). */
  metrics?: DeskMetrics;
  /** On a cluster: where agents' Status and the handle times outlive this desk (memory.ts). */
  memory?: DeskMemory;
  /**
   * The grace agents with chats get when this desk starts (default AGENT_GRACE_SECONDS). On a cluster at least a node
   * heartbeat's lifetime: a desk that moved hears of the agents on the other nodes only once those nodes report them.
   */
  startGraceMs?: number;
  /** Queues the email of answers for a customer who left (OFFLINE_REPLY_EMAIL_SECONDS); none: no such emails. */
  queueOfflineReply?: QueueOfflineReply;
}

/** A transfer its receiver may still decline. */
export interface PendingTransfer {
  from: AgentId;
  fromName: string;
  note: string | null;
  /** The conversation's epoch right after the transfer: any later change ends the offer. */
  epoch: number;
}

export type DeskCore = ReturnType<typeof createDeskCore>;

/** Thrown when the stored conversation moved on since it was read (another writer won the compare-and-set). */
export const staleConversation = () => new DeskError(fail("stale_epoch", "This conversation changed meanwhile; reload it and try again"));

export function createDeskCore(deps: DeskDeps) {
  const { store, config, publish, logger } = deps;
  const now = deps.now ?? Date.now;
  const schedule = deps.schedule ?? ((ms, fn) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  });
  const serial = createSerial();
  const queues = createQueues();
  /** Open (queued or assigned) conversations as last written; every write is a compare-and-set on their epoch. */
  const open = new Map<ConversationId, ConversationRecord>();
  const agents = new Map<AgentId, AgentState>();
  const measured = createHandleTimes(config.defaultHandleS);
  /** Finished chats recorded so far, remembered ones included (a new one is a new measurement). */
  let finished = 0;
  // Every finished chat's handle time is kept for the next desk too (cluster), without holding up the close.
  const handleTimes: typeof measured = {
    ...measured,
    record(language, seconds, endedAt) {
      finished++;
      measured.record(language, seconds, endedAt);
      if (deps.memory && seconds > 0 && Number.isFinite(seconds)) {
        const sample = endedAt === undefined ? { seconds } : { seconds, endedAt };
        void deps.memory.saveHandleTime(language, sample, HANDLE_TIME_WINDOW).catch((err: unknown) => logger.warn({ err }, "could not keep a handle time"));
      }
    },
  };
  /** Loads what an earlier desk remembered (cluster): its handle times now, agents' statuses for the caller. */
  async function recall(): Promise<Map<AgentId, AgentStatus>> {
    if (!deps.memory) return new Map();
    const remembered = await deps.memory.load();
    for (const [language, samples] of remembered.handleTimes) for (const s of samples) measured.record(language, s.seconds, s.endedAt);
    finished++;
    return new Map(remembered.statuses);
  }
  /** People leaving queues unserved, per second waited: the estimate expects the line ahead to shorten by it. */
  const rates = createAbandonRates();
  // Every exit from a queue passes here: the estimate's rates, and the metrics (assignment wait, abandonment).
  const abandonRates: typeof rates = {
    ...rates,
    record(language, waitedS, abandoned) {
      rates.record(language, waitedS, abandoned);
      deps.metrics?.queueLeft(language, waitedS, abandoned);
    },
  };
  /** How wide the ranges should be, learnt from the waits people really had (scores each joiner's first estimate). */
  const spread = createSpreadCalibration();
  const estimateAtJoin = new Map<ConversationId, Pick<Eta, "meanSeconds" | "sdSeconds">>();
  /** Arrival times are made strictly increasing, so two chats in the same millisecond keep their order (FIFO). */
  let lastQueuedAt = 0;
  const nextQueuedAt = () => (lastQueuedAt = Math.max(now(), lastQueuedAt + 1));
  const noteQueuedAt = (t: number) => void (lastQueuedAt = Math.max(lastQueuedAt, t));
  /** Supervisors following a conversation silently: they get its messages and notes as they happen. */
  const watchers = new Map<ConversationId, Set<AgentId>>();
  const watchersOf = (id: ConversationId): AgentId[] => [...(watchers.get(id) ?? [])];
  /**
   * Transfers the receiver may still decline (until they write in the chat or it moves on): who sent it, the note, and
   * the epoch the transfer produced. Part of the receiver's view of the chat, so a reload still shows it.
   */
  const pendingTransfers = new Map<ConversationId, PendingTransfer>();
  /** Each waiting customer's first words, for the supervisors' board (kept while the conversation is open). */
  const firstWords = new Map<ConversationId, string>();
  /** Each visitor's open conversation (a visitor has at most one), so nothing scans the store to find it. */
  const openByVisitor = new Map<string, ConversationId>();
  /** The standing last pushed to each waiting visitor: only changes are pushed. */
  const lastPushed = new Map<ConversationId, string>();

  const agentName = (c: ConversationRecord) => (c.assigneeId ? agents.get(c.assigneeId)?.record.name ?? null : null);
  const context = () => estimateContext(agents.values(), queues, config, now(), { languageOf: (id) => open.get(id)?.language, handleTimeS });
  /** The start times of a language's chats now assigned (their time so far counts in the measured handle time). */
  const openStarts = (language: string) => {
    const starts: number[] = [];
    for (const c of open.values()) if (c.status === "assigned" && c.language === language && c.assignedAt !== null) starts.push(c.assignedAt);
    return starts;
  };
  // Measured once per language and instant: an announcement asks for every waiting customer's history.
  const measuredAt = new Map<string, { at: number; finished: number; seconds: number }>();
  const handleTimeS = (language: string) => {
    const at = now();
    const memo = measuredAt.get(language);
    if (memo && memo.at === at && memo.finished === finished) return memo.seconds;
    const seconds = handleTimes.estimate(language, at, openStarts(language));
    measuredAt.set(language, { at, finished, seconds });
    return seconds;
  };
  const history = (language: string) => ({
    handleTimeS: handleTimeS(language),
    abandonPerS: abandonRates.rate(language, queues.waitedMs(language, now()) / 1000),
    reliable: handleTimes.reliable(language),
    spreadFactor: spread.factor(language),
  });
  /** Remembers the estimate a conversation that just joined its queue was shown, to score it when it is answered. */
  const joined = (c: ConversationRecord) => {
    const position = queues.position(c.id);
    const item = queues.get(c.id);
    const ctx = context();
    const eta = position === null || !item ? null : estimateAt(ctx, config, c.language, position, history(c.language), olderThan(ctx, item));
    if (eta) estimateAtJoin.set(c.id, { meanSeconds: eta.meanSeconds, sdSeconds: eta.sdSeconds });
  };
  /**
   * A conversation left its queue: answered or given up after `waitedS` (counted in the abandonment rate, and the
   * estimate it was shown scored), or moved elsewhere (forgotten).
   */
  const leftQueue = (c: ConversationRecord, how: { waitedS: number; answered: boolean } | null) => {
    const shown = estimateAtJoin.get(c.id);
    estimateAtJoin.delete(c.id);
    if (!how) return;
    abandonRates.record(c.language, how.waitedS, !how.answered);
    if (shown) spread.record(c.language, shown, how.waitedS, how.answered, now());
  };
  const standing = (c: ConversationRecord, ctx: EstimateContext = context()) => {
    const position = queues.position(c.id);
    const item = queues.get(c.id);
    if (position === null || !item) return null;
    return standingAt(ctx, config, c.language, position, queues.line(c.language).length, history(c.language), olderThan(ctx, item));
  };

  /**
   * Last sequence numbers of open conversations. Every append goes through this desk (`messageStored`), so after one
   * read the number is kept here: announcing the queues on every change and tick reads no message files.
   */
  const lastSeqs = new Map<ConversationId, number>();
  async function lastSeqOf(conversationId: ConversationId): Promise<number> {
    const known = lastSeqs.get(conversationId);
    if (known !== undefined) return known;
    const seq = await store.messages.lastSeq(conversationId);
    if (open.has(conversationId)) lastSeqs.set(conversationId, Math.max(seq, lastSeqs.get(conversationId) ?? 0));
    return lastSeqs.get(conversationId) ?? seq;
  }

  /** The visitor's open conversation, or null. Every open conversation is in `open` (loaded at start, kept since). */
  const openOf = (visitorId: string) => {
    const id = openByVisitor.get(visitorId);
    return id === undefined ? null : open.get(id) ?? null;
  };

  async function viewForVisitor(c: ConversationRecord, ctx?: EstimateContext) {
    return visitorView(c, await lastSeqOf(c.id), agentName(c), c.status === "queued" ? standing(c, ctx) : null);
  }

  async function viewForAgent(c: ConversationRecord) {
    const known = await lastSeqOf(c.id);
    const unread = (await store.messages.list(c.id, c.agentReadSeq)).filter((m) => m.author === "visitor").length;
    const tail = await store.messages.list(c.id, Math.max(0, known - 20));
    // On a cluster another node's message may be stored before its notice reaches this desk: the tail read says so.
    const lastSeq = Math.max(known, tail.at(-1)?.seq ?? 0);
    const { lastMessage, waitingSince } = listPreview(tail);
    const view = agentView(c, lastMessage, unread, lastSeq, c.status === "closed" ? null : waitingSince);
    const offer = pendingTransfers.get(c.id);
    return offer && offer.epoch === c.epoch ? { ...view, transfer: { fromName: offer.fromName, note: offer.note } } : view;
  }

  /** A message was stored (here or, on a cluster, by another node): what the desk keeps of it. */
  function noteMessage(c: ConversationRecord, message: MessageView) {
    if (open.has(c.id)) lastSeqs.set(c.id, Math.max(message.seq, lastSeqs.get(c.id) ?? 0));
    // The receiver of a transfer who writes in the chat has accepted it.
    if (message.author === "agent") pendingTransfers.delete(c.id);
    if (message.author === "visitor" && open.has(c.id) && !firstWords.has(c.id) && message.text) firstWords.set(c.id, message.text.slice(0, 200));
  }

  /** A message was stored: remember its seq and tell both sides. */
  function messageStored(fx: Effects, c: ConversationRecord, message: MessageView) {
    noteMessage(c, message);
    deps.metrics?.messageStored(message.author);
    fx.push({ type: "message.created", to: { visitorId: c.visitorId, agentId: c.assigneeId, watchers: watchersOf(c.id) }, message });
  }

  /** Stores a system line in the transcript and tells both sides. The id is deterministic, so a repeat stores once. */
  async function systemLine(fx: Effects, c: ConversationRecord, id: string, text: string, notice: SystemNotice) {
    const draft: MessageDraft = { id, author: "system", text, at: now(), notice };
    const { message, duplicate } = await store.messages.append(c.id, draft);
    if (!duplicate) messageStored(fx, c, message);
  }

  /** Tells every visitor waiting in these languages (all when omitted) where they now stand, if it changed. */
  async function announceQueues(fx: Effects, languages: Iterable<string> = queues.languages()) {
    const ctx = context();
    for (const language of new Set(languages)) {
      for (const waiting of queues.line(language)) {
        const c = open.get(waiting.id);
        if (!c) continue;
        const view = await viewForVisitor(c, ctx);
        // Pushed when the standing changes; its time alone changing is no news (the widget counts down from it).
        const key = JSON.stringify({ ...view.queue, computedAt: 0 });
        if (lastPushed.get(c.id) === key) continue;
        lastPushed.set(c.id, key);
        fx.push({ type: "conversation.visitor", visitorId: c.visitorId, view });
      }
    }
  }

  function remember(c: ConversationRecord) {
    if (c.status === "closed") {
      open.delete(c.id);
      lastSeqs.delete(c.id);
      pendingTransfers.delete(c.id);
      firstWords.delete(c.id);
      if (openByVisitor.get(c.visitorId) === c.id) openByVisitor.delete(c.visitorId);
      watchers.delete(c.id);
    } else {
      open.set(c.id, c);
      openByVisitor.set(c.visitorId, c.id);
    }
    if (c.status !== "queued") lastPushed.delete(c.id);
  }

  /** Stores a new conversation. */
  async function create(c: ConversationRecord) {
    if (!(await store.conversations.create(c))) throw staleConversation();
    remember(c);
  }

  /**
   * Writes `next` over `read` if the stored conversation is still at the epoch `read` has (compare-and-set), and returns
   * what was stored (its epoch one higher). A stale write changes nothing: the desk takes the stored record as the truth
   * and the operation fails with `stale_epoch`.
   */
  async function commit(read: ConversationRecord, next: ConversationRecord): Promise<ConversationRecord> {
    const result = await store.conversations.update(next, read.epoch);
    if (!result.ok) {
      if (result.current) remember(result.current);
      logger.warn({ conversationId: read.id, epoch: read.epoch, stored: result.current?.epoch ?? null }, "stale conversation write refused");
      throw staleConversation();
    }
    remember(result.conversation);
    return result.conversation;
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

  /**
   * Assigns whatever can be assigned now. Must run inside `serial`. The plan's compare-and-sets go to the store at once
   * instead of one after another, each chat taken out of its queue as its write is issued. A write that fails puts
   * its chat back in its place (the queue's order is by priority and time) while the others of the plan that were
   * stored are assigned: only a failing store (disk full) can serve a chat before one ahead of it. What follows an assignment (its views, its join line) runs for
   * all of them together, so their join lines share one journal write. Each keeps its own effects in order (the agent
   * learns of the chat before its join line); the first failure is thrown once everything assigned has been told.
   */
  async function drain(fx: Effects) {
    const plan = planAssignments(queues, slots(), now(), { policy: config.routingPolicy }).flatMap(({ conversationId, agentId }) => {
      const c = open.get(conversationId);
      const agent = agents.get(agentId);
      return c && c.status === "queued" && agent ? [{ c, agent }] : [];
    });
    const writes = plan.map(({ c, agent }) => {
      queues.remove(c.id);
      return commit(c, { ...c, status: "assigned", assigneeId: agent.record.id, assignedAt: now() });
    });
    const written = await Promise.allSettled(writes);
    const touched = new Set<string>();
    const assigned: { c: ConversationRecord; agent: AgentState }[] = [];
    let failure: { error: unknown } | null = null;
    for (const [i, { c, agent }] of plan.entries()) {
      const outcome = written[i]!;
      if (outcome.status === "rejected") {
        failure ??= { error: outcome.reason };
        // Back in its place, as the store has it (a stale write left the stored record in `open`).
        const current = open.get(c.id);
        if (current?.status === "queued") queues.enqueue(current);
        continue;
      }
      assigned.push({ c: outcome.value, agent });
      leftQueue(c, { waitedS: (now() - c.queuedAt) / 1000, answered: true });
      agent.assigned.add(c.id);
      agent.idleSince = now();
      touched.add(c.language);
      logger.info({ conversationId: c.id, agentId: agent.record.id, language: c.language }, "conversation assigned");
    }
    const decided = assigned.map((): Effects => []);
    const settled = await Promise.allSettled(assigned.map(({ c, agent }, i) => announceAssignment(decided[i]!, c, agent)));
    for (const effects of decided) fx.push(...effects);
    if (failure) throw failure.error;
    const failed = settled.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
    await announceQueues(fx, touched);
  }

  /** Tells the agent and the visitor of an assignment, with the join line in between. */
  async function announceAssignment(fx: Effects, assigned: ConversationRecord, agent: AgentState) {
    // The agent learns of the chat first, so the join line and every later message find it in their list.
    fx.push({ type: "conversation.assigned", agentId: agent.record.id, view: await viewForAgent(assigned) });
    await systemLine(fx, assigned, `sys_join_${assigned.epoch}_${assigned.id}`, `${agent.record.name} joined the chat`, { kind: "joined", name: agent.record.name });
    fx.push({ type: "conversation.visitor", visitorId: assigned.visitorId, view: await viewForVisitor(assigned) });
  }

  /** Puts an agent's open conversations back at the head of their queues. Must run inside `serial`. */
  async function requeueAll(fx: Effects, agentId: AgentId, reason: "requeued" | "removed") {
    const agent = agents.get(agentId);
    const ids = agent ? [...agent.assigned] : [...open.values()].filter((c) => c.assigneeId === agentId).map((c) => c.id);
    const touched = new Set<string>();
    for (const id of ids) {
      const c = open.get(id);
      agent?.assigned.delete(id);
      if (!c || c.assigneeId !== agentId) continue;
      const queued = await commit(c, { ...c, status: "queued", assigneeId: null, priority: 1, agentReadSeq: 0 });
      queues.enqueue(queued);
      touched.add(c.language);
      logger.info({ conversationId: id, agentId }, "conversation requeued");
      fx.push({ type: "conversation.unassigned", agentId, conversationId: id, reason });
      await systemLine(fx, queued, `sys_requeue_${c.epoch}_${id}`, "Your agent was disconnected. You are back at the front of the queue.", { kind: "requeued" });
    }
    await announceQueues(fx, touched);
  }

  /** Runs a mutation that nobody asked for (start-up, a timer) inside `serial` and publishes what it decided. */
  function publishing(task: (fx: Effects) => Promise<void>): Promise<void> {
    return serial.run(async () => {
      const fx: Effects = [];
      try {
        await task(fx);
      } finally {
        // Whatever was decided before a failure still happened (it is stored): tell the people concerned.
        publish(fx);
      }
    });
  }

  /** `publishing` for timers: a failure is logged, never thrown into the event loop. */
  const background = (what: string, task: (fx: Effects) => Promise<void>): Promise<void> =>
    publishing(task).catch((err) => logger.error({ err }, `${what} failed`));

  return {
    store,
    config,
    logger,
    now,
    schedule,
    serial,
    queues,
    open,
    agents,
    handleTimes,
    recall,
    memory: deps.memory ?? null,
    startGraceMs: deps.startGraceMs ?? config.agentGraceMs,
    abandonRates,
    history,
    joined,
    leftQueue,
    /** The estimate a waiting conversation was shown on joining its queue; null once it has left the queue. */
    estimateShownTo: (id: ConversationId) => estimateAtJoin.get(id) ?? null,
    nextQueuedAt,
    noteQueuedAt,
    context,
    standing,
    lastSeqOf,
    viewForVisitor,
    viewForAgent,
    messageStored,
    noteMessage,
    /** Forgets the last seqs kept (cluster: notices of other nodes' messages may have been missed); read again when needed. */
    forgetLastSeqs: () => lastSeqs.clear(),
    systemLine,
    announceQueues,
    create,
    commit,
    remember,
    openOf,
    watchers,
    watchersOf,
    pendingTransfers,
    firstWords,
    drain,
    requeueAll,
    publish,
    publishing,
    background,
  };
}
