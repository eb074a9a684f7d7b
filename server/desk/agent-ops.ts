// What an agent can do. An agent acts only on the conversations assigned to them.
import { checkText, normaliseText } from "../domain/message.js";
import type { Ack } from "../protocol/ack.js";
import type { AgentId, ConversationId } from "../protocol/ids.js";
import type { ConversationReadPayload, MessageSendPayload, TypingSetPayload } from "../protocol/schemas.js";
import type { AgentConversationView, MessageView } from "../protocol/views.js";
import type { DeskCore } from "./core.js";
import { fail, ok } from "./result.js";
import { closeConversation } from "./close.js";

const NOT_FOUND = fail("not_found", "No such conversation");

export function createAgentOps(core: DeskCore) {
  const { store, config, serial, now, agents } = core;

  /** The conversation if it is (or was, when closed) assigned to this agent; null otherwise — no existence oracle. */
  async function mine(agentId: AgentId, conversationId: ConversationId) {
    const c = core.open.get(conversationId) ?? (await store.conversations.get(conversationId));
    return c && c.assigneeId === agentId ? c : null;
  }

  return {
    async list(agentId: AgentId): Promise<Ack<{ conversations: AgentConversationView[] }>> {
      const ids = [...(agents.get(agentId)?.assigned ?? [])];
      const views: AgentConversationView[] = [];
      for (const id of ids) {
        const c = core.open.get(id);
        if (c) views.push(await core.viewForAgent(c));
      }
      return ok({ conversations: views.sort((a, b) => a.createdAt - b.createdAt) });
    },

    async history(agentId: AgentId, conversationId: ConversationId, afterSeq: number) {
      const c = await mine(agentId, conversationId);
      if (!c) return NOT_FOUND;
      return ok({ conversation: await core.viewForAgent(c), messages: await store.messages.list(c.id, afterSeq) });
    },

    async send(agentId: AgentId, p: MessageSendPayload): Promise<Ack<MessageView>> {
      const c = await mine(agentId, p.conversationId);
      if (!c) return NOT_FOUND;
      if (c.status === "closed") {
        const stored = (await store.messages.list(c.id, 0)).find((m) => m.id === p.id && m.author === "agent");
        return stored ? ok(stored) : fail("conversation_closed", "This conversation has ended");
      }
      const body = normaliseText(p.text);
      const problem = checkText(body, config.maxMessageLength);
      if (problem) return fail(problem.error, problem.message);
      const authorName = agents.get(agentId)?.record.name ?? "Agent";
      const { message, duplicate } = await store.messages.append(c.id, { id: p.id, author: "agent", authorName, text: body, at: now() });
      if (!duplicate) core.broadcastMessage(c, message);
      return ok(message);
    },

    async typing(agentId: AgentId, p: TypingSetPayload): Promise<Ack<null>> {
      const c = await mine(agentId, p.conversationId);
      if (!c || c.status !== "assigned") return c ? fail("conversation_closed", "This conversation has ended") : NOT_FOUND;
      core.notify.visitor(c.visitorId, "typing:changed", { conversationId: c.id, typing: p.typing });
      return ok(null);
    },

    close: (agentId: AgentId, conversationId: ConversationId): Promise<Ack<AgentConversationView>> =>
      serial.run(async () => {
        const c = await mine(agentId, conversationId);
        if (!c) return NOT_FOUND;
        const closed = c.status === "closed" ? c : await closeConversation(core, c, "agent");
        return ok(await core.viewForAgent(closed));
      }),

    read: (agentId: AgentId, p: ConversationReadPayload): Promise<Ack<null>> =>
      serial.run(async () => {
        const c = await mine(agentId, p.conversationId);
        if (!c) return NOT_FOUND;
        const seq = Math.min(p.seq, await store.messages.lastSeq(c.id));
        if (seq > c.agentReadSeq) await core.save({ ...c, agentReadSeq: seq });
        return ok(null);
      }),
  };
}
