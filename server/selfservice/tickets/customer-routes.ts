// The customer's side of tickets: open one (public), then read and answer it by the secret link's token.
import express, { type Request, type Response, type Router } from "express";
import type { Config } from "../../config.js";
import { sendError } from "../../http/errors.js";
import { createRateLimiter } from "../../http/rate-limit.js";
import type { Store, TicketRecord } from "../../store/port.js";
import { createFieldCheck } from "../fields.js";
import { mailboxKey } from "../mail/address.js";
import { firstIssue } from "../query.js";
import { receiveOrRefuse, refuseForm, withQuotas } from "../uploads/http.js";
import { usageOf, type AddressQuota, type UsageLedger } from "../uploads/quota.js";
import { sendAttachment } from "../uploads/serve.js";
import { ATTACHMENT_TYPES } from "../uploads/sniff.js";
import type { UploadDir } from "../uploads/upload-dir.js";
import type { TicketService } from "./service.js";
import type { TicketTokens } from "./tokens.js";
import { findAttachment, threadView } from "./views.js";
import { clientKey } from "../../http/client-address.js";

export interface CustomerTicketDeps {
  config: Config;
  store: Store;
  uploads: UploadDir;
  tickets: TicketService;
  tokens: TicketTokens;
  /** Upload bytes per client address per hour, shared with feedback. */
  addressQuota: AddressQuota;
  /** Files and bytes per ticket, across its messages. */
  ticketQuota: UsageLedger;
}

