// In-memory store: the reference adapter for tests. Returns copies so callers cannot mutate stored state.
import { createMemoryConsole } from "./memory-console.js";
import { createMemorySelfService } from "./memory-selfservice.js";
import { DuplicateEmailError, keepVisitorRead, type AgentRecord, type ConversationRecord, type MessageDraft, type MessageRecord, type SessionRecord, type Store, type VisitorRecord } from "./port.js";

const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryStore(): Store {
  const agents = new Map<string, AgentRecord>();
  const visitors = new Map<string, VisitorRecord>();
  const conversations = new Map<string, ConversationRecord>();
  const messages = new Map<string, MessageRecord[]>();
  const sessions = new Map<string, SessionRecord>();
  let agentVersion = 0;

  const log = (conversationId: string): MessageRecord[] => {
    let list = messages.get(conversationId);
    if (!list) messages.set(conversationId, (list = []));
    return list;
  };

  return {
    agents: {
      list: async () => [...agents.values()].map(copy),
      get: async (id) => copy(agents.get(id) ?? null),
      getByEmail: async (email) => copy([...agents.values()].find((a) => a.email === email.toLowerCase()) ?? null),
      put: async (agent) => {
        const email = agent.email.toLowerCase();
        if ([...agents.values()].some((a) => a.email === email && a.id !== agent.id)) throw new DuplicateEmailError(email);
        agents.set(agent.id, { ...copy(agent), email });
        agentVersion++;
      },
      update: async (id, change) => {
        const current = agents.get(id);
        const next = current ? change(copy(current)) : null;
        if (!next) return null;
        const email = next.email.toLowerCase();
        if ([...agents.values()].some((a) => a.email === email && a.id !== id)) throw new DuplicateEmailError(email);
        agents.set(id, { ...copy(next), id, email });
        agentVersion++;
        return copy(agents.get(id)!);
      },
      remove: async (id) => {
        const had = agents.delete(id);
        if (had) agentVersion++;
        return had;
      },
      version: async () => String(agentVersion),
    },
    visitors: {
      get: async (id) => copy(visitors.get(id) ?? null),
      put: async (visitor) => void visitors.set(visitor.id, copy(visitor)),
      update: async (id, change) => {
        const next = change(copy(visitors.get(id) ?? null));
        if (!next) return null;
        visitors.set(id, { ...copy(next), id });
        return copy(visitors.get(id)!);
      },
    },
    conversations: {
      get: async (id) => copy(conversations.get(id) ?? null),
      create: async (conversation) => {
        if (conversations.has(conversation.id)) return false;
        conversations.set(conversation.id, copy(conversation));
        return true;
      },
      update: async (next, expectedEpoch) => {
        const current = conversations.get(next.id);
        if (!current || current.epoch !== expectedEpoch) return { ok: false, current: copy(current ?? null) };
        const stored = { ...copy(next), epoch: expectedEpoch + 1, ...keepVisitorRead(current, next) };
        conversations.set(next.id, stored);
        return { ok: true, conversation: copy(stored) };
      },
      markRead: async (id, epoch, seq) => {
        const current = conversations.get(id);
        if (current && current.epoch === epoch && seq > current.agentReadSeq) conversations.set(id, { ...current, agentReadSeq: seq });
      },
      markVisitorRead: async (id, seq) => {
        const current = conversations.get(id);
        if (current && seq > (current.visitorReadSeq ?? 0)) conversations.set(id, { ...current, visitorReadSeq: seq });
      },
      listOpen: async () => [...conversations.values()].filter((c) => c.status !== "closed").map(copy),
      listCreated: async (from, to) => [...conversations.values()].filter((c) => c.createdAt >= from && c.createdAt < to).map(copy),
      findOpenByVisitor: async (visitorId) =>
        copy([...conversations.values()].find((c) => c.visitorId === visitorId && c.status !== "closed") ?? null),
    },
    messages: {
      append: async (conversationId, draft: MessageDraft) => {
        const list = log(conversationId);
        const existing = list.find((m) => m.id === draft.id);
        if (existing) return { message: copy(existing), duplicate: true };
        const message: MessageRecord = { ...draft, conversationId, seq: list.length + 1 };
        list.push(message);
        return { message: copy(message), duplicate: false };
      },
      list: async (conversationId, afterSeq, limit) => {
        const after = log(conversationId).filter((m) => m.seq > afterSeq);
        return copy(limit === undefined ? after : after.slice(0, limit));
      },
      last: async (conversationId) => copy(log(conversationId).at(-1) ?? null),
      lastSeq: async (conversationId) => log(conversationId).length,
    },
    sessions: {
      get: async (id) => copy(sessions.get(id) ?? null),
      put: async (session) => void sessions.set(session.id, copy(session)),
      remove: async (id) => void sessions.delete(id),
      removeExpired: async (now) => {
        const expired = [...sessions.values()].filter((s) => s.expiresAt <= now);
        for (const s of expired) sessions.delete(s.id);
        return expired.length;
      },
    },
    ...createMemorySelfService(),
    ...createMemoryConsole(),
    close: async () => {},
  };
}
