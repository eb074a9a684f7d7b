// The typed event maps, one per direction per namespace. Socket.IO servers and clients are parameterised
// with these, so an event name or payload that does not match fails to type-check.
import type { AckFn } from "./ack.js";
import type { ConversationId } from "./ids.js";
import type {
  ConversationHistoryPayload,
  ConversationRatePayload,
  ConversationReadPayload,
  ConversationRefPayload,
  ConversationResumePayload,
  ConversationMovePayload,
  ConversationStartPayload,
  MessageSendPayload,
  StatusSetPayload,
  TypingSetPayload,
} from "./schemas.js";
import type { AgentConversationView, AgentSelfView, ConversationView, MessageView } from "./views.js";

/** Namespace paths. */
export const VISITOR_NAMESPACE = "/visitor";
export const AGENT_NAMESPACE = "/agent";

/** Handshake `auth` of the visitor namespace. */
export interface VisitorAuth {
  visitorId: string;
  token: string;
}

export interface TypingChanged {
  conversationId: ConversationId;
  typing: boolean;
}

/** Visitor → server. Every event carries an ack, and every ack is answered (errors included). */
export interface VisitorClientEvents {
  /** Starts a chat with its first message (or returns the visitor's open one and adds the message to it). */
  "conversation:start": (p: ConversationStartPayload, ack: AckFn<{ conversation: ConversationView; message: MessageView }>) => void;
  /** Stores a message; acked only after it is stored, with its sequence number. A retry with the same id returns the original. */
  "message:send": (p: MessageSendPayload, ack: AckFn<MessageView>) => void;
  /** The visitor's open conversation (or null) and every message after `afterSeq`: used on load and on every reconnect. */
  "conversation:resume": (p: ConversationResumePayload, ack: AckFn<{ conversation: ConversationView | null; messages: MessageView[] }>) => void;
  "typing:set": (p: TypingSetPayload, ack: AckFn<null>) => void;
  "conversation:end": (p: ConversationRefPayload, ack: AckFn<ConversationView>) => void;
  /** Moves a waiting conversation to another language queue (offered when its own is closed); it keeps its place in time. */
  "conversation:move": (p: ConversationMovePayload, ack: AckFn<ConversationView>) => void;
  /** Rates an ended conversation, 1 ("Terrible") to 5 ("Fantastic"). */
  "conversation:rate": (p: ConversationRatePayload, ack: AckFn<ConversationView>) => void;
}

/** Server → visitor. */
export interface VisitorServerEvents {
  "message:created": (m: MessageView) => void;
  "conversation:updated": (c: ConversationView) => void;
  "typing:changed": (t: TypingChanged) => void;
}

/** Agent → server. */
export interface AgentClientEvents {
  "status:set": (p: StatusSetPayload, ack: AckFn<AgentSelfView>) => void;
  /** The agent's open conversations. */
  "conversation:list": (p: Record<string, never> | undefined, ack: AckFn<{ conversations: AgentConversationView[] }>) => void;
  "conversation:history": (p: ConversationHistoryPayload, ack: AckFn<{ conversation: AgentConversationView; messages: MessageView[] }>) => void;
  "message:send": (p: MessageSendPayload, ack: AckFn<MessageView>) => void;
  "typing:set": (p: TypingSetPayload, ack: AckFn<null>) => void;
  "conversation:close": (p: ConversationRefPayload, ack: AckFn<AgentConversationView>) => void;
  /** Moves the agent's read marker (clears the unread count up to `seq`). */
  "conversation:read": (p: ConversationReadPayload, ack: AckFn<null>) => void;
}

/** Why a conversation left an agent. */
export type UnassignReason = "requeued" | "removed";

/** Server → agent. */
export interface AgentServerEvents {
  /** The agent's own state changed (status, or settings changed with `parley agent …`). */
  "agent:updated": (a: AgentSelfView) => void;
  "conversation:assigned": (c: AgentConversationView) => void;
  "conversation:updated": (c: AgentConversationView) => void;
  "conversation:unassigned": (u: { conversationId: ConversationId; reason: UnassignReason }) => void;
  "message:created": (m: MessageView) => void;
  "typing:changed": (t: TypingChanged) => void;
}
