// Fixtures and a signed-in harness for the self-service model tests (tickets, feedback, official accounts).
import type {
  AgentSelfView,
  AgentTicketSummary,
  AgentTicketView,
  FeedbackReportView,
  OfficialAccountView,
} from "../../server/protocol/index.js";
import { ok } from "./fake-http.js";
import { agentView } from "./fakes.js";
import { createHarness, settle, type ModelHarness } from "./model-setup.js";

/** A line of the inbox. */
export function ticketSummary(overrides: Partial<AgentTicketSummary> = {}): AgentTicketSummary {
  return {
    id: "t1",
    number: 1042,
    email: "mia@example.com",
    subject: "Withdrawal stuck",
    category: "Withdrawal",
    language: "en",
    status: "open",
    source: "form",
    createdAt: 1_000,
    updatedAt: 2_000,
    awaitingAgent: true,
    emailVerified: false,
    ...overrides,
  };
}

/** A ticket as agents see it. */
export function ticketView(overrides: Partial<AgentTicketView> = {}): AgentTicketView {
  return {
    id: "t1",
    number: 1042,
    subject: "Withdrawal stuck",
    category: "Withdrawal",
    status: "open",
    createdAt: 1_000,
    email: "mia@example.com",
    language: "en",
    source: "form",
    updatedAt: 2_000,
    conversationId: null,
    emailVerified: false,
    messages: [{ id: "tm1", author: "customer", text: "My money is gone", attachments: [], at: 1_000 }],
    ...overrides,
  };
}

/** A feedback report. */
export function feedbackReport(overrides: Partial<FeedbackReportView> = {}): FeedbackReportView {
  return {
    items: [{ id: "f1", rating: 5, comment: "Great", email: null, language: "en", screenshots: [], createdAt: 5_000 }],
    distribution: [0, 0, 0, 0, 1],
    average: 5,
    byDay: [{ day: "2025-05-01", count: 1, average: 5 }],
    ...overrides,
  };
}

/** A registered official account. */
export function officialAccount(overrides: Partial<OfficialAccountView> = {}): OfficialAccountView {
  return { id: "o1", channel: "telegram", handle: "@ParleySupport", note: null, createdAt: 1_000, ...overrides };
}

/** What `GET /api/selfservice/config` answers in these tests. */
export const SELF_SERVICE_CONFIG = {
  categories: ["Account", "Withdrawal"],
  maxFiles: 2,
  maxFileBytes: 1024,
  channels: [
    { id: "telegram", name: "Telegram" },
    { id: "x", name: "X" },
  ],
};

/** A started, signed-in model (no socket connected: the pages work over HTTP) with the configs answered. */
export async function selfServiceHarness(agent: Partial<AgentSelfView> = {}): Promise<ModelHarness> {
  const harness = createHarness(agentView(agent));
  harness.http.respond("GET", "/api/selfservice/config", ok(SELF_SERVICE_CONFIG));
  harness.http.respond("GET", "/api/widget/config", ok({ languages: [{ code: "en", name: "English" }, { code: "de", name: "Deutsch" }], defaultLanguage: "en", maxMessageLength: 4000 }));
  await harness.model.actions.start();
  await settle();
  return harness;
}
