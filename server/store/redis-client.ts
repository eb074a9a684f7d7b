// The Redis connection the store, the lease and the cluster share, and the one way the store runs its Lua scripts.
import { Redis, type RedisOptions } from "ioredis";

/** Keys of one Parley deployment: everything under one prefix (tests use one prefix per test). */
export function redisKeys(prefix: string) {
  const k = (name: string) => `${prefix}${name}`;
  return {
    agents: k("agents"),
    agentEmails: k("agents:email"),
    agentsVersion: k("agents:version"),
    visitors: k("visitors"),
    conversations: k("conv"),
    epochs: k("conv:epoch"),
    reads: k("conv:read"),
    visitorReads: k("conv:visitor-read"),
    open: k("conv:open"),
    openByVisitor: k("conv:open-by-visitor"),
    messages: (conversationId: string) => k(`msg:${conversationId}`),
    messageIds: (conversationId: string) => k(`msg-ids:${conversationId}`),
    sessions: k("sessions"),
    tickets: k("tickets"),
    ticketTokens: k("tickets:token"),
    ticketCounter: k("tickets:counter"),
    ticketMessages: (ticketId: string) => k(`tmsg:${ticketId}`),
    ticketMessageIds: (ticketId: string) => k(`tmsg-ids:${ticketId}`),
    feedback: k("feedback"),
    officials: k("officials"),
    officialKeys: k("officials:key"),
    officialsVersion: k("officials:version"),
    mail: k("mail"),
    chatFiles: k("chat-files"),
    conversationFiles: (conversationId: string) => k(`chat-files:${conversationId}`),
    settings: k("settings"),
    settingsVersion: k("settings:version"),
    canned: k("canned"),
    cannedKeys: k("canned:key"),
    /** The desk lease: holder's fencing token, with a TTL. */
    lease: k("desk:lease"),
    leaseCounter: k("desk:lease:counter"),
    /** Pub/sub channel: a node stored a chat message (MESSAGE_SEND); the desk's node listens. */
    stored: k("desk:stored"),
    /** Pub/sub channel: agents or officials changed (the `parley` command or another node). */
    changes: k("changes"),
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** How long a Redis command may go unanswered before it fails (above the Socket.IO adapter's 5 s blocking read). */
export const REDIS_COMMAND_TIMEOUT_MS = 10_000;

/**
 * A client that fails fast while Redis is away instead of queueing commands without bound: a request that cannot be
 * stored is answered with an error at once (the client retries), never acked late or twice. It reconnects on its own.
 * A command unanswered for REDIS_COMMAND_TIMEOUT_MS fails too: on a connection that went silent without closing (a
 * partition, a stalled NAT) nothing else would end it before TCP gives up, minutes later.
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    ...options,
  });
  // Errors are visible in status and /healthz; an unhandled 'error' event would crash the process.
  client.on("error", () => {});
  return client;
}

/**
 * Runs a Lua script by its SHA, loading it on first use or after Redis restarted (NOSCRIPT). Calls reach Redis in the
 * order they were made: every caller waits for the same load, so one that comes once the SHA is known cannot overtake
 * earlier ones still waiting for it (a customer's messages sent back to back keep their order of seqs).
 */
export function scriptRunner(client: Redis) {
  const shas = new Map<string, Promise<string>>();
  return async function run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    let loading = shas.get(script);
    if (!loading) {
      loading = client.script("LOAD", script) as Promise<string>;
      shas.set(script, loading);
      // A failed load is tried again by the next call.
      loading.catch(() => shas.delete(script));
    }
    try {
      return await client.evalsha(await loading, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return client.eval(script, keys.length, ...keys, ...args);
    }
  };
}

/**
 * One row of a hash changed by compare-and-set: `read` its JSON, make the new row with `change` (null: write nothing),
 * and `write` it only if the row is still what was read (`write` answers false otherwise, and it is made again on what
 * the other writer stored). A handful of writers settle in a few rounds: each round someone's write lands.
 */
export async function changeRow<T>(what: string, read: () => Promise<string | null>, change: (current: T | null) => T | null, write: (next: T, asRead: string | null) => Promise<boolean>): Promise<T | null> {
  for (let round = 0; round < 50; round++) {
    const json = await read();
    const next = change(json === null ? null : (JSON.parse(json) as T));
    if (!next) return null;
    if (await write(next, json)) return next;
  }
  throw new Error(`${what} kept changing under 50 attempts to change it`);
}
