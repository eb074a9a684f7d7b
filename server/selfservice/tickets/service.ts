// What happens to tickets: creation (with the chat it came from), replies from either side, status changes.
// Order matters for "never lost": files are in place before the message that names them is stored, and the
// message is stored before its email is queued. Changes to one ticket run one at a time.
import type { Logger } from "pino";
import type { TicketSource, TicketStatus } from "../../protocol/selfservice.js";
import { changedAt, type AgentRecord, type AttachmentRecord, type Store, type TicketMessageRecord, type TicketRecord } from "../../store/port.js";
import { randomId } from "../ids.js";
import type { MailWorker } from "../mail/worker.js";
import type { ReceivedFile } from "../uploads/receive.js";
import { keepFiles, type UploadDir } from "../uploads/upload-dir.js";
import { transcript } from "./chat.js";
import type { TicketTokens } from "./tokens.js";
import { createKeyedSerial } from "../../store/keyed-serial.js";

/** What the ticket service needs from the chat desk. */
export interface ChatDesk {
  /** Whose `token` this is (constant-time): the visitor's own (`scope: null`), one conversation's (an emailed link), or null. */
  authenticate(visitorId: unknown, token: unknown): Promise<{ scope: string | null } | null>;
  /** Ends the visitor's conversation. */
  end(visitorId: string, conversationId: string): Promise<unknown>;
}

export interface TicketServiceDeps {
  store: Store;
  uploads: UploadDir;
  mail: MailWorker;
  tokens: TicketTokens;
  chat: ChatDesk;
  logger: Logger;
  now: () => number;
}

export interface NewTicket {
  email: string;
  language: string;
  category: string;
  subject: string;
  description: string;
  source: Exclude<TicketSource, "chat">;
  /** The chat to attach and close, with the visitor's credentials. */
  chat: { conversationId: string; visitorId: string; visitorToken: string } | null;
  /** The visitor's credentials without a chat: a verified customer's email is proven by them (`emailVerified`). */
  visitor?: { visitorId: string; visitorToken: string } | null;
}

export type Author = { kind: "customer" } | { kind: "agent"; agent: AgentRecord };

/** A new attachment id (tickets, feedback and chat files alike). */
export const fileId = () => randomId("f");
const messageId = () => randomId("tm");

