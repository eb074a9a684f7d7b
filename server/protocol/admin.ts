// Administration API (admins): agents. Views returned and bodies accepted (see docs/protocol.md, "Administration").
import { z } from "zod";
import type { LanguageCode, Timestamp } from "./ids.js";
import type { AgentAccountView } from "./views.js";

/** An agent as the Agents page sees it (never the password hash). */
export interface AdminAgentView extends AgentAccountView {
  timeZone: string;
  /** Weekly shifts in `timeZone` ("Mon-Fri 08:00-16:00"); empty = always on shift. */
  shifts: string[];
  /** A disabled agent cannot sign in; disabling ends their sessions. */
  disabled: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

const CONTROL = /\p{Cc}/u;
const name = z
  .string()
  .trim()
  .min(1, "is required")
  .refine((s) => [...s].length <= 100 && !CONTROL.test(s), { message: "must be at most 100 characters without control characters" });
const password = z.string().refine((s) => [...s].length >= 8 && [...s].length <= 1024, { message: "must be 8 to 1024 characters" });
const language = z.string().regex(/^[a-z]{2,3}$/, "must be a language code");

/** The editable fields of an agent; languages, time zone and shifts are checked further by the handler. */
export const agentFieldsSchema = z.object({
  name,
  languages: z.array(language).min(1, "choose at least one language").max(20),
  maxChats: z.number().int().min(1).max(50),
  role: z.enum(["agent", "supervisor", "admin"]),
  timeZone: z.string().min(1).max(64),
  shifts: z.array(z.string().max(100)).max(20),
  disabled: z.boolean(),
});
export const agentCreateSchema = agentFieldsSchema.partial({ maxChats: true, role: true, timeZone: true, shifts: true, disabled: true }).extend({
  email: z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/, "must be an email address"),
  password,
});
export const agentUpdateSchema = agentFieldsSchema.partial();
export const passwordResetSchema = z.object({ password });

export type AgentCreatePayload = z.infer<typeof agentCreateSchema>;
export type AgentUpdatePayload = z.infer<typeof agentUpdateSchema>;

/** A canned response as the console sees it. */
export interface CannedResponseView {
  id: string;
  /** shared: every agent may use it, admins manage it; personal: the signed-in agent's own. */
  scope: "shared" | "personal";
  language: LanguageCode;
  shortcut: string;
  text: string;
  updatedAt: Timestamp;
}

/** Lower-case letters, digits, "-" and "_", starting with a letter or digit, at most 32. */
export const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const shortcut = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, "").toLowerCase())
  .pipe(z.string().regex(SHORTCUT, "must be 1–32 letters, digits, - or _ (e.g. refund-time)"));
const cannedText = z
  .string()
  .trim()
  .min(1, "is required")
  .max(4000)
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "must not contain control characters" });
export const cannedCreateSchema = z.object({ scope: z.enum(["shared", "personal"]), language, shortcut, text: cannedText });
export const cannedUpdateSchema = z.object({ language, shortcut, text: cannedText }).partial();

/** One language's widget texts (each optional: the widget's own text otherwise). */
export interface LanguageTextsView {
  greeting?: string;
  away?: string;
  queue?: string;
}

/** `GET /api/admin/settings`: the effective runtime settings (environment values where nothing was changed). */
export interface AdminSettingsView {
  /** Every language Parley has texts and queues for. */
  available: { code: LanguageCode; name: string }[];
  /** Enabled languages, the first is the default. */
  languages: LanguageCode[];
  fallbacks: Record<LanguageCode, LanguageCode | null>;
  peakWindows: { timeZone: string; shifts: string[] };
  texts: Record<LanguageCode, LanguageTextsView>;
  widget: { color: string; position: "right" | "left"; greeting: string };
  /** Origins allowed to embed the widget, or "*". */
  embedOrigins: string[] | "*";
  ticketCategories: string[];
  /** The script tag to put on a site (with the chosen colour and position). */
  snippet: string;
}

/** `GET /api/widget/settings?lang=xx`: the widget's look and the admins' texts for a language. */
export interface WidgetSettingsView {
  language: LanguageCode;
  color: string;
  position: "right" | "left";
  /** Null: the widget's built-in text. */
  greeting: string | null;
  away: string | null;
  queue: string | null;
}

const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), { message: "must not contain control characters" });
const textsSchema = z.object({ greeting: plainText(500), away: plainText(500), queue: plainText(500) }).partial();
export const languageSettingsSchema = z.object({
  languages: z.array(language).min(1, "enable at least one language").max(20),
  fallbacks: z.record(language, language.nullable()),
  peakWindows: z.object({ timeZone: z.string().min(1).max(64), shifts: z.array(z.string().max(100)).max(20) }),
  texts: z.record(language, textsSchema),
});
export const widgetSettingsSchema = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1f5fbf"),
  position: z.enum(["right", "left"]),
  greeting: plainText(500),
  embedOrigins: z.union([z.literal("*"), z.array(z.string().max(200)).max(50)]),
});
export const ticketCategoriesSchema = z.object({ categories: z.array(plainText(60).pipe(z.string().min(1, "must not be empty"))).min(1, "keep at least one category").max(30) });

/** One hour of the (local) day in a report. */
export interface ReportHourView {
  hour: number;
  /** Conversations started in this hour, per day of the period. */
  conversations: number;
  /** Mean wait of the answered ones started in this hour (null: none). */
  meanWaitS: number | null;
  /** Agents scheduled in this hour, on average over the period's days. */
  scheduledAgents: number;
}

/** `GET /api/reports`: the figures of the conversations started in the period (see docs/protocol.md). */
export interface ReportView {
  period: "today" | "week";
  timeZone: string;
  from: Timestamp;
  to: Timestamp;
  conversations: number;
  answered: number;
  answeredWithin60s: number;
  /** Closed without an agent ever taking them. */
  abandoned: number;
  /** Still waiting in a queue. */
  waiting: number;
  meanWaitS: number | null;
  p90WaitS: number | null;
  /** Mean time from the agent taking it to its end, over closed answered conversations. */
  meanHandleS: number | null;
  /** abandoned ÷ (answered + abandoned), null when both are 0. */
  abandonmentRate: number | null;
  /** Ratings Terrible (1) … Fantastic (5). */
  ratings: [number, number, number, number, number];
  byHour: ReportHourView[];
}

/** A past conversation in search results. */
export interface ConversationHitView {
  id: string;
  visitorName: string;
  visitorEmail: string | null;
  language: LanguageCode;
  status: "queued" | "assigned" | "closed";
  createdAt: Timestamp;
  closedAt: Timestamp | null;
  /** Where the text matched: a short excerpt ("…refund took…"), or what matched (name, email). */
  match: string;
}

/** A ticket in search results. */
export interface TicketHitView {
  id: string;
  number: number;
  subject: string;
  email: string;
  status: "open" | "pending" | "solved";
  createdAt: Timestamp;
  match: string;
}

/** `GET /api/search`. */
export interface SearchResultsView {
  conversations: ConversationHitView[];
  tickets: TicketHitView[];
  /** More matched than listed (at most 50 of each are listed). */
  truncated: boolean;
}
