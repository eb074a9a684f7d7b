// Administration API (admins): agents. Views returned and bodies accepted (see docs/protocol.md, "Administration").
import { z } from "zod";
import type { AgentId, LanguageCode, Timestamp } from "./ids.js";
import type { AgentRole } from "./views.js";

/** An agent as the Agents page sees it (never the password hash). */
export interface AdminAgentView {
  id: AgentId;
  email: string;
  name: string;
  languages: LanguageCode[];
  maxChats: number;
  role: AgentRole;
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