/** Subject and description limits, in characters. */
export const SUBJECT_MAX = 200;
export const TEXT_MAX = 10_000;
const SOURCES = ["form", "widget", "offline"] as const;
const CHAT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function customerTicketRoutes(deps: CustomerTicketDeps): Router {
  const { config, store, uploads, tickets, tokens, addressQuota, ticketQuota } = deps;
  const router = express.Router();
  // Per client address: a burst of 10 new tickets, then one a minute; replies a burst of 20, then one per 10 s.
  const creations = createRateLimiter(10, 1 / 60);
  // Per recipient address, however it is spelt: the confirmation goes to an address nobody has verified.
  const perRecipient = createRateLimiter(config.ticketsPerEmailPerHour, config.ticketsPerEmailPerHour / 3600);
  const replies = createRateLimiter(20, 1 / 10);
  const rules = { fileField: "files", maxFiles: config.attachmentMaxFiles, maxFileBytes: config.attachmentMaxBytes, allowed: ATTACHMENT_TYPES, idleMs: config.network.uploadIdleMs };

  const limited = (limiter: ReturnType<typeof createRateLimiter>, req: Request, res: Response) => {
    const key = clientKey(req, config.network.trustProxy);
    if (limiter.take(key)) return false;
    res.set({ "Retry-After": String(Math.ceil(limiter.retryAfterMs(key) / 1000)), Connection: "close" });
    sendError(res, 429, "rate_limited", "Too many requests from this address; try again in a minute");
    return true;
  };

  const byToken = async (token: unknown): Promise<TicketRecord | null> =>
    tokens.wellFormed(token) ? store.tickets.getByTokenHash(tokens.hash(token)) : null;
  const fileUrl = (token: string) => (fileId: string) => `/api/tickets/thread/${token}/files/${fileId}`;
  const privately = (res: Response) => res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

  router.post("/api/tickets", async (req, res) => {
    if (limited(creations, req, res)) return;
    const address = clientKey(req, config.network.trustProxy);
    await withQuotas([ticketQuota.fresh(), addressQuota.claim(address)], async (quotas) => {
      const form = await receiveOrRefuse(req, res, uploads, { ...rules, quotas });
      if (!form) return false;
      const check = createFieldCheck(form.fields);
      const email = check.email("email", true);
      const category = check.oneOf("category", config.ticketCategories);
      const subject = check.text("subject", { max: SUBJECT_MAX, oneLine: true });
      const description = check.text("description", { max: TEXT_MAX });
      const language = check.language("language", config.languages);
      const source = check.oneOf("source", SOURCES, "form");
      const conversationId = form.fields.get("conversationId")?.trim() ?? "";
      const visitorId = form.fields.get("visitorId")?.trim() ?? "";
      const visitorToken = form.fields.get("visitorToken")?.trim() ?? "";
      if (conversationId !== "" && !CHAT_ID.test(conversationId)) check.problem("conversationId", "is not a conversation id");
      if (conversationId !== "" && (visitorId === "" || visitorToken === "")) check.problem("visitorToken", "visitorId and visitorToken are required with conversationId");
      if (check.issues.length > 0 || !email || !category || !source) {
        await refuseForm(res, uploads, form, 400, "invalid_payload", `The ticket was not created: ${firstIssue(check.issues)}`, check.issues);
        return false;
      }
      const recipient = mailboxKey(email);
      if (!perRecipient.take(recipient)) {
        res.set("Retry-After", String(Math.ceil(perRecipient.retryAfterMs(recipient) / 1000)));
        await refuseForm(res, uploads, form, 429, "rate_limited", "Too many tickets for this email address; try again later");
        return false;
      }
      const chat = conversationId === "" ? null : { conversationId, visitorId, visitorToken };
      const visitor = visitorId !== "" && visitorToken !== "" ? { visitorId, visitorToken } : null;
      const result = await tickets.create({ email, category, subject, description, language, source, chat, visitor }, form.files);
      if (!result.ok) {
        sendError(res, 404, "not_found", "No such conversation");
        return false;
      }
      // The creator gets the private token (an app opens the thread at once); docs/security.md weighs what that allows.
      privately(res);
      res.status(201).json({ number: result.ticket.number, token: result.token, url: `${config.publicUrl}/support/t/${result.token}` });
      return true;
    });
  });

  router.get("/api/tickets/thread/:token", async (req, res) => {
    const ticket = await byToken(req.params.token);
    privately(res);
    if (!ticket) return sendError(res, 404, "not_found", "No such ticket");
    res.json(threadView(ticket, await store.ticketMessages.list(ticket.id), fileUrl(req.params.token)));
  });

  router.post("/api/tickets/thread/:token/replies", async (req, res) => {
    if (limited(replies, req, res)) return;
    privately(res);
    const ticket = await byToken(req.params.token);
    if (!ticket) {
      res.set("Connection", "close");
      return sendError(res, 404, "not_found", "No such ticket");
    }
    const held = async () => usageOf((await store.ticketMessages.list(ticket.id)).flatMap((m) => m.attachments));
    const address = clientKey(req, config.network.trustProxy);
    await withQuotas([await ticketQuota.claim(ticket.id, held), addressQuota.claim(address)], async (quotas) => {
      const form = await receiveOrRefuse(req, res, uploads, { ...rules, quotas });
      if (!form) return false;
      const check = createFieldCheck(form.fields);
      const text = check.text("text", { max: TEXT_MAX, required: form.files.length === 0 });
      if (check.issues.length > 0) {
        await refuseForm(res, uploads, form, 400, "invalid_payload", `The reply was not sent: ${firstIssue(check.issues)}`, check.issues);
        return false;
      }
      const done = await tickets.reply(ticket.id, { kind: "customer" }, text, form.files);
      if (!done) {
        sendError(res, 404, "not_found", "No such ticket");
        return false;
      }
      res.status(201).json(threadView(done.ticket, done.messages, fileUrl(req.params.token)));
      return true;
    });
  });

  router.get("/api/tickets/thread/:token/files/:fileId", async (req, res) => {
    const ticket = await byToken(req.params.token);
    const attachment = ticket && findAttachment(await store.ticketMessages.list(ticket.id), req.params.fileId);
    if (!attachment) return sendError(res, 404, "not_found", "No such file");
    await sendAttachment(res, uploads, attachment);
  });
  return router;
}
