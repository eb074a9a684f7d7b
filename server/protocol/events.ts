// The typed event maps, one per direction per namespace. Socket.IO servers and clients are parameterised
// with these, so an event name or payload that does not match fails to type-check.
import type { AckFn } from "./ack.js";
import type { ConversationId } from "./ids.js";
import type {
  BoardWatchPayload,
  ConversationTransferPayload,
  ConversationAssignPayload,
  ConversationWatchPayload,
  NoteAddPayload,
  ConversationHistoryPayload,
  ConversationRatePayload,
  ConversationReadPayload,
  ConversationRefPayload,
  ConversationResumePayload,
  ConversationTranscriptPayload,
  DeviceRegisterPayload,
  DeviceUnregisterPayload,
  ConversationMovePayload,
  ConversationStartPayload,
  MessageSendPayload,
  StatusSetPayload,
  TypingSetPayload,
} from "./schemas.js";
import type { AgentConversationView, AgentSelfView, BoardView, ConversationSummaryView, ConversationView, MessageView, NoteView, TransferOptionsView } from "./views.js";

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

/** The customer read a conversation up to `seq` (their `visitorReadSeq`). */
export interface ConversationSeen {
  conversationId: ConversationId;
  seq: number;
}

/** Visitor → server. Every event carries an ack, and every ack is answered (errors included). */
export interface VisitorClientEvents {
  /** Starts a chat with its first message (or returns the visitor's open one and adds the message to it). */
  "conversation:start": (p: ConversationStartPayload, ack: AckFn<{ conversation: ConversationView; message: MessageView }>) => void;
  /** Stores a message; acked only after it is stored, with its sequence number. A retry with the same id returns the original. */
  "message:send": (p: MessageSendPayload, ack: AckFn<MessageView>) => void;
  /**
   * Used on load and on every reconnect: the visitor's open conversation (or, with `conversationId`, that conversation
   * even once closed — so an answer given while the customer was away still arrives) and the messages after `afterSeq`,
   * at most `limit` (200 by default); `more: true` means ask again from the last one.
   */
  "conversation:resume": (p: ConversationResumePayload, ack: AckFn<{ conversation: ConversationView | null; messages: MessageView[]; more: boolean }>) => void;
  /** The visitor's conversations, newest first (at most 50). */
  "conversation:list": (p: Record<string, never> | undefined, ack: AckFn<{ conversations: ConversationSummaryView[] }>) => void;
  /** An app registers its push token: while the customer has no socket open, agent messages go to PUSH_WEBHOOK_URL. */
  "device:register": (p: DeviceRegisterPayload, ack: AckFn<null>) => void;
  "device:unregister": (p: DeviceUnregisterPayload, ack: AckFn<null>) => void;
  /** One of the visitor's conversations read backwards: the `limit` (100) messages before `beforeSeq` (default: the end). */
  "conversation:transcript": (p: ConversationTranscriptPayload, ack: AckFn<{ conversation: ConversationView; messages: MessageView[]; more: boolean }>) => void;
  "typing:set": (p: TypingSetPayload, ack: AckFn<null>) => void;
  "conversation:end": (p: ConversationRefPayload, ack: AckFn<ConversationView>) => void;
  /** Moves a waiting conversation to another language queue (offered when its own is closed); it keeps its place in time. */
  "conversation:move": (p: ConversationMovePayload, ack: AckFn<ConversationView>) => void;
  /** Rates an ended conversation, 1 ("Terrible") to 5 ("Fantastic"). */
  "conversation:rate": (p: ConversationRatePayload, ack: AckFn<ConversationView>) => void;
  /**
   * The customer has seen the messages up to `seq` (the panel is open and the tab visible): raises their read marker
   * (`visitorReadSeq`, never lowered), and the agent hears `conversation:seen`.
   */
  "conversation:read": (p: ConversationReadPayload, ack: AckFn<null>) => void;
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
  /** A conversation of the agent's (any conversation for supervisors): its messages after `afterSeq` and all its notes. */
  "conversation:history": (p: ConversationHistoryPayload, ack: AckFn<{ conversation: AgentConversationView; messages: MessageView[]; notes: NoteView[] }>) => void;
  "message:send": (p: MessageSendPayload, ack: AckFn<MessageView>) => void;
  "typing:set": (p: TypingSetPayload, ack: AckFn<null>) => void;
  "conversation:close": (p: ConversationRefPayload, ack: AckFn<AgentConversationView>) => void;
  /** Moves the agent's read marker (clears the unread count up to `seq`). */
  "conversation:read": (p: ConversationReadPayload, ack: AckFn<null>) => void;
  /** Adds an internal note (agents holding the conversation, supervisors). Idempotent by `id`. */
  "note:add": (p: NoteAddPayload, ack: AckFn<NoteView>) => void;
  /** Where the conversation may be transferred: colleagues (and why those who cannot take it now cannot) and the other queues. */
  "transfer:options": (p: ConversationRefPayload, ack: AckFn<TransferOptionsView>) => void;
  /** Hands the conversation to another available agent, or to another language's queue (keeping its place in time). */
  "conversation:transfer": (p: ConversationTransferPayload, ack: AckFn<AgentConversationView>) => void;
  /** Declines a chat a colleague just transferred: it goes back to them if they have room, else to the head of its queue. */
  "conversation:decline": (p: ConversationRefPayload, ack: AckFn<null>) => void;
  /** Supervisors: follow a conversation silently (its messages and notes arrive as they happen) or stop. */
  "conversation:watch": (p: ConversationWatchPayload, ack: AckFn<{ conversation: AgentConversationView; messages: MessageView[]; notes: NoteView[] } | null>) => void;
  /** Supervisors: take the conversation over (they become its agent, whatever their load). */
  "conversation:takeover": (p: ConversationRefPayload, ack: AckFn<AgentConversationView>) => void;
  /**
   * Supervisors: give a waiting customer to an agent (connected, Online, on shift, speaking its language; even beyond their maximum of chats), or to themselves.
   * Errors: `not_queued` (assigned or moved meanwhile, or `epoch` no longer current), `agent_unavailable`, `forbidden`.
   */
  "conversation:assign": (p: ConversationAssignPayload, ack: AckFn<AgentConversationView>) => void;
  /** Supervisors: subscribe to the live board (`board:updated`), or stop. */
  "board:watch": (p: BoardWatchPayload, ack: AckFn<BoardView | null>) => void;
}

/** Why a conversation left an agent. */
export type UnassignReason = "requeued" | "removed" | "transferred" | "taken_over";

/** Server → agent. */
export interface AgentServerEvents {
  /** The agent's own state changed (status, or settings changed with `parley agent …`). */
  "agent:updated": (a: AgentSelfView) => void;
  "conversation:assigned": (c: AgentConversationView) => void;
  "conversation:updated": (c: AgentConversationView) => void;
  "conversation:unassigned": (u: { conversationId: ConversationId; reason: UnassignReason }) => void;
  "message:created": (m: MessageView) => void;
  "typing:changed": (t: TypingChanged) => void;
  /** An internal note was added to a conversation the agent holds or watches. */
  "note:created": (n: NoteView) => void;
  /** The customer's read marker moved: the agent's messages up to `seq` were seen ("Seen"). */
  "conversation:seen": (s: ConversationSeen) => void;
  /** Supervisors watching the board: its new state (at most about once a second). */
  "board:updated": (b: BoardView) => void;
}
