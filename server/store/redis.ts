// The Redis store: the whole store port on one Redis, shared by every Parley node (REDIS_URL). Conversation writes are
// compare-and-set in Lua and, on the desk's path, fenced by the desk lease; message seqs are allocated in Redis. A write
// resolves once Redis has it (what that means on disk depends on Redis' AOF setting: docs/deployment.md).
import type { Redis } from "ioredis";
import type { ConversationId } from "../protocol/ids.js";
import { DuplicateEmailError, DuplicateOfficialError, DuplicateShortcutError, type AgentRecord, type ConversationRecord, type MessageRecord, type SessionRecord, type Store, type VisitorRecord } from "./port.js";
import { changeRow, redisKeys, scriptRunner } from "./redis-client.js";
import { CONVERSATION_CREATE, CONVERSATION_MARK_READ, CONVERSATION_MARK_VISITOR_READ, CONVERSATION_UPDATE, FIELD_CAS, LOG_APPEND, UNIQUE_PUT, UNIQUE_REMOVE } from "./redis-scripts.js";
import { createRedisConsole } from "./redis-console.js";
import { createRedisSelfService } from "./redis-selfservice.js";

export interface RedisStoreOptions {
  /** Key prefix of this deployment (default "parley:"). */
  prefix?: string;
  /**
   * The desk lease's fencing token, when conversation writes must come from the lease holder only: a node that lost the
   * lease (paused, cut off) has its writes refused by Redis. Null = not the holder (writes refused); absent = unfenced.
   */
  fence?: () => string | null;
  /** Whether `close()` quits the client (default true). */
  ownsClient?: boolean;
}

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);

/** Thrown for any Redis failure (connection lost, fenced write…): the handlers answer `storage_unavailable`, the client retries. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
  readonly code = "EREDIS";
}

/** Wraps every store method so a Redis failure carries `code` (answered as storage_unavailable); domain errors pass. */
function guarded(store: Store): Store {
  const wrap = <T extends object>(part: T): T =>
    Object.fromEntries(
      Object.entries(part).map(([name, fn]) => [
        name,
        typeof fn !== "function"
          ? fn
          : async (...args: unknown[]) => {
              try {
                return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
              } catch (err) {
                if (err instanceof DuplicateEmailError || err instanceof DuplicateOfficialError || err instanceof DuplicateShortcutError) throw err;
                throw new RedisUnavailableError(err instanceof Error ? err.message : String(err), { cause: err });
              }
            },
      ]),
    ) as T;
  return Object.fromEntries(Object.entries(store).map(([name, part]) => [name, typeof part === "function" ? part : wrap(part)])) as unknown as Store;
}

/** A stored log entry as the port returns it: its JSON, with the conversation and seq it has by being where it is. */
export const toMessage = (conversationId: string, seq: number, json: string): MessageRecord => ({ ...JSON.parse(json), conversationId, seq });

export function createRedisStore(client: Redis, options: RedisStoreOptions = {}): Store {
  return guarded(createUnguarded(client, options));
}

