// Records for store tests.
import type { AgentRecord, ConversationRecord, MessageDraft, SessionRecord, VisitorRecord } from "../../server/store/port.js";

export const agent = (overrides: Partial<AgentRecord> = {}): AgentRecord => ({
  id: "a_alex",
  email: "alex@example.com",
  name: "Alex",
  languages: ["en", "de"],
  maxChats: 3,
  role: "agent",
  passwordHash: "scrypt$16384$8$1$c2FsdA==$a2V5",
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...overrides,
});

export const visitor = (overrides: Partial<VisitorRecord> = {}): VisitorRecord => ({
  id: "v_1",
  tokenHash: "ab".repeat(32),
  createdAt: 1_700_000_000_000,
  ...overrides,
});

export const conversation = (overrides: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id: "c_1",
  visitorId: "v_1",
  language: "en",
  status: "queued",
  assigneeId: null,
  epoch: 0,
  visitorName: "Visitor 4821",
  visitorEmail: null,
  pageUrl: "https://shop.example/cart",
  createdAt: 1_700_000_000_000,
  queuedAt: 1_700_000_000_000,
  priority: 0,
  assignedAt: null,
  closedAt: null,
  closedBy: null,
  rating: null,
  agentReadSeq: 0,
  ...overrides,
});

export const session = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  id: "cd".repeat(32),
  agentId: "a_alex",
  credential: "ef".repeat(32),
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_043_200_000,
  ...overrides,
});

export const draft = (id: string, text = `text of ${id}`, overrides: Partial<MessageDraft> = {}): MessageDraft => ({
  id,
  author: "visitor",
  text,
  at: 1_700_000_000_000,
  ...overrides,
});
