// Records → the views clients see.
import type { AgentConversationView, AgentSelfView, AgentStatus, ConversationView, MessageView, QueueStanding } from "../protocol/views.js";
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
  };
}

export function agentView(c: ConversationRecord, lastMessage: MessageView | null, unread: number, lastSeq: number): AgentConversationView {
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
    lastSeq,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    rating: c.rating ? { score: c.rating.score, comment: c.rating.comment } : null,
  };
}

export function agentSelfView(a: AgentRecord, status: AgentStatus): AgentSelfView {
  return { id: a.id, email: a.email, name: a.name, languages: [...a.languages], maxChats: a.maxChats, role: a.role, status };
}
