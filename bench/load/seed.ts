// Creates the load's agents in a fresh Parley data directory before the server starts, through the store's own
// API (as `parley agent add` does), so every run signs in real accounts with real password checks.
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../server/auth/password.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { AGENT_PASSWORD, CHATS_PER_AGENT, agentEmail } from "./accounts.js";

/** Agents per language, each speaking only that language with the highest `maxChats`. */
export async function seedAgents(dataDir: string, agentsPerLanguage: Record<string, number>): Promise<void> {
  const store = await openLowdbStore(dataDir, { lock: true });
  try {
    // One hash for all: the same password, and scrypt is slow by design.
    const passwordHash = await hashPassword(AGENT_PASSWORD);
    const now = Date.now();
    for (const [language, count] of Object.entries(agentsPerLanguage)) {
      for (let i = 0; i < count; i++) {
        await store.agents.put({
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
