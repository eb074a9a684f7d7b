// Drafts and the outbox: the agent's replies are shown at once, sent one at a time per conversation in
// the order written, kept while offline, and marked failed (with retry where a retry can help).
import type { AttachmentView, ClientMessageId, ConversationId, MessageView } from "../../server/protocol/index.js";
import { serverError, type HttpPort } from "./http-port.js";
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
  /** Uploads a file to conversation `id` and sends it in a message of its own; resolves with why not, or null. */
  sendFile(id: ConversationId, file: File): Promise<string | null>;
}

/** An `AttachmentView` answer, or null when it is not one. */
function attachmentOf(data: unknown): AttachmentView | null {
  const a = data as Partial<AttachmentView> | null;
  return a && typeof a.id === "string" && typeof a.name === "string" && typeof a.type === "string" && typeof a.size === "number" && typeof a.url === "string"
    ? { id: a.id, name: a.name, type: a.type, size: a.size, url: a.url }
    : null;
}

/** Creates the reply actions; `receive` takes in each stored message the server acks. */
export function createSendingActions(
  ctx: ModelContext,
  typing: TypingNotifier,
  receive: (message: MessageView) => void,
  http: HttpPort,
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
        const { id: messageId, text, attachments } = item;
        const files = attachments?.length ? { attachments: attachments.map((a) => a.id) } : {};
        const reply = await transport.request("message:send", { conversationId: id, id: messageId, text, ...files });
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
    async sendFile(id, file) {
      if (state.chats.value.get(id)?.view.status !== "assigned") return "This conversation is not open.";
      const form = new FormData();
      form.append("file", file, file.name);
      const uploaded = await http.request({ method: "POST", path: `/api/conversations/${encodeURIComponent(id)}/files`, form });
      if (!uploaded.ok) return serverError(uploaded).message;
      const attachment = attachmentOf(uploaded.data);
      if (!attachment) return "The server's answer was not understood.";
      state.outbox.value = [...state.outbox.value, { ...pendingMessage(ctx.newId(), id, ""), attachments: [attachment] }];
      void flush(id);
      return null;
    },
    flushAll() {
      state.outbox.value = requeueRetryable(state.outbox.value);
      for (const id of new Set(state.outbox.value.map((o) => o.conversationId))) void flush(id);
    },
  };
}
