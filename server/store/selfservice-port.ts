// The self-service part of the store port: tickets and their messages, product feedback, the registry of official
// accounts, and the durable queue of outgoing email. Same rules as port.ts: async, copies, `null` for "not there".
import type { ConversationId, LanguageCode, Timestamp } from "../protocol/ids.js";
import type { TicketNumber, TicketSource, TicketStatus } from "../protocol/selfservice.js";

/** An uploaded file's metadata; the bytes live under DATA_DIR/uploads at `key` (server-generated). */
export interface AttachmentRecord {
  id: string;
  /** The original name, cleaned for display only. */
  name: string;
  /** Decided by the file's bytes. */
  type: string;
  size: number;
  /** Server-generated storage key ([A-Za-z0-9_-]); never derived from the upload's name. */
  key: string;
}

/** A file uploaded to a chat conversation, to be sent in a message (`message:send` with `attachments`). */
export interface ChatFileRecord extends AttachmentRecord {
  conversationId: ConversationId;
  /** Who uploaded it: only they may send it. */
  uploader: { kind: "visitor"; visitorId: string } | { kind: "agent"; agentId: string };
  at: Timestamp;
}

export interface ChatFileStore {
  /** Stores a file's metadata (the bytes are already in the upload directory). */
  put(file: ChatFileRecord): Promise<void>;
  get(id: string): Promise<ChatFileRecord | null>;
  /** The conversation's files, oldest first (quotas). */
  listByConversation(conversationId: ConversationId): Promise<ChatFileRecord[]>;
}

/** A ticket. The customer's secret token is never stored, only its SHA-256. */
export interface TicketRecord {
  id: string;
  /** Sequential, from 1001; assigned by the store. */
  number: TicketNumber;
  email: string;
  language: LanguageCode;
  category: string;
  subject: string;
  status: TicketStatus;
  source: TicketSource;
  conversationId: ConversationId | null;
  /** SHA-256 (hex) of the customer's secret token. */
  tokenHash: string;
  /** The customer wrote last and the ticket is not solved. */
  awaitingAgent: boolean;
  /**
   * The address is proven to be the customer's: created by a verified customer (IDENTITY_SECRET) whose email is this
   * one. Absent or false: anyone could have typed it, so agents put no account details in replies.
   */
  emailVerified?: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  solvedAt: Timestamp | null;
}

/** What `tickets.create` takes; the store gives it its number. */
export type TicketDraft = Omit<TicketRecord, "number">;

export interface TicketMessageRecord {
  id: string;
  author: "customer" | "agent" | "system";
  authorName?: string;
  text: string;
  attachments: AttachmentRecord[];
  at: Timestamp;
}

/** Inbox filters; every one given must match. */
export interface TicketFilter {
  status?: TicketStatus;
  category?: string;
  language?: LanguageCode;
}

export interface TicketStore {
  /** Stores a new ticket with the next number (1001, 1002, …; never reused). */
  create(draft: TicketDraft): Promise<TicketRecord>;
  get(id: string): Promise<TicketRecord | null>;
  getByTokenHash(tokenHash: string): Promise<TicketRecord | null>;
  /** Matching tickets, the most recently updated first. */
  list(filter?: TicketFilter): Promise<TicketRecord[]>;
  /** Replaces a stored ticket (by id). */
  put(ticket: TicketRecord): Promise<void>;
  /**
   * Compare-and-set: stores `ticket` only if the stored one's `updatedAt` is still `expectedUpdatedAt` (false, and nothing
   * written, when another writer changed it meanwhile or it is gone). Writers give each change a later `updatedAt`.
   */
  replace(ticket: TicketRecord, expectedUpdatedAt: number): Promise<boolean>;
}

export interface TicketMessageStore {
  /** Appends a message to a ticket's thread; resolves once it is stored. A repeated message id stores nothing. */
  append(ticketId: string, message: TicketMessageRecord): Promise<void>;
  /** The thread, oldest first (empty for an unknown ticket). */
  list(ticketId: string): Promise<TicketMessageRecord[]>;
}

export interface FeedbackRecord {
  id: string;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string;
  email: string | null;
  language: LanguageCode;
  screenshots: AttachmentRecord[];
  createdAt: Timestamp;
}

/** Feedback filters: `from` inclusive, `to` exclusive. */
export interface FeedbackFilter {
  rating?: number;
  from?: Timestamp;
  to?: Timestamp;
}

export interface FeedbackStore {
  put(feedback: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | null>;
  /** Matching feedback, newest first. */
  list(filter?: FeedbackFilter): Promise<FeedbackRecord[]>;
}

/** A registered official account. */
export interface OfficialAccountRecord {
  id: string;
  channel: string;
  /** As entered. */
  handle: string;
  /** The normalised `channel:handle`, unique in the registry. */
  key: string;
  note: string | null;
  createdAt: Timestamp;
}

/** Another official account already has this channel and handle. */
export class DuplicateOfficialError extends Error {
  override name = "DuplicateOfficialError";
  constructor(readonly key: string) {
    super(`this account is already registered (${key})`);
  }
}

export interface OfficialAccountStore {
  list(): Promise<OfficialAccountRecord[]>;
  /** Inserts or replaces by id; throws {@link DuplicateOfficialError} when another record has the same key. */
  put(account: OfficialAccountRecord): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** Changes whenever the registry changes, also when another process (the `parley` command) changed it. */
  version(): Promise<string>;
}

/**
 * What an email is about: a ticket's confirmation, an agent's reply or its solving, a chat transcript asked for in the
 * console, or (`chat_reply`) agents' answers in a chat for a customer who had left (OFFLINE_REPLY_EMAIL_SECONDS).
 */
export type OutgoingEmailKind = "ticket_created" | "agent_reply" | "ticket_solved" | "chat_transcript" | "chat_reply";

/** An email waiting to be sent (or sent, or given up). The content is rendered when it is sent. */
export interface OutgoingEmailRecord {
  id: string;
  kind: OutgoingEmailKind;
  /** The ticket it is about; for "chat_transcript" and "chat_reply", the conversation. */
  ticketId: string;
  /**
   * The ticket message it is about (agent replies); for "chat_transcript", the last message the transcript includes; for
   * "chat_reply", the answers' range `"<fromSeq>-<toSeq>"`.
   */
  messageId: string | null;
  to: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: Timestamp;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
}

export interface MailQueueStore {
  /** Inserts or replaces by id. */
  put(email: OutgoingEmailRecord): Promise<void>;
  get(id: string): Promise<OutgoingEmailRecord | null>;
  /** Pending emails due at `now`, the earliest due first, at most `limit`. */
  due(now: Timestamp, limit: number): Promise<OutgoingEmailRecord[]>;
  /** When the earliest pending email is due, or null when none is pending. */
  nextDueAt(): Promise<Timestamp | null>;
  /** Every email of a ticket (or, for "chat_transcript", of a conversation), oldest first. */
  listByTicket(ticketId: string): Promise<OutgoingEmailRecord[]>;
}

/** The self-service stores, part of {@link import("./port.js").Store}. */
export interface SelfServiceStores {
  tickets: TicketStore;
  ticketMessages: TicketMessageStore;
  feedback: FeedbackStore;
  officials: OfficialAccountStore;
  mailQueue: MailQueueStore;
  chatFiles: ChatFileStore;
}
