// Creates the load's agents before the server starts, through the store's own API (as `parley agent add` does): in
// a fresh Parley data directory (lowdb), or in Redis for the cluster targets. Every run signs in real accounts with
// real password checks.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { hashPassword } from "../../server/auth/password.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import type { AgentRecord } from "../../server/store/port.js";
import { createRedisStore } from "../../server/store/redis.js";
import { AGENT_PASSWORD, CHATS_PER_AGENT, agentEmail } from "./accounts.js";

/** Where the agents go: opened, written, closed. */
export interface AgentStore {
  open(): Promise<{ put(record: AgentRecord): Promise<void>; close(): Promise<void> }>;
}

export const lowdbAgentStore = (dataDir: string): AgentStore => ({
  open: async () => {
    const store = await openLowdbStore(dataDir, { lock: true });
    return { put: (record) => store.agents.put(record), close: () => store.close() };
  },
});

/** The deployment's default key prefix, which the nodes use. */
export const redisAgentStore = (url: string): AgentStore => ({
  open: async () => {
    const client = new Redis(url);
    const store = createRedisStore(client, { prefix: "parley:", ownsClient: false });
    return { put: (record) => store.agents.put(record), close: async () => void (await client.quit()) };
  },
});

/** Agents per language, each speaking only that language with the highest `maxChats` (a string: a lowdb data directory). */
export async function seedAgents(target: AgentStore | string, agentsPerLanguage: Record<string, number>): Promise<void> {
  const store = await (typeof target === "string" ? lowdbAgentStore(target) : target).open();
  try {
    // One hash for all: the same password, and scrypt is slow by design.
    const passwordHash = await hashPassword(AGENT_PASSWORD);
    const now = Date.now();
    for (const [language, count] of Object.entries(agentsPerLanguage)) {
      for (let i = 0; i < count; i++) {
        await store.put({
          id: `a_${randomBytes(12).toString("base64url")}`,
          email: agentEmail(language, i),
          name: `Load agent ${language} ${i}`,
          languages: [language],
          maxChats: CHATS_PER_AGENT,
          role: "agent",
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
  } finally {
    await store.close();
  }
}
