// Records → the views clients see.
import type { AgentConversationView, AgentSelfView, AgentStatus, ConversationView, MessageView, QueueStanding } from "../protocol/views.js";

/**
 * What the console list shows of recent messages: the customer's latest words (never "Alex joined the chat"), and since
 * when the customer has been waiting for an answer (their oldest message after the last agent message).
 */
export function listPreview(recent: readonly MessageView[]): { lastMessage: MessageView | null; waitingSince: number | null } {
  const lastMessage = recent.findLast((m) => m.author === "visitor") ?? recent.findLast((m) => m.author !== "system") ?? recent.at(-1) ?? null;
  let waitingSince: number | null = null;
  for (const m of recent) {
    if (m.author === "agent") waitingSince = null;
    else if (m.author === "visitor" && waitingSince === null) waitingSince = m.at;
  }
  return { lastMessage, waitingSince };
}
import type { AgentRecord, ConversationRecord } from "../store/port.js";

export function visitorView(
  c: ConversationRecord,
  lastSeq: number,
  agentName: string | null,
  queue: QueueStanding | null,
): ConversationView {
  return {
    id: c.id,
    language: c.language,
    status: c.status,
    agentName: c.status === "queued" ? null : agentName,
    queue: c.status === "queued" ? queue : null,
    lastSeq,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    rated: c.rating !== null,
    visitorReadSeq: c.visitorReadSeq ?? 0,
  };
}

export function agentView(c: ConversationRecord, lastMessage: MessageView | null, unread: number, lastSeq: number, waitingSince: number | null): AgentConversationView {
  return {
    id: c.id,
    visitorId: c.visitorId,
    visitorName: c.visitorName,
    visitorEmail: c.visitorEmail,
    language: c.language,
    status: c.status,
    assigneeId: c.assigneeId,
    pageUrl: c.pageUrl,
    lastMessage,
    unread,
    visitorReadSeq: c.visitorReadSeq ?? 0,
    lastSeq,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    rating: c.rating ? { score: c.rating.score, comment: c.rating.comment } : null,
    epoch: c.epoch,
    verified: c.verified === true,
    waitingSince,
  };
}

export function agentSelfView(a: AgentRecord, status: AgentStatus): AgentSelfView {
  return { id: a.id, email: a.email, name: a.name, languages: [...a.languages], maxChats: a.maxChats, role: a.role, status };
}
