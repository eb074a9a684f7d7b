// Drafts and the outbox: the agent's replies are shown at once, sent one at a time per conversation in
// the order written, kept while offline, and marked failed (with retry where a retry can help).
import type { ClientMessageId, ConversationId, MessageView } from "../../server/protocol/index.js";
import type { ModelContext } from "./context.js";
import { sendErrorText } from "./error-text.js";
import {
  isRetryable,
  nextPending,
  pendingMessage,
  requeueRetryable,
  updateOutgoing,
  withoutOutgoing,
} from "./outbox.js";
import type { TypingNotifier } from "./typing-notifier.js";

/** Reply actions. */
export interface SendingActions {
  /** The reply box of conversation `id` changed. */
  setDraft(id: ConversationId, text: string): void;
  /** Sends the draft of conversation `id` (nothing happens when it is blank). */
  send(id: ConversationId): void;
  /** Sends a failed message again, with the same id. */
  retry(messageId: ClientMessageId): void;
  /** Drops a failed message. */
  discard(messageId: ClientMessageId): void;
  /** Puts a failed message back into the reply box to change it. */
  edit(messageId: ClientMessageId): void;
  /** Sends everything waiting: run on every (re)connect. */
  flushAll(): void;
}

/** Creates the reply actions; `receive` takes in each stored message the server acks. */
export function createSendingActions(
  ctx: ModelContext,
  typing: TypingNotifier,
  receive: (message: MessageView) => void,
): SendingActions {
  const { state, transport } = ctx;
  const flushing = new Set<ConversationId>();

  function setDraft(id: ConversationId, text: string): void {
    state.drafts.value = new Map(state.drafts.value).set(id, text);
    if (text.trim() === "") typing.stop(id);
    else if (state.chats.value.get(id)?.view.status === "assigned") typing.input(id);
  }

  async function flush(id: ConversationId): Promise<void> {
    if (flushing.has(id)) return;
    flushing.add(id);
    try {
      for (let item = nextPending(state.outbox.value, id); item; item = nextPending(state.outbox.value, id)) {
        const { id: messageId, text } = item;
        const reply = await transport.request("message:send", { conversationId: id, id: messageId, text });
        if (reply.ok) {
          receive(reply.data);
          continue;
        }
        // Without a connection it stays pending; the next connect sends it (the same id is stored once).
        if (reply.error === "disconnected") return;
        const retryable = isRetryable(reply.error);
        const error = sendErrorText(reply.error);
        state.outbox.value = updateOutgoing(state.outbox.value, messageId, (o) => ({ ...o, state: "failed", error, retryable }));
        // A busy or silent server is not asked again at once; what is queued behind waits for the next send,
        // retry or connect.
        if (retryable) return;
      }
    } finally {
      flushing.delete(id);
    }
  }

  return {
    setDraft,
    send(id) {
      const text = (state.drafts.value.get(id) ?? "").trim();
      if (text === "" || state.chats.value.get(id)?.view.status !== "assigned") return;
      state.outbox.value = [...state.outbox.value, pendingMessage(ctx.newId(), id, text)];
      setDraft(id, "");
      void flush(id);
    },
    retry(messageId) {
      const item = state.outbox.value.find((o) => o.id === messageId);
      if (!item) return;
      state.outbox.value = updateOutgoing(state.outbox.value, messageId, (o) => ({ ...o, state: "pending", error: null }));
      void flush(item.conversationId);
    },
    discard(messageId) {
      state.outbox.value = withoutOutgoing(state.outbox.value, messageId);
    },
    edit(messageId) {
      const item = state.outbox.value.find((o) => o.id === messageId);
      if (!item) return;
      const draft = state.drafts.value.get(item.conversationId) ?? "";
      state.outbox.value = withoutOutgoing(state.outbox.value, messageId);
      setDraft(item.conversationId, draft.trim() === "" ? item.text : `${item.text}\n${draft}`);
    },
    flushAll() {
      state.outbox.value = requeueRetryable(state.outbox.value);
      for (const id of new Set(state.outbox.value.map((o) => o.conversationId))) void flush(id);
    },
  };
}
