// Pure operations on the agent's outgoing messages: sent optimistically, kept until the server stores them.
import type { AttachmentView, ClientMessageId, ConversationId } from "../../server/protocol/index.js";
import type { RequestError } from "./ports.js";

/** An agent message on its way to the server, or one that could not be stored. */
export interface Outgoing {
  /** The client message id; a retry reuses it, so the server stores the message once. */
  id: ClientMessageId;
  conversationId: ConversationId;
  text: string;
  state: "pending" | "failed";
  /** Why it failed, for people. */
  error: string | null;
  /** Whether sending it again can succeed (a timeout or a busy server, not a closed conversation). */
  retryable: boolean;
  /** Files already uploaded to the conversation that the message carries. */
  attachments?: AttachmentView[];
}

/** A new pending message. */
export function pendingMessage(id: ClientMessageId, conversationId: ConversationId, text: string): Outgoing {
  return { id, conversationId, text, state: "pending", error: null, retryable: true };
}

/** The outbox with message `id` changed by `change` (unchanged when absent). */
export function updateOutgoing(
  outbox: readonly Outgoing[],
  id: ClientMessageId,
  change: (item: Outgoing) => Outgoing,
): readonly Outgoing[] {
  return outbox.some((item) => item.id === id) ? outbox.map((item) => (item.id === id ? change(item) : item)) : outbox;
}

/** The outbox without message `id`; a stored message leaves the outbox this way, whether by ack or by event. */
export function withoutOutgoing(outbox: readonly Outgoing[], id: ClientMessageId): readonly Outgoing[] {
  return outbox.some((item) => item.id === id) ? outbox.filter((item) => item.id !== id) : outbox;
}

/** The outbox without any message of conversation `conversationId`. */
export function withoutConversation(outbox: readonly Outgoing[], conversationId: ConversationId): readonly Outgoing[] {
  return outbox.some((item) => item.conversationId === conversationId)
    ? outbox.filter((item) => item.conversationId !== conversationId)
    : outbox;
}

/** The next message of a conversation to send, in the order they were written. */
export function nextPending(outbox: readonly Outgoing[], conversationId: ConversationId): Outgoing | null {
  return outbox.find((item) => item.conversationId === conversationId && item.state === "pending") ?? null;
}

/** The outbox with every retryable failure pending again (after a reconnect). */
export function requeueRetryable(outbox: readonly Outgoing[]): readonly Outgoing[] {
  return outbox.some((item) => item.state === "failed" && item.retryable)
    ? outbox.map((item) => (item.state === "failed" && item.retryable ? { ...item, state: "pending", error: null } : item))
    : outbox;
}

/** Send errors that a retry cannot fix. */
const FINAL_ERRORS: ReadonlySet<RequestError> = new Set<RequestError>([
  "message_too_long",
  "empty_message",
  "not_assigned",
  "conversation_closed",
  "invalid_payload",
  "not_found",
  "forbidden",
  "unauthorized",
]);

/** Whether sending again with the same id can succeed after `error`. */
export function isRetryable(error: RequestError): boolean {
  return !FINAL_ERRORS.has(error);
}