export function createTicketService(deps: TicketServiceDeps) {
  const { store, uploads, mail, tokens, chat, logger, now } = deps;
  /** A ticket's replies and status changes on this node, one at a time (other nodes: `settle`'s compare-and-set). */
  const perTicket = createKeyedSerial();

  const withFiles = <R>(files: ReceivedFile[], write: (attachments: AttachmentRecord[]) => Promise<R>): Promise<R> => keepFiles(uploads, files, fileId, write);

  /** The visitor's conversation, or null when the credentials or the ownership do not check out. */
  const ownChat = async (link: NonNullable<NewTicket["chat"]>) => {
    const who = await chat.authenticate(link.visitorId, link.visitorToken);
    if (!who || (who.scope !== null && who.scope !== link.conversationId)) return null;
    const c = await store.conversations.get(link.conversationId);
    return c && c.visitorId === link.visitorId ? c : null;
  };

  /**
   * Whether the visitor behind these credentials is a verified customer (IDENTITY_SECRET) whose email is `email`: then
   * the address is the customer's own, not just one somebody typed.
   */
  const provenEmail = async (who: { visitorId: string; visitorToken: string } | null | undefined, email: string) => {
    // Only the visitor's own credentials prove who they are (an emailed link's open one conversation, nothing more).
    if (!who || (await chat.authenticate(who.visitorId, who.visitorToken))?.scope !== null) return false;
    const known = (await store.visitors.get(who.visitorId))?.identity?.email;
    return typeof known === "string" && known.trim().toLowerCase() === email.trim().toLowerCase();
  };

  const awaitingAgent = (status: TicketStatus, messages: TicketMessageRecord[]) =>
    status !== "solved" && messages.filter((m) => m.author !== "system").at(-1)?.author === "customer";

  /**
   * Writes what `decide` makes of the ticket and its thread, read in that order, by compare-and-set: on a cluster
   * another node may change the ticket in between (a customer replies as the agent does), and then both are read again,
   * so the ticket always follows its thread. Null when the ticket does not exist.
   */
  const settle = async (ticketId: string, decide: (current: TicketRecord, messages: TicketMessageRecord[]) => TicketRecord | null) => {
    for (let round = 0; round < 50; round++) {
      const current = await store.tickets.get(ticketId);
      if (!current) return null;
      const messages = await store.ticketMessages.list(ticketId);
      const decided = decide(current, messages);
      if (!decided) return { ticket: current, messages };
      const ticket: TicketRecord = { ...decided, updatedAt: changedAt(current.updatedAt, decided.updatedAt) };
      if (await store.tickets.replace(ticket, current.updatedAt)) return { ticket, messages };
    }
    throw new Error(`ticket ${ticketId} kept changing under 50 attempts to update it`);
  };

  return {
    /**
     * Creates a ticket and queues its confirmation; `{ ok: false }` when the chat is not the visitor's. The token goes
     * back to the creator too (an app shows the thread at once), which is why an unproven address is marked as such.
     */
    async create(input: NewTicket, files: ReceivedFile[]): Promise<{ ok: true; ticket: TicketRecord; token: string } | { ok: false }> {
      const conversation = input.chat ? await ownChat(input.chat) : null;
      if (input.chat && !conversation) {
        await uploads.discard(files);
        return { ok: false };
      }
      const emailVerified = await provenEmail(input.chat ?? input.visitor, input.email);
      const at = now();
      const id = randomId("t");
      const token = tokens.tokenFor(id);
      const text = conversation
        ? `${input.description}\n\n${transcript(conversation, await store.messages.list(conversation.id, 0))}`
        : input.description;
      const ticket = await withFiles(files, async (attachments) => {
        await store.ticketMessages.append(id, { id: messageId(), author: "customer", text, attachments, at });
        return store.tickets.create({
          id,
          email: input.email,
          language: input.language,
          category: input.category,
          subject: input.subject,
          status: "open",
          source: conversation ? "chat" : input.source,
          conversationId: conversation?.id ?? null,
          tokenHash: tokens.hash(token),
          awaitingAgent: true,
          emailVerified,
          createdAt: at,
          updatedAt: at,
          solvedAt: null,
        });
      });
      await mail.enqueue("ticket_created", ticket.id, ticket.email);
      logger.info({ ticketId: ticket.id, number: ticket.number, source: ticket.source }, "ticket created");
      if (conversation?.status === "queued") {
        await chat.end(conversation.visitorId, conversation.id).catch((err: unknown) => logger.error({ err, conversationId: conversation.id }, "could not end the chat"));
      }
      return { ok: true, ticket, token };
    },

    /** Adds a reply. A customer reply reopens the ticket; an agent reply makes it pending and is emailed. */
    reply(ticketId: string, author: Author, text: string, files: ReceivedFile[]) {
      return perTicket.run(ticketId, async () => {
        const current = await store.tickets.get(ticketId);
        if (!current) {
          await uploads.discard(files);
          return null;
        }
        const at = now();
        const message: TicketMessageRecord = await withFiles(files, async (attachments) => {
          const m: TicketMessageRecord = {
            id: messageId(),
            author: author.kind,
            ...(author.kind === "agent" && { authorName: author.agent.name }),
            text,
            attachments,
            at,
          };
          await store.ticketMessages.append(ticketId, m);
          return m;
        });
        // A reply reopens the ticket (customer) or makes it pending (agent): as the thread's last reply says, which is
        // this one unless the other side answered meanwhile.
        const settled = await settle(ticketId, (ticket, messages) => {
          const last = messages.filter((m) => m.author !== "system").at(-1) ?? message;
          const status: TicketStatus = last.author === "customer" ? "open" : "pending";
          return { ...ticket, status, awaitingAgent: last.author === "customer", updatedAt: at, solvedAt: null };
        });
        if (!settled) return null;
        if (author.kind === "agent") await mail.enqueue("agent_reply", ticketId, settled.ticket.email, message.id);
        return settled;
      });
    },

    /** Changes the status; solving adds a note to the thread and emails the customer. */
    setStatus(ticketId: string, status: TicketStatus, agent: AgentRecord) {
      return perTicket.run(ticketId, async () => {
        const current = await store.tickets.get(ticketId);
        if (!current) return null;
        if (current.status === status) return { ticket: current, messages: await store.ticketMessages.list(ticketId) };
        const at = now();
        const note = messageId();
        if (status === "solved") {
          await store.ticketMessages.append(ticketId, { id: note, author: "system", text: "This ticket was marked as solved.", attachments: [], at });
        }
        let solved = false;
        const settled = await settle(ticketId, (ticket, messages) => {
          solved = false;
          // A customer who wrote after the solved note reopened the ticket (their reply is answered, not closed).
          const noteAt = messages.findIndex((m) => m.id === note);
          if (status === "solved" && noteAt >= 0 && messages.slice(noteAt + 1).some((m) => m.author === "customer")) return null;
          solved = status === "solved";
          return { ...ticket, status, updatedAt: at, solvedAt: status === "solved" ? at : null, awaitingAgent: awaitingAgent(status, messages) };
        });
        if (!settled) return null;
        if (solved) await mail.enqueue("ticket_solved", ticketId, settled.ticket.email);
        logger.info({ ticketId, status, agentId: agent.id }, "ticket status changed");
        return settled;
      });
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