function createUnguarded(client: Redis, options: RedisStoreOptions): Store {
  const keys = redisKeys(options.prefix ?? "parley:");
  const run = scriptRunner(client);
  const fence = () => (options.fence ? (options.fence() ?? "-") : "");
  const convKeys = [keys.conversations, keys.epochs, keys.reads, keys.open, keys.openByVisitor, keys.lease];

  /** The customer's read marker lives in its own hash (raised lazily, never lowered): the higher of it and the row's. */
  const withVisitorRead = (c: ConversationRecord, seen: string | null): ConversationRecord => {
    const seq = Math.max(Number(seen ?? 0), c.visitorReadSeq ?? 0);
    return seq > 0 ? { ...c, visitorReadSeq: seq } : c;
  };

  async function getConversation(id: ConversationId): Promise<ConversationRecord | null> {
    const [json, read, seen] = await Promise.all([client.hget(keys.conversations, id), client.hget(keys.reads, id), client.hget(keys.visitorReads, id)]);
    const c = parse<ConversationRecord>(json);
    return c && withVisitorRead({ ...c, agentReadSeq: Number(read ?? c.agentReadSeq) }, seen);
  }

  async function getMany(ids: string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    const [rows, reads, seen] = await Promise.all([client.hmget(keys.conversations, ...ids), client.hmget(keys.reads, ...ids), client.hmget(keys.visitorReads, ...ids)]);
    return rows.flatMap((json, i) => {
      const c = parse<ConversationRecord>(json);
      return c ? [withVisitorRead({ ...c, agentReadSeq: Number(reads[i] ?? c.agentReadSeq) }, seen[i] ?? null)] : [];
    });
  }

  const agentPut = async (agent: AgentRecord) => {
    const email = agent.email.toLowerCase();
    const row = JSON.stringify({ ...agent, email });
    const done = await run(UNIQUE_PUT, [keys.agents, keys.agentEmails, keys.agentsVersion, keys.changes], [agent.id, email, row, "email", "agents"]);
    if (done === 0) throw new DuplicateEmailError(email);
  };

  return {
    agents: {
      list: async () => Object.values(await client.hgetall(keys.agents)).map((json) => JSON.parse(json) as AgentRecord),
      get: async (id) => parse<AgentRecord>(await client.hget(keys.agents, id)),
      getByEmail: async (email) => {
        const id = await client.hget(keys.agentEmails, email.toLowerCase());
        return id ? parse<AgentRecord>(await client.hget(keys.agents, id)) : null;
      },
      put: agentPut,
      // A compare-and-set on the row as read, made again on what another writer stored (a handful of admins and the
      // `parley` command write agents, so a few rounds settle; each round someone's write lands).
      update: (id, change) =>
        changeRow<AgentRecord>(
          `agent ${id}`,
          () => client.hget(keys.agents, id),
          (current) => {
            const next = current && change(current);
            return next && { ...next, id, email: next.email.toLowerCase() };
          },
          async (stored, asRead) => {
            const done = await run(UNIQUE_PUT, [keys.agents, keys.agentEmails, keys.agentsVersion, keys.changes], [id, stored.email, JSON.stringify(stored), "email", "agents", asRead!]);
            if (done === 0) throw new DuplicateEmailError(stored.email);
            return done === 1;
          },
        ),
      remove: async (id) => (await run(UNIQUE_REMOVE, [keys.agents, keys.agentEmails, keys.agentsVersion, keys.changes], [id, "email", "agents"])) === 1,
      version: async () => (await client.get(keys.agentsVersion)) ?? "0",
    },
    visitors: {
      get: async (id) => parse<VisitorRecord>(await client.hget(keys.visitors, id)),
      put: async (visitor) => void (await client.hset(keys.visitors, visitor.id, JSON.stringify(visitor))),
      // A compare-and-set on the record as read, made again on what another node stored meanwhile.
      update: (id, change) =>
        changeRow<VisitorRecord>(
          `visitor ${id}`,
          () => client.hget(keys.visitors, id),
          (current) => {
            const next = change(current);
            return next && { ...next, id };
          },
          async (stored, asRead) => (await run(FIELD_CAS, [keys.visitors], [id, asRead ?? "", JSON.stringify(stored)])) === 1,
        ),
    },
    conversations: {
      get: getConversation,
      create: async (c) =>
        (await run(CONVERSATION_CREATE, convKeys, [fence(), c.id, JSON.stringify(c), c.epoch, c.agentReadSeq, c.status, c.visitorId])) === 1,
      update: async (next, expectedEpoch) => {
        const stored: ConversationRecord = { ...next, epoch: expectedEpoch + 1 };
        const args = [fence(), next.id, JSON.stringify(stored), expectedEpoch, next.agentReadSeq, next.status, next.visitorId];
        if ((await run(CONVERSATION_UPDATE, convKeys, args)) === 1) return { ok: true, conversation: structuredClone(stored) };
        return { ok: false, current: await getConversation(next.id) };
      },
      markRead: async (id, epoch, seq) => void (await run(CONVERSATION_MARK_READ, [keys.epochs, keys.reads, keys.lease], [fence(), id, epoch, seq])),
      markVisitorRead: async (id, seq) => void (await run(CONVERSATION_MARK_VISITOR_READ, [keys.visitorReads], [id, seq])),
      listOpen: async () => getMany(await client.smembers(keys.open)),
      listCreated: async (from, to) => {
        const rows = Object.entries(await client.hgetall(keys.conversations));
        return getMany(rows.filter(([, json]) => {
          const { createdAt } = JSON.parse(json) as ConversationRecord;
          return createdAt >= from && createdAt < to;
        }).map(([id]) => id));
      },
      findOpenByVisitor: async (visitorId) => {
        const id = await client.hget(keys.openByVisitor, visitorId);
        const c = id ? await getConversation(id) : null;
        return c && c.status !== "closed" && c.visitorId === visitorId ? c : null;
      },
    },
    messages: {
      append: async (conversationId, draft) => {
        const [seq, json, repeat] = (await run(LOG_APPEND, [keys.messages(conversationId), keys.messageIds(conversationId)], [draft.id, JSON.stringify(draft)])) as [number, string, number];
        return { message: toMessage(conversationId, seq, json), duplicate: repeat === 1 };
      },
      list: async (conversationId, afterSeq, limit) => {
        if (limit !== undefined && limit <= 0) return [];
        const stop = limit === undefined ? -1 : afterSeq + limit - 1;
        const rows = await client.lrange(keys.messages(conversationId), afterSeq, stop);
        return rows.map((json, i) => toMessage(conversationId, afterSeq + i + 1, json));
      },
      last: async (conversationId) => {
        const key = keys.messages(conversationId);
        const [[, length], [, json]] = (await client.multi().llen(key).lindex(key, -1).exec()) as [[unknown, number], [unknown, string | null]];
        return json ? toMessage(conversationId, length, json) : null;
      },
      lastSeq: async (conversationId) => client.llen(keys.messages(conversationId)),
    },
    sessions: {
      get: async (id) => parse<SessionRecord>(await client.hget(keys.sessions, id)),
      put: async (session) => void (await client.hset(keys.sessions, session.id, JSON.stringify(session))),
      remove: async (id) => void (await client.hdel(keys.sessions, id)),
      removeExpired: async (now) => {
        const expired = Object.entries(await client.hgetall(keys.sessions)).flatMap(([id, json]) => ((JSON.parse(json) as SessionRecord).expiresAt <= now ? [id] : []));
        return expired.length > 0 ? await client.hdel(keys.sessions, ...expired) : 0;
      },
    },
    ...createRedisSelfService(client, keys, run),
    ...createRedisConsole(client, keys, run),
    close: async () => {
      if (options.ownsClient !== false) await client.quit().catch(() => client.disconnect());
    },
  };
}
