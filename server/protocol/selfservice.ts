// Self-service: tickets answered by email, product feedback, official-account verification.
// Views returned by the HTTP API (see docs/protocol.md, "Self-service").
import type { LanguageCode, Timestamp } from "./ids.js";

/** A ticket's number as customers see it (#1042). */
export type TicketNumber = number;
export type TicketStatus = "open" | "pending" | "solved";
/** Where a ticket came from. */
export type TicketSource = "form" | "widget" | "chat" | "offline";

/** An uploaded file as clients see it. Served only to those allowed to see it. */
export interface AttachmentView {
  id: string;
  /** The original name, cleaned for display (no paths, no control characters, at most 120 characters). */
  name: string;
  /** Decided by the file's bytes: image/png, image/jpeg, image/gif, image/webp or application/pdf. */
  type: string;
  size: number;
  /** Where to fetch it (relative URL, only valid for the caller who got it). */
  url: string;
}

export interface TicketMessageView {
  id: string;
  author: "customer" | "agent" | "system";
  /** Agent's name for agent replies. */
  authorName?: string;
  text: string;
  attachments: AttachmentView[];
  at: Timestamp;
}

/** A ticket as its customer sees it on the private thread page. */
export interface TicketThreadView {
  number: TicketNumber;
  subject: string;
  category: string;
  status: TicketStatus;
  createdAt: Timestamp;
  messages: TicketMessageView[];
}

/** A ticket as agents see it. */
export interface AgentTicketView extends TicketThreadView {
  id: string;
  email: string;
  language: LanguageCode;
  source: TicketSource;
  updatedAt: Timestamp;
  /** The chat it came from, if any. */
  conversationId: string | null;
  /** False: nobody proved the address is the customer's (see AgentTicketSummary). */
  emailVerified: boolean;
}

/** A line of the ticket inbox. */
export interface AgentTicketSummary {
  id: string;
  number: TicketNumber;
  email: string;
  subject: string;
  category: string;
  language: LanguageCode;
  status: TicketStatus;
  source: TicketSource;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** The customer wrote last: the ticket waits for an agent. */
  awaitingAgent: boolean;
  /**
   * True only when a verified customer (IDENTITY_SECRET) with this email created it. False: whoever opened the ticket
   * typed the address and holds the ticket's private token, so replies must not carry account details.
   */
  emailVerified: boolean;
}

/** Product feedback: 1 = Terrible, 2 = Bad, 3 = Okay, 4 = Good, 5 = Fantastic. */
export interface FeedbackView {
  id: string;
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string;
  email: string | null;
  language: LanguageCode;
  screenshots: AttachmentView[];
  createdAt: Timestamp;
}

/** The console's feedback page: the filtered items and their distribution and average over time. */
export interface FeedbackReportView {
  items: FeedbackView[];
  /** Count per rating, index 0 = Terrible … 4 = Fantastic, over the filtered period. */
  distribution: [number, number, number, number, number];
  average: number | null;
  /** Per day (UTC, YYYY-MM-DD): count and average rating. */
  byDay: Array<{ day: string; count: number; average: number }>;
}

/** A registered official account (admins keep the registry). */
export interface OfficialAccountView {
  id: string;
  /** "telegram", "x", "email", … (configurable list). */
  channel: string;
  /** As entered: "@ParleySupport", "support@parley.example", a profile URL. */
  handle: string;
  note: string | null;
  createdAt: Timestamp;
}

/** `GET /api/verify?q=…`. */
export interface VerifyResultView {
  official: boolean;
  /** The channel's display name ("Telegram") when official or imitating. */
  channel?: string;
  /** A sentence for the customer: "@ParleySupport is an official account on Telegram." */
  explanation: string;
  /** When the query looks like an official handle but is not it: the handle it imitates. */
  imitates?: string;
}
