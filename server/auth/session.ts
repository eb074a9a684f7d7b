// Agent sessions: a random cookie token; only its hash is stored, so a leaked store cannot be replayed.
import { createHash, randomBytes } from "node:crypto";
import type { AgentRecord, Store } from "../store/port.js";

export const SESSION_COOKIE = "parley_session";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** What a session remembers of the credentials it was opened with. */
export const credentialOf = (agent: AgentRecord) => sha256(agent.passwordHash);

/** The stored id of a session token (its hash): sockets remember it so a sign-out can drop them. */
export const sessionIdOf = (token: string) => sha256(token);

export function createSessions(store: Store, ttlMs: number, now: () => number = Date.now) {
  /** The signed-in agent and when the session ends, or null when the token is unknown, expired, the account was removed or disabled, or its password changed. */
  async function open(token: string | undefined): Promise<{ agent: AgentRecord; expiresAt: number } | null> {
    if (!token || token.length > 100) return null;
    const session = await store.sessions.get(sha256(token));
    if (!session) return null;
    const agent = session.expiresAt > now() ? await store.agents.get(session.agentId) : null;
    if (!agent || agent.disabled || session.credential !== credentialOf(agent)) {
      await store.sessions.remove(session.id);
      return null;
    }
    return { agent, expiresAt: session.expiresAt };
  }

  return {
    async create(agent: AgentRecord): Promise<{ token: string; expiresAt: number }> {
      const token = randomBytes(32).toString("base64url");
      const expiresAt = now() + ttlMs;
      await store.sessions.put({ id: sha256(token), agentId: agent.id, credential: credentialOf(agent), createdAt: now(), expiresAt });
      return { token, expiresAt };
    },
    open,
    /** The signed-in agent, or null (see `open`). */
    resolve: async (token: string | undefined): Promise<AgentRecord | null> => (await open(token))?.agent ?? null,
    destroy: (token: string) => store.sessions.remove(sha256(token)),
    /** Forgets the sessions that have expired (the app runs it hourly): one nobody presents again stays otherwise. */
    sweep: () => store.sessions.removeExpired(now()),
  };
}

export type Sessions = ReturnType<typeof createSessions>;

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
