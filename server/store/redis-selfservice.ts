// The self-service stores on Redis: tickets (numbered by a Redis counter), threads, feedback, officials, the mail queue.
// Filtering and ordering are the shared ones (selfservice-queries.ts), so every adapter answers alike.
import type { Redis } from "ioredis";
import type { RedisKeys } from "./redis-client.js";
import { LOG_APPEND, TICKET_CREATE, TICKET_REPLACE, UNIQUE_PUT, UNIQUE_REMOVE } from "./redis-scripts.js";
import { byNewest, byUpload, byRecentUpdate, dueEmails, earliestDue, emailsOfTicket, feedbackMatches, FIRST_TICKET_NUMBER, ticketMatches } from "./selfservice-queries.js";
import {
  DuplicateOfficialError,
  type ChatFileRecord,
  type FeedbackRecord,
  type OfficialAccountRecord,
  type OutgoingEmailRecord,
  type SelfServiceStores,
  type TicketMessageRecord,
  type TicketRecord,
} from "./selfservice-port.js";

type Run = (script: string, keys: string[], args: (string | number)[]) => Promise<unknown>;

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);
const all = async <T>(client: Redis, key: string): Promise<T[]> => Object.values(await client.hgetall(key)).map((json) => JSON.parse(json) as T);

export function createRedisSelfService(client: Redis, keys: RedisKeys, run: Run): SelfServiceStores {
  const officialKeys = [keys.officials, keys.officialKeys, keys.officialsVersion, keys.changes];
  return {
    tickets: {
      create: async (draft) => {
        const number = (await run(TICKET_CREATE, [keys.tickets, keys.ticketTokens, keys.ticketCounter], [draft.id, draft.tokenHash, JSON.stringify(draft), FIRST_TICKET_NUMBER])) as number;
        return { ...structuredClone(draft), number };
      },
      get: async (id) => parse<TicketRecord>(await client.hget(keys.tickets, id)),
      getByTokenHash: async (hash) => {
        const id = await client.hget(keys.ticketTokens, hash);
        return id ? parse<TicketRecord>(await client.hget(keys.tickets, id)) : null;
      },
      list: async (filter = {}) => (await all<TicketRecord>(client, keys.tickets)).filter(ticketMatches(filter)).sort(byRecentUpdate),
      put: async (ticket) => void (await client.multi().hset(keys.tickets, ticket.id, JSON.stringify(ticket)).hset(keys.ticketTokens, ticket.tokenHash, ticket.id).exec()),
      replace: async (ticket, expectedUpdatedAt) =>
        (await run(TICKET_REPLACE, [keys.tickets, keys.ticketTokens], [ticket.id, expectedUpdatedAt, JSON.stringify(ticket), ticket.tokenHash])) === 1,
    },
    ticketMessages: {
      append: async (ticketId, message) => void (await run(LOG_APPEND, [keys.ticketMessages(ticketId), keys.ticketMessageIds(ticketId)], [message.id, JSON.stringify(message)])),
      list: async (ticketId) => (await client.lrange(keys.ticketMessages(ticketId), 0, -1)).map((json) => JSON.parse(json) as TicketMessageRecord),
    },
    feedback: {
      put: async (item) => void (await client.hset(keys.feedback, item.id, JSON.stringify(item))),
      get: async (id) => parse<FeedbackRecord>(await client.hget(keys.feedback, id)),
      list: async (filter = {}) => (await all<FeedbackRecord>(client, keys.feedback)).filter(feedbackMatches(filter)).sort(byNewest),
    },
    officials: {
      list: () => all<OfficialAccountRecord>(client, keys.officials),
      put: async (account) => {
        if ((await run(UNIQUE_PUT, officialKeys, [account.id, account.key, JSON.stringify(account), "key", "officials"])) === 0) throw new DuplicateOfficialError(account.key);
      },
      remove: async (id) => (await run(UNIQUE_REMOVE, officialKeys, [id, "key", "officials"])) === 1,
      version: async () => (await client.get(keys.officialsVersion)) ?? "0",
    },
    mailQueue: {
      put: async (email) => void (await client.hset(keys.mail, email.id, JSON.stringify(email))),
      get: async (id) => parse<OutgoingEmailRecord>(await client.hget(keys.mail, id)),
      due: async (now, limit) => dueEmails(await all<OutgoingEmailRecord>(client, keys.mail), now, limit),
      nextDueAt: async () => earliestDue(await all<OutgoingEmailRecord>(client, keys.mail)),
      listByTicket: async (ticketId) => emailsOfTicket(await all<OutgoingEmailRecord>(client, keys.mail), ticketId),
    },
    chatFiles: {
      put: async (file) =>
        void (await client.multi().hset(keys.chatFiles, file.id, JSON.stringify(file)).sadd(keys.conversationFiles(file.conversationId), file.id).exec()),
      get: async (id) => parse<ChatFileRecord>(await client.hget(keys.chatFiles, id)),
      listByConversation: async (conversationId) => {
        const ids = await client.smembers(keys.conversationFiles(conversationId));
        if (ids.length === 0) return [];
        const rows = await client.hmget(keys.chatFiles, ...ids);
        return rows.flatMap((json) => (json ? [JSON.parse(json) as ChatFileRecord] : [])).sort(byUpload);
      },
    },
  };
}
