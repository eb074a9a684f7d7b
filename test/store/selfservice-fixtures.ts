// Self-service records for store tests.
import type { ChatFileRecord, FeedbackRecord, OfficialAccountRecord, OutgoingEmailRecord, TicketDraft, TicketMessageRecord } from "../../server/store/port.js";

export const ticketDraft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  id: "t_a",
  email: "kim@example.com",
  language: "en",
  category: "Account",
  subject: "Cannot sign in",
  status: "open",
  source: "form",
  conversationId: null,
  tokenHash: "ef".repeat(32),
  awaitingAgent: true,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  solvedAt: null,
  ...overrides,
});

export const ticketMessage = (id: string, overrides: Partial<TicketMessageRecord> = {}): TicketMessageRecord => ({
  id,
  author: "customer",
  text: `text of ${id}`,
  attachments: [{ id: "f1", name: "screen.png", type: "image/png", size: 120, key: "k1" }],
  at: 1_700_000_000_000,
  ...overrides,
});

export const feedback = (overrides: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  id: "f1",
  rating: 4,
  comment: "Nice",
  email: null,
  language: "en",
  screenshots: [],
  createdAt: 1_700_000_000_000,
  ...overrides,
});

export const official = (overrides: Partial<OfficialAccountRecord> = {}): OfficialAccountRecord => ({
  id: "o_1",
  channel: "telegram",
  handle: "@ParleySupport",
  key: "telegram:parleysupport",
  note: null,
  createdAt: 1_700_000_000_000,
  ...overrides,
});

export const email = (overrides: Partial<OutgoingEmailRecord> = {}): OutgoingEmailRecord => ({
  id: "e1",
  kind: "ticket_created",
  ticketId: "t_a",
  messageId: null,
  to: "kim@example.com",
  status: "pending",
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  createdAt: 0,
  sentAt: null,
  ...overrides,
});

export const chatFile = (id: string, overrides: Partial<ChatFileRecord> = {}): ChatFileRecord => ({
  id,
  name: "screen.png",
  type: "image/png",
  size: 120,
  key: "ab".repeat(16),
  conversationId: "c_1",
  uploader: { kind: "visitor", visitorId: "v_1" },
  at: 1_700_000_000_000,
  ...overrides,
});
