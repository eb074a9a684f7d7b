// Handing a conversation on: transfer to a colleague or another language's queue, declining a transfer, and a
// supervisor taking a chat over. Every change is a compare-and-set on the conversation's epoch (core.commit).
import { LANGUAGE_NAMES } from "../config.js";
import type { AgentId, ConversationId } from "../protocol/ids.js";
import type { ConversationAssignPayload, ConversationTransferPayload } from "../protocol/schemas.js";
import type { AgentConversationView, TransferBlock, TransferOptionsView } from "../protocol/views.js";
import type { ConversationRecord } from "../store/port.js";
import type { AgentState } from "./agent-state.js";
import { accepting } from "./estimates.js";
import type { DeskCore } from "./core.js";
import { outcome, type Effects, type Outcome } from "./effects.js";
import { addNote } from "./notes.js";
import { fail, ok } from "./result.js";

const NOT_FOUND = outcome<never>(fail("not_found", "No such conversation"));

export function createHandover(core: DeskCore) {
  const { serial, agents, now, logger } = core;
  const pending = core.pendingTransfers;

  /** Gives `c` to `to` (an agent who takes it now) and tells everyone concerned. Must run inside `serial`. */
  async function handTo(fx: Effects, c: ConversationRecord, to: AgentId, reason: "transferred" | "taken_over", transfer?: AgentConversationView["transfer"]) {
    const from = c.assigneeId;
    const wasQueued = c.status === "queued";
    const next = await core.commit(c, { ...c, status: "assigned", assigneeId: to, assignedAt: now(), agentReadSeq: 0 });
    if (wasQueued) {
      // Answered from the line by a supervisor: it counts for the estimates as any answer does (and is forgotten).
      core.queues.remove(c.id);
      core.leftQueue(c, { waitedS: (now() - c.queuedAt) / 1000, answered: true });
    }
    if (from) {
      agents.get(from)?.assigned.delete(c.id);
      fx.push({ type: "conversation.unassigned", agentId: from, conversationId: c.id, reason });
    }
    const target = agents.get(to)!;
    target.assigned.add(c.id);
    target.idleSince = now();
    fx.push({ type: "conversation.assigned", agentId: to, view: { ...(await core.viewForAgent(next)), ...(transfer ? { transfer } : {}) } });
    if (reason === "taken_over") {
      await core.systemLine(fx, next, `sys_join_${next.epoch}_${c.id}`, `${target.record.name} joined the chat`, { kind: "joined", name: target.record.name });
    } else {
      await core.systemLine(fx, next, `sys_transfer_${next.epoch}_${c.id}`, "You are being transferred to another agent", { kind: "transferred" });
    }
    fx.push({ type: "conversation.visitor", visitorId: c.visitorId, view: await core.viewForVisitor(next) });
    // The sender's freed slot serves whoever waits (a queued chat taken from the line moves the others up).
    await core.drain(fx);
    if (wasQueued) await core.announceQueues(fx, [c.language]);
    return next;
  }

  /** Puts `c` back in a queue (its own language or another), keeping its place in time. Must run inside `serial`. */
  async function toQueue(fx: Effects, c: ConversationRecord, language: string, priority: number) {
    const from = c.assigneeId;
    const queued = await core.commit(c, { ...c, status: "queued", assigneeId: null, language, priority, agentReadSeq: 0 });
    core.queues.enqueue(queued);
    if (from) {
      agents.get(from)?.assigned.delete(c.id);
      fx.push({ type: "conversation.unassigned", agentId: from, conversationId: c.id, reason: "transferred" });
    }
    const name = LANGUAGE_NAMES[language] ?? language;
    await core.systemLine(fx, queued, `sys_transfer_${queued.epoch}_${c.id}`, `You are being transferred to the ${name} queue`, { kind: "transferred", language });
    await core.drain(fx);
    await core.announceQueues(fx, new Set([c.language, language]));
    return core.open.get(c.id) ?? queued;
  }

  /** Why `a` cannot take this conversation now (its language, connected, Online, on shift, a free slot), or null. */
  function blockOf(a: AgentState, c: ConversationRecord, at: number): TransferBlock | null {
    if (!a.record.languages.includes(c.language)) return "language";
    if (a.sockets === 0 || a.status === "offline" || a.record.disabled) return "offline";
    if (a.status === "away") return "away";
    if (!accepting(a, at)) return "off_shift";
    return a.assigned.size < a.record.maxChats ? null : "full";
  }

  /** Can `agentId` take this conversation now? */
  function canTake(agentId: AgentId, c: ConversationRecord) {
    const a = agents.get(agentId);
    return !!a && blockOf(a, c, now()) === null;
  }

  return {
    /**
     * Where `conversationId` (held by `actorId`, or any open conversation for a supervisor) may go: every other active
     * colleague, with why those who cannot take it now cannot, and the other languages' queues.
     */
    options: async (actorId: AgentId, supervisor: boolean, conversationId: ConversationId): Promise<Outcome<TransferOptionsView>> => {
      const c = core.open.get(conversationId);
      if (!c || (!supervisor && c.assigneeId !== actorId)) return NOT_FOUND;
      const at = now();
      const colleagues = [...agents.values()]
        .filter((a) => a.record.id !== actorId && a.record.id !== c.assigneeId && !a.record.disabled)
        .map((a) => ({ id: a.record.id, name: a.record.name, languages: [...a.record.languages], openChats: a.assigned.size, maxChats: a.record.maxChats, unavailable: blockOf(a, c, at) }))
        .sort((x, y) => Number(x.unavailable !== null) - Number(y.unavailable !== null) || x.name.localeCompare(y.name));
      const queues = core.config.languages
        .filter((language) => language !== c.language)
        .map((language) => ({
          language,
          name: LANGUAGE_NAMES[language] ?? language,
          waiting: core.queues.line(language).length,
          agentsAvailable: [...agents.values()].filter((a) => a.record.languages.includes(language) && accepting(a, at)).length,
        }));
      return outcome(ok({ agents: colleagues, queues }));
    },

    /**
     * Hands `conversationId` (held by `actorId`, or any conversation for a supervisor) to an available colleague, who
     * is told why, or to a language's queue. The sender no longer holds it; the customer is told in their language.
     */
    transfer: (actorId: AgentId, supervisor: boolean, p: ConversationTransferPayload): Promise<Outcome<AgentConversationView>> =>
      serial.run(async () => {
        const c = core.open.get(p.conversationId);
        if (!c || (!supervisor && c.assigneeId !== actorId)) return NOT_FOUND;
        if (c.status !== "assigned" && !supervisor) return outcome(fail("not_assigned", "This chat is not yours to transfer"));
        const actor = agents.get(actorId);
        const fx: Effects = [];
        const note = p.note || null;
        // Refusals come first: a transfer that does not happen stores no note.
        const language = "language" in p.to ? p.to.language.toLowerCase().split(/[-_]/)[0]! : null;
        if ("agentId" in p.to) {
          if (p.to.agentId === c.assigneeId) return outcome(fail("invalid_payload", "The chat is already with that agent"));
          if (!canTake(p.to.agentId, c)) return outcome(fail("agent_unavailable", "That agent cannot take this chat now (offline, full, off shift or not speaking its language)"));
        } else if (!core.config.languages.includes(language!)) return outcome(fail("unknown_language", `Language "${p.to.language}" is not offered`));
        if (note) await addNote(core, fx, c, `transfer_${c.epoch}_${c.id}`, actor?.record.name ?? "Agent", `Transfer: ${note}`);
        if ("agentId" in p.to) {
          const fromName = actor?.record.name ?? "A colleague";
          const next = await handTo(fx, c, p.to.agentId, "transferred", { fromName, note });
          if (c.assigneeId) pending.set(c.id, { from: c.assigneeId, fromName, note, epoch: next.epoch });
          logger.info({ conversationId: c.id, from: c.assigneeId, to: p.to.agentId }, "conversation transferred to an agent");
          return outcome(ok(await core.viewForAgent(next)), fx);
        }
        const next = await toQueue(fx, c, language!, c.priority);
        logger.info({ conversationId: c.id, from: c.assigneeId, language }, "conversation transferred to a queue");
        return outcome(ok(await core.viewForAgent(next)), fx);
      }),

    /** The receiver of a transfer declines it: back to the sender if they have room, else to the head of its queue. */
    decline: (agentId: AgentId, conversationId: ConversationId): Promise<Outcome<null>> =>
      serial.run(async () => {
        const c = core.open.get(conversationId);
        const offer = pending.get(conversationId);
        if (!c || c.assigneeId !== agentId) return NOT_FOUND;
        if (!offer || offer.epoch !== c.epoch) return outcome(fail("invalid_payload", "Only a chat just transferred to you can be declined"));
        pending.delete(conversationId);
        const fx: Effects = [];
        const back = canTake(offer.from, c);
        if (back) await handTo(fx, c, offer.from, "transferred", { fromName: agents.get(agentId)?.record.name ?? "A colleague", note: "Declined", declined: true });
        else await toQueue(fx, c, c.language, 1);
        return outcome(ok(null), fx);
      }),

    /**
     * A supervisor gives a waiting customer to a colleague (connected, Online, on shift, speaking its language; beyond
     * their maximum of chats if the supervisor so decides) or to themselves, whatever their load.
     * `not_queued` when the chat was assigned meanwhile; `agent_unavailable` when the colleague cannot take it.
     */
    assign: (supervisorId: AgentId, p: ConversationAssignPayload): Promise<Outcome<AgentConversationView>> =>
      serial.run(async () => {
        const c = core.open.get(p.conversationId);
        if (!c || !agents.has(supervisorId)) return NOT_FOUND;
        if (c.status !== "queued" || (p.epoch !== undefined && p.epoch !== c.epoch)) return outcome(fail("not_queued", "This customer is no longer waiting (assigned or moved meanwhile)"));
        const target = agents.get(p.agentId);
        const block = target ? blockOf(target, c, now()) : "offline";
        // The supervisor decides the load: a colleague who is full may still be given the chat (that is why it waits).
        if (p.agentId !== supervisorId && block !== null && block !== "full") return outcome(fail("agent_unavailable", "That agent cannot take this chat now (offline, away, off shift or not speaking its language)"));
        const fx: Effects = [];
        const next = await handTo(fx, c, p.agentId, "taken_over");
        core.watchers.get(c.id)?.delete(p.agentId);
        logger.info({ conversationId: c.id, supervisorId, to: p.agentId }, "queued conversation assigned by a supervisor");
        return outcome(ok(await core.viewForAgent(next)), fx);
      }),

    /** A supervisor takes the conversation (queued or someone else's) whatever their own load. */
    takeover: (supervisorId: AgentId, conversationId: ConversationId): Promise<Outcome<AgentConversationView>> =>
      serial.run(async () => {
        const c = core.open.get(conversationId);
        if (!c || !agents.has(supervisorId)) return NOT_FOUND;
        if (c.assigneeId === supervisorId) return outcome(ok(await core.viewForAgent(c)));
        const fx: Effects = [];
        const next = await handTo(fx, c, supervisorId, "taken_over");
        pending.delete(conversationId);
        core.watchers.get(conversationId)?.delete(supervisorId);
        logger.info({ conversationId, supervisorId, from: c.assigneeId }, "conversation taken over");
        return outcome(ok(await core.viewForAgent(next)), fx);
      }),
  };
}
