// Ticket records → the views of server/protocol/selfservice.ts. File URLs are built per caller. Pure.
import type { AgentTicketSummary, AgentTicketView, AttachmentView, TicketMessageView, TicketThreadView } from "../../protocol/selfservice.js";
import type { AttachmentRecord, TicketMessageRecord, TicketRecord } from "../../store/port.js";

/** Where the caller fetches a file by its id. */
export type FileUrl = (fileId: string) => string;

export const attachmentView = (a: AttachmentRecord, url: FileUrl): AttachmentView => ({ id: a.id, name: a.name, type: a.type, size: a.size, url: url(a.id) });

const messageView = (m: TicketMessageRecord, url: FileUrl): TicketMessageView => ({
  id: m.id,
  author: m.author,
  ...(m.authorName !== undefined && { authorName: m.authorName }),
  text: m.text,
  attachments: m.attachments.map((a) => attachmentView(a, url)),
  at: m.at,
});

export function threadView(t: TicketRecord, messages: TicketMessageRecord[], url: FileUrl): TicketThreadView {
  return { number: t.number, subject: t.subject, category: t.category, status: t.status, createdAt: t.createdAt, messages: messages.map((m) => messageView(m, url)) };
}

export function agentTicketView(t: TicketRecord, messages: TicketMessageRecord[]): AgentTicketView {
  return {
    ...threadView(t, messages, (fileId) => `/api/agent/tickets/${t.id}/files/${fileId}`),
    id: t.id,
    email: t.email,
    language: t.language,
    source: t.source,
    updatedAt: t.updatedAt,
    conversationId: t.conversationId,
    emailVerified: t.emailVerified === true,
  };
}

export const ticketSummary = (t: TicketRecord): AgentTicketSummary => ({
  id: t.id,
  number: t.number,
  email: t.email,
  subject: t.subject,
  category: t.category,
  language: t.language,
  status: t.status,
  source: t.source,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  awaitingAgent: t.awaitingAgent,
  emailVerified: t.emailVerified === true,
});

/** The attachment `fileId` of a thread, or null (a file of another ticket is not found either). */
export const findAttachment = (messages: TicketMessageRecord[], fileId: string): AttachmentRecord | null =>
  messages.flatMap((m) => m.attachments).find((a) => a.id === fileId) ?? null;
