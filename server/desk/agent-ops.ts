// What an agent can do. An agent acts only on the conversations assigned to them.
import { checkText, normaliseText } from "../domain/message.js";
import type { AgentId, ConversationId } from "../protocol/ids.js";
import type { ConversationReadPayload, MessageSendPayload, NoteAddPayload, TypingSetPayload } from "../protocol/schemas.js";
import type { AgentConversationView, MessageView, NoteView } from "../protocol/views.js";
import type { DeskCore } from "./core.js";
import { closeConversation } from "./close.js";
import { outcome, type Effects, type Outcome } from "./effects.js";
import { addNote, listNotes } from "./notes.js";
import { fail, ok } from "./result.js";
import { resolveAttachments } from "./attachments.js";
import { mayRead, mayWrite, supervisesRole, type Reader } from "../domain/conversation-access.js";

const NOT_FOUND = outcome<never>(fail("not_found", "No such conversation"));

export function createAgentOps(core: DeskCore) {
  const { store, config, serial, now, agents } = core;

  /**
   * The conversation if it is (or was, when closed) assigned to this agent — any conversation for a supervisor or an
   * admin; null otherwise (no existence oracle).
   */
  async function mine(agentId: AgentId, conversationId: ConversationId) {
    const c = core.open.get(conversationId) ?? (await store.conversations.get(conversationId));
    return c && mayRead(c, reader(agentId)) ? c : null;
  }
  /** Only the agent holding a conversation writes in it (a supervisor takes it over first). */
  async function held(agentId: AgentId, conversationId: ConversationId) {
    const c = core.open.get(conversationId) ?? (await store.conversations.get(conversationId));
    return c && mayWrite(c, reader(agentId)) ? c : null;
  }
  const reader = (agentId: AgentId): Reader => ({ kind: "agent", agentId, role: agents.get(agentId)?.record.role });
  const supervises = (agentId: AgentId) => supervisesRole(agents.get(agentId)?.record.role);

  return {
    async list(agentId: AgentId): Promise<Outcome<{ conversations: AgentConversationView[] }>> {
      const ids = [...(agents.get(agentId)?.assigned ?? [])];
      const views: AgentConversationView[] = [];
      for (const id of ids) {
        const c = core.open.get(id);
        if (c) views.push(await core.viewForAgent(c));
      }
      return outcome(ok({ conversations: views.sort((a, b) => a.createdAt - b.createdAt) }));
    },

    async history(agentId: AgentId, conversationId: ConversationId, afterSeq: number): Promise<Outcome<{ conversation: AgentConversationView; messages: MessageView[]; notes: NoteView[] }>> {
      const c = await mine(agentId, conversationId);
      if (!c) return NOT_FOUND;
      return outcome(ok({ conversation: await core.viewForAgent(c), messages: await store.messages.list(c.id, afterSeq), notes: await listNotes(core, c.id) }));
    },

    /** Adds an internal note to a conversation the agent holds (or any, for a supervisor). */
    async note(agentId: AgentId, p: NoteAddPayload): Promise<Outcome<NoteView>> {
      const c = await mine(agentId, p.conversationId);
      if (!c) return NOT_FOUND;
      const body = normaliseText(p.text);
      const problem = checkText(body, config.maxMessageLength);
      if (problem) return outcome(fail(problem.error, problem.message));
      const fx: Effects = [];
      const note = await addNote(core, fx, core.open.get(c.id) ?? c, p.id, agents.get(agentId)?.record.name ?? "Agent", body);
      return outcome(ok(note), fx);
    },

    /** Supervisors: follow a conversation silently, or stop. */
    async watch(agentId: AgentId, conversationId: ConversationId, on: boolean): Promise<Outcome<{ conversation: AgentConversationView; messages: MessageView[]; notes: NoteView[] } | null>> {
      if (!supervises(agentId)) return outcome(fail("forbidden", "Only supervisors can follow other agents' chats"));
      const c = await mine(agentId, conversationId);
      if (!c) return NOT_FOUND;
      if (!on) {
        core.watchers.get(c.id)?.delete(agentId);
        return outcome(ok(null));
      }
      // Only while it is open: a chat closed during the read above has had its watchers dropped for good.
      if (c.status !== "closed" && core.open.has(c.id)) {
        let set = core.watchers.get(c.id);
        if (!set) core.watchers.set(c.id, (set = new Set()));
        set.add(agentId);
      }
      return outcome(ok({ conversation: await core.viewForAgent(c), messages: await store.messages.list(c.id, 0), notes: await listNotes(core, c.id) }));
    },

    supervises,

    async send(agentId: AgentId, p: MessageSendPayload): Promise<Outcome<MessageView>> {
      const c = await held(agentId, p.conversationId);
      if (!c) return NOT_FOUND;
      if (c.status === "closed") {
        const stored = (await store.messages.list(c.id, 0)).find((m) => m.id === p.id && m.author === "agent");
        return outcome(stored ? ok(stored) : fail("conversation_closed", "This conversation has ended"));
      }
      const files = await resolveAttachments(store, c.id, { kind: "agent", agentId }, p.attachments, config.attachmentMaxFiles);
      if (!files.ok) return outcome(files.ack);
      const { attachments } = files;
      const body = normaliseText(p.text);
      const problem = checkText(body, config.maxMessageLength, attachments.length > 0);
      if (problem) return outcome(fail(problem.error, problem.message));
      const authorName = agents.get(agentId)?.record.name ?? "Agent";
      const draft = { id: p.id, author: "agent" as const, authorName, text: body, at: now(), ...(attachments.length > 0 && { attachments }) };
      const { message, duplicate } = await store.messages.append(c.id, draft);
      const fx: Effects = [];
      if (!duplicate) core.messageStored(fx, c, message);
      return outcome(ok(message), fx);
    },

    async typing(agentId: AgentId, p: TypingSetPayload): Promise<Outcome<null>> {
      const c = await held(agentId, p.conversationId);
      if (!c || c.status !== "assigned") return c ? outcome(fail("conversation_closed", "This conversation has ended")) : NOT_FOUND;
      return outcome(ok(null), [{ type: "typing.changed", to: { visitorId: c.visitorId }, conversationId: c.id, typing: p.typing }]);
    },

    close: (agentId: AgentId, conversationId: ConversationId): Promise<Outcome<AgentConversationView>> =>
      serial.run(async () => {
        const c = await held(agentId, conversationId);
        if (!c) return NOT_FOUND;
        const fx: Effects = [];
        const closed = c.status === "closed" ? c : await closeConversation(core, fx, c, "agent");
        return outcome(ok(await core.viewForAgent(closed)), fx);
      }),

    /**
     * Moves the agent's read marker. Runs outside the serial path and writes nothing at once: the marker is kept with the
     * open conversation and the store writes it lazily (one write per changed shard per second at most).
     */
    async read(agentId: AgentId, p: ConversationReadPayload): Promise<Outcome<null>> {
      const c = await held(agentId, p.conversationId);
      if (!c) return NOT_FOUND;
      const lastSeq = core.open.has(c.id) ? await core.lastSeqOf(c.id) : await store.messages.lastSeq(c.id);
      const seq = Math.min(p.seq, lastSeq);
      if (seq > c.agentReadSeq) {
        if (core.open.get(c.id) === c) core.open.set(c.id, { ...c, agentReadSeq: seq });
        await store.conversations.markRead(c.id, c.epoch, seq);
      }
      return outcome(ok(null));
    },
  };
}
