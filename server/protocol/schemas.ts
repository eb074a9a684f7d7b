// Schemas for every inbound payload (socket events and HTTP bodies). Payload types are derived from them,
// so the wire contract is written once. Unknown keys are stripped: fields a client must not control
// (seq, author, assignee, timestamps) are never read from a payload.
import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string with no lone UTF-16 surrogates (they cannot be stored or shown faithfully). */
const wellFormed = (max: number) =>
  z.string().max(max).refine((s) => !LONE_SURROGATE.test(s), { message: "contains an unpaired surrogate" });

/**
 * A person's display name: one line. Control characters (CR, LF, tab, NUL…) and line/paragraph separators are
 * refused, so a name cannot start a line of its own in a transcript; bidi controls are neutralised where shown.
 */
const nameSchema = wellFormed(80)
  .trim()
  .refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: "must be one line without control characters" });

/** A server-issued id. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id");
/** A client-chosen message id (a UUID in practice). */
export const messageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, '-' or '_'");
/** A language tag as sent by a client; checked against the configured languages by the handler. */
export const languageSchema = z.string().min(2).max(35).regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, "must be a language tag");
/**
 * Message text before the product limit is applied. The 4,000-character limit is checked by the handler so that
 * longer text gets `message_too_long` rather than a generic validation error; this bound only caps parsing work.
 */
export const textSchema = wellFormed(1_000_000);
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const emailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>()[\]\\,;:"\r\n]+@[^\s@<>()[\]\\,;:"\r\n]+\.[^\s@<>()[\]\\,;:"\r\n]+$/, "must be an email address");
/**
 * The page a visitor is on: an http(s) URL kept as origin + path only. The query and fragment (tokens, emails,
 * order numbers) and any user:password are dropped here, at the boundary, whatever the client sent.
 */
const pageUrlSchema = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), { message: "must be an http(s) URL" })
  .transform((s) => {
    const url = new URL(s);
    return `${url.origin}${url.pathname}`;
  });

export const conversationStartSchema = z.object({
  language: languageSchema,
  name: nameSchema.optional(),
  email: z.union([emailSchema, z.literal("")]).optional(),
  pageUrl: pageUrlSchema.optional(),
  message: z.object({ id: messageIdSchema, text: textSchema }),
});
/**
 * A message. `attachments` are ids of files uploaded to the conversation by the sender; with at least one of them the
 * text may be empty. The count limit (ATTACHMENT_MAX_FILES) is checked by the handler; this bound only caps parsing work.
 */
export const messageSendSchema = z.object({
  conversationId: idSchema,
  id: messageIdSchema,
  text: textSchema,
  attachments: z.array(idSchema).max(100).optional(),
});
/** How many messages one answer carries at most (`more: true` says there are further ones). */
export const pageLimitSchema = z.number().int().min(1).max(500);
export const conversationResumeSchema = z.object({ afterSeq: seqSchema, conversationId: idSchema.optional(), limit: pageLimitSchema.optional() });
export const conversationTranscriptSchema = z.object({ conversationId: idSchema, beforeSeq: seqSchema.optional(), limit: pageLimitSchema.optional() });
export const typingSetSchema = z.object({ conversationId: idSchema, typing: z.boolean() });
export const conversationRefSchema = z.object({ conversationId: idSchema });
export const conversationRateSchema = z.object({
  conversationId: idSchema,
  score: z.number().int().min(1).max(5),
  comment: wellFormed(2000).trim().optional(),
});
export const conversationMoveSchema = z.object({ conversationId: idSchema, language: languageSchema });
export const statusSetSchema = z.object({ status: z.enum(["online", "away", "offline"]) });
export const emptySchema = z.object({}).optional();
/** `POST /api/visitors/identify`: the device's visitor credentials and the site's signed claim. */
export const identifySchema = z.object({
  visitorId: z.string().max(64),
  token: z.string().max(200),
  id: wellFormed(200).refine((s) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s), { message: "must be a non-empty id on one line" }),
  name: wellFormed(80).trim().refine((s) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(s), { message: "must be one line" }).optional(),
  email: z.union([emailSchema, z.literal("")]).optional(),
  hash: z.string().max(128),
});
/** An app's push token for this visitor (PUSH_WEBHOOK_URL). */
export const deviceRegisterSchema = z.object({
  platform: z.enum(["apns", "fcm", "webpush", "other"]),
  token: z.string().min(1).max(4096).refine((s) => !/[\u0000-\u001f]/.test(s), { message: "must be one line" }),
});
export const deviceUnregisterSchema = z.object({ token: z.string().min(1).max(4096) });
/** An internal note: agents and supervisors only. */
export const noteAddSchema = z.object({ conversationId: idSchema, id: messageIdSchema, text: textSchema });
/** Hands a conversation to another agent or another language's queue, with a note saying why. */
export const conversationTransferSchema = z.object({
  conversationId: idSchema,
  to: z.union([z.object({ agentId: idSchema }).strict(), z.object({ language: languageSchema }).strict()]),
  note: wellFormed(1000).trim().optional(),
});
/** A supervisor gives a waiting customer to an agent (themselves included); `epoch`: only if still this state. */
export const conversationAssignSchema = z.object({ conversationId: idSchema, agentId: idSchema, epoch: z.number().int().nonnegative().optional() });
/** A supervisor follows a conversation silently (or stops). */
export const conversationWatchSchema = z.object({ conversationId: idSchema, watch: z.boolean() });
/** A supervisor subscribes to the live board (or stops). */
export const boardWatchSchema = z.object({ watch: z.boolean() });
export const conversationHistorySchema = z.object({ conversationId: idSchema, afterSeq: seqSchema });
export const conversationReadSchema = z.object({ conversationId: idSchema, seq: seqSchema });
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) });

export type ConversationStartPayload = z.infer<typeof conversationStartSchema>;
export type MessageSendPayload = z.infer<typeof messageSendSchema>;
export type ConversationResumePayload = z.infer<typeof conversationResumeSchema>;
export type ConversationTranscriptPayload = z.infer<typeof conversationTranscriptSchema>;
export type TypingSetPayload = z.infer<typeof typingSetSchema>;
export type ConversationRefPayload = z.infer<typeof conversationRefSchema>;
export type ConversationRatePayload = z.infer<typeof conversationRateSchema>;
export type ConversationMovePayload = z.infer<typeof conversationMoveSchema>;
export type DeviceRegisterPayload = z.infer<typeof deviceRegisterSchema>;
export type DeviceUnregisterPayload = z.infer<typeof deviceUnregisterSchema>;
export type NoteAddPayload = z.infer<typeof noteAddSchema>;
export type ConversationTransferPayload = z.infer<typeof conversationTransferSchema>;
export type ConversationAssignPayload = z.infer<typeof conversationAssignSchema>;
export type ConversationWatchPayload = z.infer<typeof conversationWatchSchema>;
export type BoardWatchPayload = z.infer<typeof boardWatchSchema>;
export type StatusSetPayload = z.infer<typeof statusSetSchema>;
export type ConversationHistoryPayload = z.infer<typeof conversationHistorySchema>;
export type ConversationReadPayload = z.infer<typeof conversationReadSchema>;
export type LoginPayload = z.infer<typeof loginSchema>;
