// Filtering and ordering of self-service records, shared by every adapter so they answer alike.
import type { FeedbackFilter, FeedbackRecord, OutgoingEmailRecord, TicketFilter, TicketRecord } from "./selfservice-port.js";

/** The first ticket number. */
export const FIRST_TICKET_NUMBER = 1001;

/** The number after the highest of `numbers` (1001 when there is none). */
export const nextTicketNumber = (numbers: Iterable<number>): number => {
  let max = FIRST_TICKET_NUMBER - 1;
  for (const n of numbers) if (n > max) max = n;
  return max + 1;
};

export const ticketMatches = (filter: TicketFilter) => (t: TicketRecord): boolean =>
  (filter.status === undefined || t.status === filter.status) &&
  (filter.category === undefined || t.category === filter.category) &&
  (filter.language === undefined || t.language === filter.language);

/** Most recently updated first; ties by number, newest first. */
export const byRecentUpdate = (a: TicketRecord, b: TicketRecord): number => b.updatedAt - a.updatedAt || b.number - a.number;

export const feedbackMatches = (filter: FeedbackFilter) => (f: FeedbackRecord): boolean =>
  (filter.rating === undefined || f.rating === filter.rating) &&
  (filter.from === undefined || f.createdAt >= filter.from) &&
  (filter.to === undefined || f.createdAt < filter.to);

/** Newest first; ties by id so the order is stable. */
export const byNewest = (a: FeedbackRecord, b: FeedbackRecord): number => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pending emails due at `now`, earliest first, at most `limit`. */
export function dueEmails(all: OutgoingEmailRecord[], now: number, limit: number): OutgoingEmailRecord[] {
  return all
    .filter((e) => e.status === "pending" && e.nextAttemptAt <= now)
    .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
    .slice(0, Math.max(0, limit));
}

/** When the earliest pending email is due, or null. */
export function earliestDue(all: OutgoingEmailRecord[]): number | null {
  let at: number | null = null;
  for (const e of all) if (e.status === "pending" && (at === null || e.nextAttemptAt < at)) at = e.nextAttemptAt;
  return at;
}

export const byCreation = (a: OutgoingEmailRecord, b: OutgoingEmailRecord): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/** The emails of one ticket, oldest first. */
export const emailsOfTicket = (all: OutgoingEmailRecord[], ticketId: string): OutgoingEmailRecord[] => all.filter((e) => e.ticketId === ticketId).sort(byCreation);

/** Chat files, oldest upload first (ties by id, so every adapter answers alike). */
export const byUpload = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
