// Files in chat: `POST /api/conversations/:id/files` stores one file and answers its attachment view (the message that
// sends it names its id: `message:send` with `attachments`); `GET …/files/:fileId` serves it to those who may read the
// conversation. The customer authenticates with their visitor credentials in headers, an agent with the session cookie.
// Type checks, size limits, quotas and serving are the tickets' (uploads/).
import express, { type Request, type Response, type Router } from "express";
import type { Config } from "../../config.js";
import { readCookie, SESSION_COOKIE, type Sessions } from "../../auth/session.js";
import { mayRead, mayWrite, type Reader } from "../../domain/conversation-access.js";
import { chatFileView } from "../../desk/attachments.js";
import { sendError } from "../../http/errors.js";
import type { ConversationRecord, Store } from "../../store/port.js";
import { fileId } from "../tickets/service.js";
import { clientKey } from "../../http/client-address.js";
import { receiveOrRefuse, refuseForm, withQuotas } from "../uploads/http.js";
import { createUsageLedger, megabytes, usageOf, type AddressQuota } from "../uploads/quota.js";
import { sendAttachment } from "../uploads/serve.js";
import { ATTACHMENT_TYPES } from "../uploads/sniff.js";
import { keepFiles, type UploadDir } from "../uploads/upload-dir.js";

export interface ChatFileDeps {
  config: Config;
  store: Store;
  uploads: UploadDir;
  sessions: Sessions;
  /** Upload bytes per client address per hour, shared with tickets and feedback (customers only). */
  addressQuota: AddressQuota;
  /** Whose `token` this is (the chat desk's check): the visitor's own (`scope: null`), an emailed link's (one conversation), or null. */
  authenticate(visitorId: unknown, token: unknown): Promise<{ scope: string | null } | null>;
  now: () => number;
}

/** The visitor id header; the token goes in `Authorization: Bearer <token>`. */
export const VISITOR_HEADER = "x-parley-visitor";
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function chatFileRoutes(deps: ChatFileDeps): Router {
  const { config, store, uploads, sessions, addressQuota, now } = deps;
  const router = express.Router();
  const rules = { fileField: "file", maxFiles: 1, maxFileBytes: config.attachmentMaxBytes, allowed: ATTACHMENT_TYPES, idleMs: config.network.uploadIdleMs };
  // Per conversation (both sides' files), with the tickets' limits: parallel uploads claim room as they stream.
  const conversationQuota = createUsageLedger(
    { files: config.ticketMaxFiles, bytes: config.ticketMaxBytes },
    { status: 413, error: "quota_exceeded", message: `This conversation has reached its attachment limit: at most ${config.ticketMaxFiles} files and ${megabytes(config.ticketMaxBytes)} in all` },
  );

  /** The caller: a customer by visitor id and token, else an agent by session cookie; null when neither checks out. */
  const caller = async (req: Request): Promise<Reader | null> => {
    const visitorId = req.get(VISITOR_HEADER);
    if (visitorId !== undefined) {
      const token = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
      const valid = await deps.authenticate(visitorId, token);
      // An emailed link's credentials reach the files of their one conversation only.
      return valid && (valid.scope === null || valid.scope === req.params.id) ? { kind: "visitor", visitorId } : null;
    }
    const agent = await sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    return agent ? { kind: "agent", agentId: agent.id, role: agent.role } : null;
  };
  const conversationOf = async (id: string): Promise<ConversationRecord | null> => (CONVERSATION_ID.test(id) ? store.conversations.get(id) : null);
  /** Refuses before the body is read: answer and drop the connection. */
  const refuseNow = (res: Response, status: number, error: Parameters<typeof sendError>[2], message: string) => {
    res.set("Connection", "close");
    sendError(res, status, error, message);
  };

  router.post("/api/conversations/:id/files", async (req, res) => {
    const who = await caller(req);
    if (!who) return refuseNow(res, 401, "unauthorized", "Send the visitor's credentials (X-Parley-Visitor and Authorization: Bearer) or sign in");
    const c = await conversationOf(req.params.id);
    if (!c || !mayWrite(c, who)) return refuseNow(res, 404, "not_found", "No such conversation");
    if (c.status === "closed") return refuseNow(res, 409, "conversation_closed", "This conversation has ended");
    const held = async () => usageOf(await store.chatFiles.listByConversation(c.id));
    // Customers are also held to their address's hourly upload quota; agents (authenticated staff) are not.
    const claims = [await conversationQuota.claim(c.id, held), ...(who.kind === "visitor" ? [addressQuota.claim(clientKey(req, config.network.trustProxy))] : [])];
    await withQuotas(claims, async (quotas) => {
      const form = await receiveOrRefuse(req, res, uploads, { ...rules, quotas });
      if (!form) return false;
      if (form.files.length === 0) {
        await refuseForm(res, uploads, form, 400, "invalid_payload", `Send one file in the "${rules.fileField}" field`, [{ path: rules.fileField, message: "is required" }]);
        return false;
      }
      const uploader = who.kind === "visitor" ? { kind: "visitor" as const, visitorId: who.visitorId } : { kind: "agent" as const, agentId: who.agentId };
      const file = await keepFiles(uploads, form.files, fileId, async ([attachment]) => {
        const record = { ...attachment!, conversationId: c.id, uploader, at: now() };
        await store.chatFiles.put(record);
        return record;
      });
      res.status(201).json(chatFileView(file));
      return true;
    });
  });

  router.get("/api/conversations/:id/files/:fileId", async (req, res) => {
    const who = await caller(req);
    if (!who) return sendError(res, 401, "unauthorized", "Send the visitor's credentials (X-Parley-Visitor and Authorization: Bearer) or sign in");
    const c = await conversationOf(req.params.id);
    const file = c && mayRead(c, who) ? await store.chatFiles.get(req.params.fileId) : null;
    // Someone else's file is indistinguishable from a missing one.
    if (!file || file.conversationId !== c!.id) return sendError(res, 404, "not_found", "No such file");
    await sendAttachment(res, uploads, file);
  });
  return router;
}
