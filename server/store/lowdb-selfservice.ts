// The self-service part of the embedded store, under DATA_DIR:
//   tickets/<00-3f>.json           ticket metadata, sharded by id hash
//   ticket-messages/<ticket>.json  each ticket's thread
//   feedback/<00-3f>.json          product feedback, sharded
//   mail-queue/<00-0f>.json        outgoing email (pending, sent, failed), sharded
//   chat-files/<00-3f>.json        metadata of files uploaded to chat conversations, sharded
//   officials.json                 official accounts, shared with the `parley official` command
import { join } from "node:path";
import type { FileIo } from "./json-file.js";
import { ensureDir, removeLeftovers } from "./files.js";
import { openOfficials } from "./lowdb-officials.js";
import { openTable } from "./lowdb-table.js";
import { openTicketThreads } from "./lowdb-ticket-messages.js";
import type { ChatFileRecord, FeedbackRecord, OutgoingEmailRecord, SelfServiceStores, TicketRecord } from "./selfservice-port.js";
import { byCreation, byNewest, byUpload, byRecentUpdate, dueEmails, earliestDue, feedbackMatches, nextTicketNumber, ticketMatches } from "./selfservice-queries.js";

const shards = (dir: string, count: number) => Array.from({ length: count }, (_, i) => join(dir, `${i.toString(16).padStart(2, "0")}.json`));

/** The self-service stores in `dir`, with what the store's open and close need. */
export interface LowdbSelfService {
  stores: SelfServiceStores;
  /** Creates the folders and removes temp files left by a crash. */
  prepare(): Promise<void>;
  /** Reads every metadata file now, so a corrupt one stops start-up. */
  loadAll(): Promise<void>;
  idle(): Promise<void>;
}

export function openLowdbSelfService(dir: string, io: FileIo): LowdbSelfService {
  const folders = { tickets: join(dir, "tickets"), threads: join(dir, "ticket-messages"), feedback: join(dir, "feedback"), mail: join(dir, "mail-queue"), chatFiles: join(dir, "chat-files") };
  const tickets = openTable<TicketRecord>(shards(folders.tickets, 64), io);
  const feedback = openTable<FeedbackRecord>(shards(folders.feedback, 64), io);
  const mail = openTable<OutgoingEmailRecord>(shards(folders.mail, 16), io);
  const chatFiles = openTable<ChatFileRecord>(shards(folders.chatFiles, 64), io);
  const threads = openTicketThreads(folders.threads, io);
  const officials = openOfficials(join(dir, "officials.json"), io);

  // This process is the only writer of tickets (the server holds the directory), so the counter can live here.
  let nextNumber: number | null = null;
  let creating: Promise<unknown> = Promise.resolve();
  const create = (draft: Omit<TicketRecord, "number">): Promise<TicketRecord> => {
    const run = creating.then(async () => {
      nextNumber ??= nextTicketNumber((await tickets.filter()).map((t) => t.number));
      const ticket: TicketRecord = { ...draft, number: nextNumber };
      await tickets.put(ticket);
      nextNumber++;
      return structuredClone(ticket);
    });
    creating = run.catch(() => {});
    return run;
  };

  return {
    stores: {
      tickets: {
        create,
        get: tickets.get,
        getByTokenHash: async (hash) => (await tickets.filter((t) => t.tokenHash === hash))[0] ?? null,
        list: async (filter = {}) => (await tickets.filter(ticketMatches(filter))).sort(byRecentUpdate),
        put: tickets.put,
        replace: async (ticket, expectedUpdatedAt) =>
          (await tickets.change(ticket.id, (current) => (current?.updatedAt === expectedUpdatedAt ? structuredClone(ticket) : null))) !== null,
      },
      ticketMessages: threads,
      feedback: {
        put: feedback.put,
        get: feedback.get,
        list: async (filter = {}) => (await feedback.filter(feedbackMatches(filter))).sort(byNewest),
      },
      officials,
      mailQueue: {
        put: mail.put,
        get: mail.get,
        due: async (now, limit) => dueEmails(await mail.filter((e) => e.status === "pending"), now, limit),
        nextDueAt: async () => earliestDue(await mail.filter((e) => e.status === "pending")),
        listByTicket: async (ticketId) => (await mail.filter((e) => e.ticketId === ticketId)).sort(byCreation),
      },
      chatFiles: {
        put: chatFiles.put,
        get: chatFiles.get,
        listByConversation: async (conversationId) => (await chatFiles.filter((f) => f.conversationId === conversationId)).sort(byUpload),
      },
    },
    prepare: async () => {
      for (const folder of Object.values(folders)) {
        await ensureDir(folder);
        await removeLeftovers(folder);
      }
    },
    loadAll: async () => void (await Promise.all([tickets.loadAll(), feedback.loadAll(), mail.loadAll(), chatFiles.loadAll(), officials.list()])),
    idle: async () => void (await Promise.all([creating, tickets.idle(), feedback.idle(), mail.idle(), chatFiles.idle(), threads.idle(), officials.idle()])),
  };
}
