// The agents' side of tickets: the inbox with filters, a ticket, replies (emailed), status changes, files.
import express, { type Router } from "express";
import { z } from "zod";
import type { Config } from "../../config.js";
import { sendError } from "../../http/errors.js";
import { zodIssues } from "../../http/validation.js";
import type { TicketStatus } from "../../protocol/selfservice.js";
import type { Store } from "../../store/port.js";
import type { Access } from "../access.js";
import { createFieldCheck } from "../fields.js";
import { createQueryCheck, firstIssue } from "../query.js";
import { receiveOrRefuse, refuseForm } from "../uploads/http.js";
import { sendAttachment } from "../uploads/serve.js";
import { ATTACHMENT_TYPES } from "../uploads/sniff.js";
import type { UploadDir } from "../uploads/upload-dir.js";
import { TEXT_MAX } from "./customer-routes.js";
import type { TicketService } from "./service.js";
import { agentTicketView, findAttachment, ticketSummary } from "./views.js";

export interface AgentTicketDeps {
  config: Config;
  store: Store;
  uploads: UploadDir;
  tickets: TicketService;
  access: Access;
}

/** Most tickets one inbox answer lists (the most recently updated). */
export const INBOX_LIMIT = 500;
const STATUSES: readonly TicketStatus[] = ["open", "pending", "solved"];
const TICKET_ID = /^t_[A-Za-z0-9_-]{1,40}$/;
const statusSchema = z.object({ status: z.enum(["open", "pending", "solved"]) });

export function agentTicketRoutes(deps: AgentTicketDeps): Router {
  const { config, store, uploads, tickets, access } = deps;
  const router = express.Router();
  const rules = { fileField: "files", maxFiles: config.attachmentMaxFiles, maxFileBytes: config.attachmentMaxBytes, allowed: ATTACHMENT_TYPES, idleMs: config.network.uploadIdleMs };
  const ticketOf = async (id: string) => (TICKET_ID.test(id) ? store.tickets.get(id) : null);
  const NOT_FOUND = "No such ticket";

  router.use("/api/agent/tickets", access.requireAgent);

  router.get("/api/agent/tickets", async (req, res) => {
    const query = createQueryCheck(req.query);
    const status = query.oneOf("status", STATUSES);
    const category = query.string("category", 100);
    const language = query.string("language", 20)?.toLowerCase();
    if (query.issues.length > 0) return sendError(res, 400, "invalid_payload", `Bad filter: ${firstIssue(query.issues)}`, query.issues);
    const found = await store.tickets.list({ ...(status && { status }), ...(category && { category }), ...(language && { language }) });
    res.json({ tickets: found.slice(0, INBOX_LIMIT).map(ticketSummary) });
  });

  router.get("/api/agent/tickets/:id", async (req, res) => {
    const ticket = await ticketOf(req.params.id);
    if (!ticket) return sendError(res, 404, "not_found", NOT_FOUND);
    res.json(agentTicketView(ticket, await store.ticketMessages.list(ticket.id)));
  });

  router.post("/api/agent/tickets/:id/replies", async (req, res) => {
    const ticket = await ticketOf(req.params.id);
    if (!ticket) {
      res.set("Connection", "close");
      return sendError(res, 404, "not_found", NOT_FOUND);
    }
    const form = await receiveOrRefuse(req, res, uploads, rules);
    if (!form) return;
    const check = createFieldCheck(form.fields);
    const text = check.text("text", { max: TEXT_MAX, required: form.files.length === 0 });
    if (check.issues.length > 0) return refuseForm(res, uploads, form, 400, "invalid_payload", `The reply was not sent: ${firstIssue(check.issues)}`, check.issues);
    const done = await tickets.reply(ticket.id, { kind: "agent", agent: access.agentOf(res) }, text, form.files);
    if (!done) return sendError(res, 404, "not_found", NOT_FOUND);
    res.status(201).json(agentTicketView(done.ticket, done.messages));
  });

  router.post("/api/agent/tickets/:id/status", async (req, res) => {
    const parsed = statusSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "status must be open, pending or solved", zodIssues(parsed.error));
    const ticket = await ticketOf(req.params.id);
    const done = ticket && (await tickets.setStatus(ticket.id, parsed.data.status, access.agentOf(res)));
    if (!done) return sendError(res, 404, "not_found", NOT_FOUND);
    res.json(agentTicketView(done.ticket, done.messages));
  });

  router.get("/api/agent/tickets/:id/files/:fileId", async (req, res) => {
    const ticket = await ticketOf(req.params.id);
    const attachment = ticket && findAttachment(await store.ticketMessages.list(ticket.id), req.params.fileId);
    if (!attachment) return sendError(res, 404, "not_found", "No such file");
    await sendAttachment(res, uploads, attachment);
  });
  return router;
}
