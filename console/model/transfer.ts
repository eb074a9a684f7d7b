// Handing a chat on: where it may go (`transfer:options`), the transfer itself (to a colleague or another language's
// queue, with a note), and declining a chat a colleague just handed over. A supervisor reassigning someone else's chat
// from the board uses the same transfer.
import type { ConversationId, TransferOptionsView } from "../../server/protocol/index.js";
import { updateEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import { requestErrorText } from "./error-text.js";
import { addNotice } from "./notices.js";

/** Where a chat goes: a colleague (by id, with their name for the notice) or a language's queue. */
export type TransferTarget = { agentId: string; name: string } | { language: string; name: string };

/** The answer to "where may this chat go": the options, or why they could not be loaded. */
export type TransferOptionsResult = { ok: true; options: TransferOptionsView } | { ok: false; error: string };

/** Transfer actions. */
export interface TransferActions {
  /** Colleagues (with why those who cannot take it now cannot) and the other queues. */
  transferOptions(id: ConversationId): Promise<TransferOptionsResult>;
  /** Hands the chat over; resolves null once done (the chat leaves the list), else the reason for the agent. */
  transfer(id: ConversationId, visitorName: string, to: TransferTarget, note: string): Promise<string | null>;
  /** Declines a chat just handed over (it goes back to the sender, or to the head of its queue). */
  decline(id: ConversationId): Promise<void>;
}

/** Creates the transfer actions; `forget` removes a chat from the agent's list. */
export function createTransferActions(ctx: ModelContext, forget: (id: ConversationId) => void): TransferActions {
  const { state, transport } = ctx;
  return {
    async transferOptions(id) {
      const reply = await transport.request("transfer:options", { conversationId: id });
      return reply.ok ? { ok: true, options: reply.data } : { ok: false, error: `Could not load who can take it: ${requestErrorText(reply.error)}.` };
    },

    async transfer(id, visitorName, to, note) {
      const trimmed = note.trim();
      const target = "agentId" in to ? { agentId: to.agentId } : { language: to.language };
      const reply = await transport.request("conversation:transfer", { conversationId: id, to: target, ...(trimmed ? { note: trimmed } : {}) });
      if (!reply.ok) return `Not transferred: ${requestErrorText(reply.error)}.`;
      forget(id);
      addNotice(ctx, `The chat with ${visitorName} was transferred to ${"agentId" in to ? to.name : `the ${to.name} queue`}.`);
      return null;
    },

    async decline(id) {
      const entry = state.chats.value.get(id);
      if (!entry) return;
      const reply = await transport.request("conversation:decline", { conversationId: id });
      if (!reply.ok) {
        // invalid_payload: the chat is no longer a fresh hand-over (it was declined back, or changed hands again).
        const why = reply.error === "invalid_payload" ? "it can no longer be declined" : requestErrorText(reply.error);
        state.chats.value = updateEntry(state.chats.value, id, (e) => (reply.error === "invalid_payload" ? { ...e, handedOver: null } : e));
        addNotice(ctx, `Could not decline the chat: ${why}.`, "error");
        return;
      }
      forget(id);
      addNotice(ctx, `You declined the chat with ${entry.view.visitorName}.`);
    },
  };
}
