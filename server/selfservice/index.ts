// Self-service: tickets answered by email, product feedback, official-account verification, and files in chat
// (they share the upload directory, its checks and the per-address quota).
// createSelfService(deps) prepares DATA_DIR (uploads, the link key), starts the email worker and returns the
// routes; app.ts mounts the router and calls stop() before the store closes.
import express, { type Router } from "express";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Sessions } from "../auth/session.js";
import type { Config } from "../config.js";
import type { Store } from "../store/port.js";
import { createAccess } from "./access.js";
import { chatFileRoutes } from "./chat-files/routes.js";
import { feedbackRoutes } from "./feedback/routes.js";
import { chatTranscriptEmail, upTo } from "./mail/chat-transcript.js";
import { chatReplyEmail, ticketEmail } from "./mail/messages.js";
import { createChatLinks } from "../auth/chat-link.js";
import type { OfflineReply } from "../desk/offline-replies.js";
import type { VisitorCredentials } from "../protocol/views.js";
import { chatLinkRoutes } from "./chat-link-routes.js";
import { createMailTransport } from "./mail/transport.js";
import { createMailWorker, type MailOnce } from "./mail/worker.js";
import { agentTicketRoutes } from "./tickets/agent-routes.js";
import { customerTicketRoutes } from "./tickets/customer-routes.js";
import { createTicketService, type ChatDesk } from "./tickets/service.js";
import { createTicketTokens, loadTicketKey } from "./tickets/tokens.js";
import { transcriptEmailRoutes } from "./transcripts/routes.js";
import { createAddressQuota, createTicketQuota } from "./uploads/quota.js";
import { openUploadDir } from "./uploads/upload-dir.js";
import { channelName } from "./verify/registry.js";
import { verifyRoutes } from "./verify/routes.js";

/** Knobs tests turn (the defaults suit production). */
export interface SelfServiceOptions {
  /** Waits between email attempts (default 30 s, 2 min, 10 min, … 6 h). */
  mailRetryDelaysMs?: number[];
  /** Attempts before an email is marked failed (default 12). */
  mailMaxAttempts?: number;
  /** SMTP connect/greeting timeout (default 20 s). */
  smtpTimeoutMs?: number;
}

export interface SelfServiceDeps extends SelfServiceOptions {
  /** Whether this node sends the queued emails (on a cluster: only the node running the desk). Default: always. */
  mailActive?: () => boolean;
  /** On a cluster: the Redis claim that keeps each email from being sent twice (server/cluster/mail-once.ts). */
  mailOnce?: MailOnce;
  config: Config;
  store: Store;
  logger: Logger;
  sessions: Sessions;
  /** The chat desk's visitor operations (a ticket made from a chat checks the visitor and ends the chat). */
  chat: ChatDesk & {
    /** Credentials opening one conversation of the visitor's until `expiresAt` (an emailed chat link). */
    linkDevice(visitorId: string, conversationId: string, expiresAt: number): Promise<VisitorCredentials | null>;
  };
  now?: () => number;
}

export interface SelfService {
  router: Router;
  /** Stops the email worker (waits for a send in progress). */
  stop(): Promise<void>;
  /** Sends what is due now (on a cluster: emails other nodes queued). */
  kickMail(): void;
  /** Queues the email of agents' answers for a customer who left the chat. */
  queueChatReply(reply: OfflineReply): Promise<void>;
}

export async function createSelfService(deps: SelfServiceDeps): Promise<SelfService> {
  const { config, store, logger } = deps;
  const now = deps.now ?? Date.now;
  const uploads = openUploadDir(config.uploadDir, { shared: config.uploadDirShared });
  await uploads.sweep();
  const linkKey = await loadTicketKey(config.ticketKeyDir);
  const tokens = createTicketTokens(linkKey);
  const chatLinks = createChatLinks(linkKey);
  const transport = createMailTransport({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: join(config.dataDir, "outbox"),
    logger,
    ...(deps.smtpTimeoutMs !== undefined && { timeoutMs: deps.smtpTimeoutMs }),
  });
  const mail = createMailWorker({
    store,
    transport,
    logger,
    now,
    ...(deps.mailRetryDelaysMs && { retryDelaysMs: deps.mailRetryDelaysMs }),
    ...(deps.mailMaxAttempts !== undefined && { maxAttempts: deps.mailMaxAttempts }),
    ...(deps.mailActive && { active: deps.mailActive }),
    ...(deps.mailOnce && { once: deps.mailOnce }),
    render: async (email) => {
      if (email.kind === "chat_transcript") {
        const conversation = await store.conversations.get(email.ticketId);
        return conversation && chatTranscriptEmail(conversation, upTo(await store.messages.list(conversation.id, 0), email.messageId));
      }
      if (email.kind === "chat_reply") {
        const c = await store.conversations.get(email.ticketId);
        const [fromSeq, toSeq] = (email.messageId ?? "").split("-").map(Number) as [number, number];
        const answers = c ? (await store.messages.list(c.id, fromSeq)).filter((m) => m.author === "agent" && m.seq <= toSeq) : [];
        if (!c || answers.length === 0) return null;
        // The link's expiry comes from when the email was queued, so every retry carries the same link.
        const expiresAt = email.createdAt + config.chatLinkTtlMs;
        return chatReplyEmail(answers, `${config.publicUrl}/chat/c/${chatLinks.tokenFor({ conversationId: c.id, visitorId: c.visitorId, expiresAt })}`, expiresAt);
      }
      const ticket = await store.tickets.get(email.ticketId);
      if (!ticket) return null;
      const message = email.messageId ? ((await store.ticketMessages.list(ticket.id)).find((m) => m.id === email.messageId) ?? null) : null;
      if (email.kind === "agent_reply" && !message) return null;
      return ticketEmail(email.kind, ticket, `${config.publicUrl}/support/t/${tokens.tokenFor(ticket.id)}`, message);
    },
  });
  const access = createAccess(deps.sessions);
  const tickets = createTicketService({ store, uploads, mail, tokens, chat: deps.chat, logger, now });

  const router = express.Router();
  router.get("/api/selfservice/config", (_req, res) => {
    res.set("Cache-Control", "public, max-age=60").json({
      categories: config.ticketCategories,
      maxFiles: config.attachmentMaxFiles,
      maxFileBytes: config.attachmentMaxBytes,
      channels: config.officialChannels.map((id) => ({ id, name: channelName(id) })),
    });
  });
  const addressQuota = createAddressQuota(config.uploadBytesPerAddressPerHour);
  const ticketQuota = createTicketQuota(config.ticketMaxFiles, config.ticketMaxBytes);
  router.use(customerTicketRoutes({ config, store, uploads, tickets, tokens, addressQuota, ticketQuota }));
  router.use(agentTicketRoutes({ config, store, uploads, tickets, access }));
  router.use(chatFileRoutes({ config, store, uploads, sessions: deps.sessions, addressQuota, authenticate: deps.chat.authenticate, now }));
  router.use(feedbackRoutes({ config, store, uploads, access, now, addressQuota }));
  router.use(verifyRoutes({ config, store, access, now }));
  router.use(transcriptEmailRoutes({ store, mail, access, now }));
  router.use(chatLinkRoutes({ config, store, links: chatLinks, linkDevice: deps.chat.linkDevice, now }));
  mail.start();
  return {
    router,
    stop: mail.stop,
    kickMail: mail.start,
    queueChatReply: async (r) => void (await mail.enqueue("chat_reply", r.conversationId, r.to, `${r.fromSeq}-${r.toSeq}`)),
  };
}
