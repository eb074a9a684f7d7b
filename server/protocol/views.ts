import type { AttachmentView } from "./selfservice.js";
import type { AgentId, ClientMessageId, ConversationId, LanguageCode, Seq, Timestamp, VisitorId } from "./ids.js";

/** Who wrote a message. `system` lines are written by the server ("Alex joined the chat"). */
export type Author = "visitor" | "agent" | "system";

/** Who ended a conversation: the customer, the agent, or the server (abandoned in the queue, an account removed). */
export type ClosedBy = "visitor" | "agent" | "system";

/** A stored message as every client sees it. */
export interface MessageView {
  id: ClientMessageId;
  conversationId: ConversationId;
  seq: Seq;
  author: Author;
  /** Display name of the author (agent's name for agent messages; absent for system lines). */
  authorName?: string;
  /** Plain text. Always rendered as text, never as HTML. */
  text: string;
  /** Server time of storage. */
  at: Timestamp;
  /** On system lines: what happened, so a client can say it in its own language (`text` is the English form). */
  notice?: SystemNotice;
  /**
   * Files sent with the message (uploaded first with `POST /api/conversations/:id/files`); absent when none. Each `url`
   * is `/api/conversations/<conversationId>/files/<id>`, fetched with the conversation's credentials (docs/protocol.md).
   */
  attachments?: AttachmentView[];
}


/** What a system line reports. */
export type SystemNotice =
  | { kind: "joined"; name: string }
  | { kind: "requeued" }
  | { kind: "moved"; language: LanguageCode }
  | { kind: "ended"; by: ClosedBy }
  /** Handed to another agent (`language` absent) or to another language's queue. */
  | { kind: "transferred"; language?: LanguageCode };

export type ConversationStatus = "queued" | "assigned" | "closed";

/** Where a queued conversation stands. Pushed whenever it changes. */
export interface QueueStanding {
  /** 1-based position in its language queue. */
  position: number;
  /** Conversations waiting in that language queue in all. */
  waiting: number;
  /** Estimated wait in seconds, or null when nobody serves the language within the horizon. */
  etaSeconds: number | null;
  /**
   * A range that holds the actual wait about 70 % of the time, with about 15 % waiting longer, on the grid the
   * widget words (whole minutes, coarser for long waits); near the head of a line it starts at 0 ("under 3 min"),
   * further back "about 8–13 min". Seconds from `computedAt`.
   */
  etaRange: [number, number] | null;
  /**
   * False while the language has too little history (fewer than 20 finished chats since the server started) for
   * the estimate to be precise: say it is a rough guess.
   */
  etaReliable: boolean;
  /** When the server computed this standing (epoch ms): count the estimate down from it until the next push. */
  computedAt: Timestamp;
  /**
   * The language is in peak: the median wait of someone joining its queue now exceeds PEAK_THRESHOLD_SECONDS, or a
   * configured peak window is on. About the language, not this conversation: the same as `peak` in `GET /api/queues`.
   */
  peak: boolean;
  /**
   * False when no agent for the language is available or due within the horizon (nights, holidays), or when its last
   * shift within the horizon may end before this turn (see `closing`).
   */
  open: boolean;
  /**
   * Closed although someone serves the language now or within the horizon: their shifts may end before this turn
   * (more than 15 % of the waits would run past them). Say so rather than "nobody is available"; false when open.
   */
  closing: boolean;
  /** The queue to offer instead when closed (with its own estimate in `GET /api/queues`), or null. */
  fallback: LanguageCode | null;
}

/** A help link shown beside the chat (configurable per language). */
export interface HelpLink {
  title: string;
  url: string;
}

