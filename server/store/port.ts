// The store port. Everything outside server/store/ talks to storage through this interface only, and
// assumes nothing about where or how data lives: every call is async, "not there" is `null`.
import type { AgentId, ConversationId, LanguageCode, Seq, Timestamp, VisitorId } from "../protocol/ids.js";
import type { AgentRole, ClosedBy, ConversationStatus, MessageView } from "../protocol/views.js";
import type { ConsoleStores } from "./console-port.js";
import type { SelfServiceStores } from "./selfservice-port.js";

export * from "./console-port.js";
export * from "./selfservice-port.js";

export interface AgentRecord {
  id: AgentId;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  languages: LanguageCode[];
  maxChats: number;
  role: AgentRole;
  /** `scrypt$N$r$p$saltB64$hashB64`. */
  passwordHash: string;
  /** IANA time zone of the agent's shifts (default UTC). */
  timeZone?: string;
  /** Weekly shifts in that zone, e.g. "Mon-Fri 08:00-16:00"; none = always on shift. */
  shifts?: string[];
  /** A disabled agent cannot sign in, and their sessions end (absent = enabled). */
  disabled?: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface VisitorRecord {
  id: VisitorId;
  /** SHA-256 (hex) of the visitor's secret token; the token itself is never stored. */
  tokenHash: string;
  createdAt: Timestamp;
  /** The visitor's conversations, oldest first (the newest 50 are kept), so a customer can list and reread them. */
  conversationIds?: ConversationId[];
  /** A verified customer (IDENTITY_SECRET): the site's id for them, and the name and email it gave. */
  identity?: { id: string; name: string | null; email: string | null };
  /** SHA-256 (hex) of the tokens of the verified customer's other devices (the newest 20). */
  deviceTokenHashes?: string[];
  /**
   * Credentials handed out by an emailed chat link (`/chat/c/<token>`), the newest 10: SHA-256 (hex) of the token, the one
   * conversation it opens, and until when.
   */
  linkTokens?: Array<{ hash: string; conversationId: ConversationId; expiresAt: Timestamp }>;
  /** Push tokens an app registered (`device:register`), the newest 5, for PUSH_WEBHOOK_URL. */
  pushDevices?: Array<{ platform: "apns" | "fcm" | "webpush" | "other"; token: string; at: Timestamp }>;
}

export interface Rating {
  /** 1 = Terrible … 5 = Fantastic. */
  score: number;
  comment: string | null;
  at: Timestamp;
}

export interface ConversationRecord {
  id: ConversationId;
  visitorId: VisitorId;
  language: LanguageCode;
  status: ConversationStatus;
  assigneeId: AgentId | null;
  /** Incremented on every assignment: a fencing number for the current claim. */
  epoch: number;
  visitorName: string;
  visitorEmail: string | null;
  pageUrl: string | null;
  createdAt: Timestamp;
  /** When it (last) entered its queue; FIFO order within a language. */
  queuedAt: Timestamp;
  /** Higher is served first: requeued conversations go to the head of their queue. */
  priority: number;
  assignedAt: Timestamp | null;
  closedAt: Timestamp | null;
  closedBy: ClosedBy | null;
  rating: Rating | null;
  /** Started by a customer whose identity the site vouched for (IDENTITY_SECRET). */
  verified?: boolean;
  /** The assigned agent's read marker. */
  agentReadSeq: Seq;
  /** The customer's read marker (`conversation:read` on /visitor); absent = 0. Never lowered by any write. */
  visitorReadSeq?: Seq;
  /** The last agent message emailed to the customer while they were away (OFFLINE_REPLY_EMAIL_SECONDS); absent = 0. */
  emailedSeq?: Seq;
}

/**
 * The customer's read marker an `update` stores: the higher of the stored and the written one (a desk writing a copy it
 * read before the customer read on never lowers it). Spread over the written record by every adapter.
 */
export function keepVisitorRead(stored: ConversationRecord | null, next: ConversationRecord): { visitorReadSeq?: Seq } {
  const seq = Math.max(stored?.visitorReadSeq ?? 0, next.visitorReadSeq ?? 0);
  return seq > 0 ? { visitorReadSeq: seq } : {};
}

export type MessageRecord = MessageView;

/** What a caller hands to `messages.append`: a stored message less what the store sets (its conversation, its `seq`). */
export type MessageDraft = Omit<MessageRecord, "conversationId" | "seq">;

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie token. */
  id: string;
  agentId: AgentId;
  /** SHA-256 of the agent's password hash when the session began: a new password ends the session. */
  credential: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

/** Another agent already has this email address. */
/**
 * The `updatedAt` of a change made on a record last changed at `previous`: `now`, and always after `previous` (two
 * changes within one millisecond stay ordered, so a compare-and-set on `updatedAt` tells them apart).
 */
export const changedAt = (previous: number, now: number): number => Math.max(now, previous + 1);

export class DuplicateEmailError extends Error {
  override name = "DuplicateEmailError";
  constructor(readonly email: string) {
    super(`an agent with the email ${email} already exists`);
  }
}

export interface AgentStore {
  list(): Promise<AgentRecord[]>;
  get(id: AgentId): Promise<AgentRecord | null>;
  getByEmail(email: string): Promise<AgentRecord | null>;
  /** Inserts or replaces by id. */
  put(agent: AgentRecord): Promise<void>;
  /**
   * Changes one agent without losing anyone else's change: `change` gets the stored record and returns the new one, or
   * null to write nothing. When another writer (an admin, the `parley` command, another node) changed the agent in
   * between, `change` runs again on what they stored, so it must be free of side effects. Resolves to what was stored,
   * or null when there is no such agent or `change` returned null. A taken email throws DuplicateEmailError as `put`.
   */
  update(id: AgentId, change: (current: AgentRecord) => AgentRecord | null): Promise<AgentRecord | null>;
  remove(id: AgentId): Promise<boolean>;
  /** Changes whenever the agents change, also when another process (the `parley` command) changed them. */
  version(): Promise<string>;
}

export interface VisitorStore {
  get(id: VisitorId): Promise<VisitorRecord | null>;
  put(visitor: VisitorRecord): Promise<void>;
  /**
   * Changes one visitor without losing another writer's change (on a cluster, any node adds devices and identities
   * while the desk's node adds conversations): `change` gets the stored record (null when there is none) and returns
   * the new one, or null to write nothing; it runs again on what another writer stored in between, so it must be free
   * of side effects. Resolves to what was stored, or null when nothing was.
   */
  update(id: VisitorId, change: (current: VisitorRecord | null) => VisitorRecord | null): Promise<VisitorRecord | null>;
}

/** The result of a conditional conversation write: the stored record, or the current one that made it stale. */
export type ConversationWrite = { ok: true; conversation: ConversationRecord } | { ok: false; current: ConversationRecord | null };

/**
 * Conversations. The rule of this port: every write that depends on a conversation's state (assign, unassign, close,
 * move, rate, transfer) is a compare-and-set on the `epoch` the caller read (`update`). A stale write is refused and
 * changes nothing, so two writers (two desks, two nodes, a frozen tab) can never both win.
 */
export interface ConversationStore {
  get(id: ConversationId): Promise<ConversationRecord | null>;
  /** Inserts a new conversation; false, and nothing written, when the id is taken. */
  create(conversation: ConversationRecord): Promise<boolean>;
  /**
   * Compare-and-set: stores `next` only if the stored record's `epoch` still equals `expectedEpoch`, and stores it with
   * `epoch = expectedEpoch + 1` (whatever `next.epoch` says). Otherwise nothing changes and the current record (or null
   * when there is none) is returned.
   */
  update(next: ConversationRecord, expectedEpoch: number): Promise<ConversationWrite>;
  /**
   * Raises the assigned agent's read marker to `seq` if the stored epoch is still `epoch` (never lowers it). Coalesced:
   * visible to reads at once, but adapters may write it to disk later (a read marker lost in a crash only shows a chat
   * as unread again), so marking every message read costs no disk write each.
   */
  markRead(id: ConversationId, epoch: number, seq: Seq): Promise<void>;
  /**
   * Raises the customer's read marker to `seq` (never lowers it), whatever the epoch: it outlives assignments. Coalesced
   * like `markRead`; an `update` never lowers it either (the higher of the stored and the written value is kept).
   */
  markVisitorRead(id: ConversationId, seq: Seq): Promise<void>;
  /** Every conversation not closed (queued or assigned), in no particular order. */
  listOpen(): Promise<ConversationRecord[]>;
  /** The visitor's conversation that is not closed, if any. */
  findOpenByVisitor(visitorId: VisitorId): Promise<ConversationRecord | null>;
  /** Conversations created at or after `from` and before `to`, any status, in no particular order (reports, search). */
  listCreated(from: Timestamp, to: Timestamp): Promise<ConversationRecord[]>;
}

export interface MessageStore {
  /**
   * Stores a message and gives it the conversation's next sequence number, then resolves. Idempotent by
   * `(conversationId, draft.id)`: a repeat returns the stored message with `duplicate: true` and stores nothing.
   */
  append(conversationId: ConversationId, draft: MessageDraft): Promise<{ message: MessageRecord; duplicate: boolean }>;
  /** Messages with `seq > afterSeq`, ascending, at most `limit` (default: all). */
  list(conversationId: ConversationId, afterSeq: Seq, limit?: number): Promise<MessageRecord[]>;
  /** The last message, or null. */
  last(conversationId: ConversationId): Promise<MessageRecord | null>;
  /** The highest sequence number stored (0 when none). */
  lastSeq(conversationId: ConversationId): Promise<Seq>;
}

export interface SessionStore {
  get(id: string): Promise<SessionRecord | null>;
  put(session: SessionRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Removes every session that expired at or before `now` (one nobody presents again would stay for ever); how many. */
  removeExpired(now: number): Promise<number>;
}

/** The whole store. Adapters: memory (tests), lowdb (the embedded default), Redis (several nodes: REDIS_URL). */
export interface Store extends SelfServiceStores, ConsoleStores {
  agents: AgentStore;
  visitors: VisitorStore;
  conversations: ConversationStore;
  messages: MessageStore;
  sessions: SessionStore;
  /** Waits for pending writes and releases files and locks. */
  close(): Promise<void>;
}
