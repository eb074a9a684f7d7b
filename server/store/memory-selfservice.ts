// In-memory self-service stores (the reference adapter for tests). Returns copies, like memory.ts.
import {
  DuplicateOfficialError,
  type ChatFileRecord,
  type FeedbackRecord,
  type OfficialAccountRecord,
  type OutgoingEmailRecord,
  type SelfServiceStores,
  type TicketMessageRecord,
  type TicketRecord,
} from "./selfservice-port.js";
import { byNewest, byUpload, byRecentUpdate, dueEmails, earliestDue, emailsOfTicket, feedbackMatches, nextTicketNumber, ticketMatches } from "./selfservice-queries.js";

const copy = <T>(value: T): T => structuredClone(value);

export function createMemorySelfService(): SelfServiceStores {
  const tickets = new Map<string, TicketRecord>();
  const threads = new Map<string, TicketMessageRecord[]>();
  const feedback = new Map<string, FeedbackRecord>();
  const officials = new Map<string, OfficialAccountRecord>();
  const emails = new Map<string, OutgoingEmailRecord>();
  const chatFiles = new Map<string, ChatFileRecord>();
  let officialsVersion = 0;

  return {
    tickets: {
      create: async (draft) => {
        const ticket: TicketRecord = { ...copy(draft), number: nextTicketNumber([...tickets.values()].map((t) => t.number)) };
        tickets.set(ticket.id, ticket);
        return copy(ticket);
      },
      get: async (id) => copy(tickets.get(id) ?? null),
      getByTokenHash: async (hash) => copy([...tickets.values()].find((t) => t.tokenHash === hash) ?? null),
      list: async (filter = {}) => [...tickets.values()].filter(ticketMatches(filter)).sort(byRecentUpdate).map(copy),
      put: async (ticket) => void tickets.set(ticket.id, copy(ticket)),
      replace: async (ticket, expectedUpdatedAt) => {
        if (tickets.get(ticket.id)?.updatedAt !== expectedUpdatedAt) return false;
        tickets.set(ticket.id, copy(ticket));
        return true;
      },
    },
    ticketMessages: {
      append: async (ticketId, message) => {
        const thread = threads.get(ticketId) ?? [];
        if (!thread.some((m) => m.id === message.id)) threads.set(ticketId, [...thread, copy(message)]);
      },
      list: async (ticketId) => copy(threads.get(ticketId) ?? []),
    },
    feedback: {
      put: async (item) => void feedback.set(item.id, copy(item)),
      get: async (id) => copy(feedback.get(id) ?? null),
      list: async (filter = {}) => [...feedback.values()].filter(feedbackMatches(filter)).sort(byNewest).map(copy),
    },
    officials: {
      list: async () => [...officials.values()].map(copy),
      put: async (account) => {
        if ([...officials.values()].some((o) => o.key === account.key && o.id !== account.id)) throw new DuplicateOfficialError(account.key);
        officials.set(account.id, copy(account));
        officialsVersion++;
      },
      remove: async (id) => {
        const had = officials.delete(id);
        if (had) officialsVersion++;
        return had;
      },
      version: async () => String(officialsVersion),
    },
    mailQueue: {
      put: async (email) => void emails.set(email.id, copy(email)),
      get: async (id) => copy(emails.get(id) ?? null),
      due: async (now, limit) => dueEmails([...emails.values()], now, limit).map(copy),
      nextDueAt: async () => earliestDue([...emails.values()]),
      listByTicket: async (ticketId) => emailsOfTicket([...emails.values()], ticketId).map(copy),
    },
    chatFiles: {
      put: async (file) => void chatFiles.set(file.id, copy(file)),
      get: async (id) => copy(chatFiles.get(id) ?? null),
      listByConversation: async (conversationId) => [...chatFiles.values()].filter((f) => f.conversationId === conversationId).sort(byUpload).map(copy),
    },
  };
}