/** One language queue as `GET /api/queues` reports it (cached for a few seconds). */
export interface QueueInfoView {
  language: LanguageCode;
  /** Display name in the language itself. */
  name: string;
  waiting: number;
  /** Agents who speak it and take new chats now. */
  agentsAvailable: number;
  /** Expected wait for someone joining now; null when closed. */
  etaSeconds: number | null;
  etaRange: [number, number] | null;
  /** As in {@link QueueStanding}: false while the language has too little history for a precise estimate. */
  etaReliable: boolean;
  /** As in {@link QueueStanding}: the median wait of someone joining now exceeds the threshold, or a peak window. */
  peak: boolean;
  open: boolean;
  /** As in {@link QueueStanding}: closed to someone joining now because the language's last shift may end first. */
  closing: boolean;
  /** The line is at QUEUE_MAX_PER_LANGUAGE: a newcomer is offered a message by email instead of a place. */
  full: boolean;
  /** The fallback language queue (default English), or null for the fallback language itself. */
  fallback: LanguageCode | null;
  helpLinks: HelpLink[];
}

/** `GET /api/queues`. */
export interface QueuesView {
  languages: QueueInfoView[];
  generatedAt: Timestamp;
}

/** A conversation as its visitor sees it. */
export interface ConversationView {
  id: ConversationId;
  language: LanguageCode;
  status: ConversationStatus;
  /** The assigned agent's display name, when assigned. */
  agentName: string | null;
  /** Present while queued. */
  queue: QueueStanding | null;
  lastSeq: Seq;
  createdAt: Timestamp;
  closedAt: Timestamp | null;
  /** Who ended it, when closed. */
  closedBy: ClosedBy | null;
  rated: boolean;
  /**
   * The customer's read marker (raised by `conversation:read`): agent messages with a higher `seq` are unread — the
   * widget's bubble count, on every device and after a reload.
   */
  visitorReadSeq: Seq;
}

/** A past or current conversation in the customer's list (`conversation:list` on /visitor). */
export interface ConversationSummaryView {
  id: ConversationId;
  language: LanguageCode;
  status: ConversationStatus;
  agentName: string | null;
  createdAt: Timestamp;
  closedAt: Timestamp | null;
  lastSeq: Seq;
  /** The last message a person wrote (customer or agent), for a preview. */
  lastMessage: MessageView | null;
  rated: boolean;
}

/** A conversation as an agent sees it in the console list. */
export interface AgentConversationView {
  id: ConversationId;
  visitorId: VisitorId;
  /** The name the visitor gave, or a generated one ("Visitor 4821"). */
  visitorName: string;
  visitorEmail: string | null;
  language: LanguageCode;
  status: ConversationStatus;
  assigneeId: AgentId | null;
  /** The page the visitor was on when the chat started. */
  pageUrl: string | null;
  lastMessage: MessageView | null;
  /** Visitor messages after the agent's read marker. */
  unread: number;
  /** The customer's read marker: agent messages up to this `seq` were seen by the customer ("Seen"). */
  visitorReadSeq: Seq;
  lastSeq: Seq;
  createdAt: Timestamp;
  closedAt: Timestamp | null;
  closedBy: ClosedBy | null;
  /** The visitor's rating once given: 1 = Terrible … 5 = Fantastic. */
  rating: { score: number; comment: string | null } | null;
  /** The fencing number of the conversation's current state (see "epoch" in docs/protocol.md). */
  epoch: number;
  /** The customer's identity was vouched for by the site (IDENTITY_SECRET); false: Unverified, whatever name they typed. */
  verified: boolean;
  /** When the customer's oldest message not yet answered by an agent was written; null when the agent spoke last. */
  waitingSince: Timestamp | null;
  /**
   * Set on `conversation:assigned` when a colleague handed the chat over: who, and why. `declined: true` when it comes
   * back because the colleague declined it (such a chat cannot be declined in turn).
   */
  transfer?: { fromName: string; note: string | null; declined?: true };
}

/** An internal note: seen by agents and supervisors only, never sent to the customer by any path. Notes have their own
 * numbering (`seq`), separate from the customer's messages, so they leave no gap in the customer's `seq`. */
export interface NoteView {
  id: ClientMessageId;
  conversationId: ConversationId;
  seq: Seq;
  internal: true;
  authorName: string;
  text: string;
  at: Timestamp;
}

/** Why a colleague cannot take a transferred chat now (see `transfer:options`). */
export type TransferBlock = "language" | "offline" | "away" | "off_shift" | "full";

/** Where a conversation may be transferred: `transfer:options`. */
export interface TransferOptionsView {
  /** Every other active agent account, those who can take it now first; `unavailable` says why the others cannot. */
  agents: Array<{ id: AgentId; name: string; languages: LanguageCode[]; openChats: number; maxChats: number; unavailable: TransferBlock | null }>;
  /** The other languages' queues, with how many wait there and how many agents can take chats in them now. */
  queues: Array<{ language: LanguageCode; name: string; waiting: number; agentsAvailable: number }>;
}

/** One language on the supervisors' live board. */
export interface BoardLanguageView {
  language: LanguageCode;
  waiting: number;
  /** Seconds the longest-waiting customer has waited (0 when nobody waits). */
  longestWaitS: number;
  /** The estimate a newcomer sees now (null: closed). */
  etaSeconds: number | null;
  etaRange: [number, number] | null;
  agentsAvailable: number;
  /** Open chats of the agents who speak it, and their slots in all. */
  load: number;
  capacity: number;
  peak: boolean;
  open: boolean;
  /** As in {@link QueueStanding}: closed to a newcomer because the language's last shift may end before their turn. */
  closing: boolean;
  /** Each waiting customer, first in line first (`waiting` of them), for Watch and `conversation:assign`. */
  queued: BoardQueuedView[];
}

/** A waiting customer on the supervisors' board. */
export interface BoardQueuedView {
  id: ConversationId;
  visitorName: string;
  /** When they joined the line (their place in time; kept across a transfer between queues). */
  queuedAt: Timestamp;
  /** The customer's first words (plain text, at most 200 characters); null when not known (e.g. after a restart). */
  preview: string | null;
  /** The conversation's epoch: pass it to `conversation:assign` to act only if nothing changed meanwhile. */
  epoch: number;
}

/** One agent on the supervisors' live board. */
export interface BoardAgentView {
  id: AgentId;
  name: string;
  role: AgentRole;
  languages: LanguageCode[];
  status: AgentStatus;
  connected: boolean;
  onShift: boolean;
  /** The agent's weekly shifts as configured ("Mon-Fri 08:00-16:00"), empty when always on shift. */
  shifts: string[];
  timeZone: string;
  openChats: number;
  maxChats: number;
  /** Their open conversations (a supervisor may watch, take over or reassign them). */
  conversations: Array<{ id: ConversationId; visitorName: string; language: LanguageCode }>;
}

/** The supervisors' live board: pushed as `board:updated` while watched. */
export interface BoardView {
  languages: BoardLanguageView[];
  agents: BoardAgentView[];
  generatedAt: Timestamp;
}

/**
 * An agent's account as the console shows it, the same in every view of an agent (the signed-in agent's own, the
 * Agents page's). Written out rather than taken from the stored record: the wire format stays as it is when the record
 * changes, and nothing stored (the password hash) reaches it by itself.
 */
export interface AgentAccountView {
  id: AgentId;
  email: string;
  name: string;
  languages: LanguageCode[];
  maxChats: number;
  role: AgentRole;
}

/** The signed-in agent, as the console sees it. */
export interface AgentSelfView extends AgentAccountView {
  status: AgentStatus;
}

export type AgentRole = "agent" | "supervisor" | "admin";
/** Online takes new chats; Away keeps current chats but takes no new ones; Offline hands chats back to the queue. */
export type AgentStatus = "online" | "away" | "offline";

/** A configured language, for the widget's Language select. */
export interface LanguageView {
  code: LanguageCode;
  /** Display name in the language itself ("Deutsch"). */
  name: string;
}

/** What the widget needs before a chat: `GET /api/widget/config`. */
export interface WidgetConfigView {
  languages: LanguageView[];
  defaultLanguage: LanguageCode;
  maxMessageLength: number;
}

/** `POST /api/visitors/identify`: the verified customer's credentials for this device, or `verified: false`. */
export type IdentifyView = { verified: true; visitorId: VisitorId; token: string } | { verified: false };

/** Credentials issued by `POST /api/visitors`; the token is shown once and kept by the widget. */
export interface VisitorCredentials {
  visitorId: VisitorId;
  token: string;
}
