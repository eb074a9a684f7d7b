// Who gets which conversation. Pure: state in, decisions out.
import type { AgentId, ConversationId, LanguageCode, Timestamp } from "../protocol/ids.js";
import { compareWaiting, type Queues, type Waiting } from "./queue.js";

/** An agent as routing sees them. */
export interface AgentSlot {
  id: AgentId;
  languages: readonly LanguageCode[];
  maxChats: number;
  /** Open conversations assigned now. */
  load: number;
  /** Online, connected, not Away (shifts come with the queues issue). */
  accepting: boolean;
  /** When they last took a conversation (or came online): ties go to the one idle longest. */
  idleSince: Timestamp;
}

/** Can this agent take one more conversation in this language? */
export function canTake(agent: AgentSlot, language: LanguageCode): boolean {
  return agent.accepting && agent.load < agent.maxChats && agent.languages.includes(language);
}

/** Least loaded first, ties to the one idle longest, then by id (deterministic). */
export function compareAgents(a: AgentSlot, b: AgentSlot): number {
  return a.load - b.load || a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The agent to give a conversation in `language`, or null when nobody can take it. */
export function pickAgent(language: LanguageCode, agents: readonly AgentSlot[]): AgentSlot | null {
  let best: AgentSlot | null = null;
  for (const agent of agents) {
    if (canTake(agent, language) && (best === null || compareAgents(agent, best) < 0)) best = agent;
  }
  return best;
}

export interface Assignment {
  conversationId: ConversationId;
  agentId: AgentId;
}

/**
 * How planAssignments orders its choices.
 * - "least-loaded" (default): the longest-waiting conversation first across languages, each to the least loaded agent.
 * - "scarcity": the conversation whose language has the fewest accepting speakers first (longest-waiting among equals),
 *   so an agent who is the only help for a rare language serves that queue before a common one that others can serve;
 *   and for a conversation, agents who are needed elsewhere (they speak a rarer language) come after those who are not.
 */
export type RoutingPolicy = "least-loaded" | "scarcity";

export interface PlanOptions {
  policy?: RoutingPolicy;
}

/** Accepting agents who speak each language: the help each queue can ever get now. */
function speakersByLanguage(agents: readonly AgentSlot[]): Map<LanguageCode, number> {
  const count = new Map<LanguageCode, number>();
  for (const agent of agents) {
    if (!agent.accepting) continue;
    for (const language of agent.languages) count.set(language, (count.get(language) ?? 0) + 1);
  }
  return count;
}

/** Scarcity order: the agent with the most help beside them in their other languages first (Infinity when monolingual). */
function scarcityPicker(speakers: Map<LanguageCode, number>) {
  const spare = (agent: AgentSlot, language: LanguageCode) =>
    Math.min(Infinity, ...agent.languages.filter((l) => l !== language).map((l) => speakers.get(l) ?? 0));
  return (language: LanguageCode, agents: readonly AgentSlot[]): AgentSlot | null => {
    let best: AgentSlot | null = null;
    let bestSpare = -1;
    for (const agent of agents) {
      if (!canTake(agent, language)) continue;
      const mine = spare(agent, language);
      if (best === null || mine > bestSpare || (mine === bestSpare && compareAgents(agent, best) < 0)) (best = agent), (bestSpare = mine);
    }
    return best;
  };
}

/**
 * Every assignment that can be made now: the longest-waiting conversation first, each to the best agent for its
 * language, until no waiting conversation has an agent who can take it. Backlog never waits for a new arrival:
 * call this after every change (arrival, a slot freed, an agent coming online). `options.policy` chooses the
 * order (see RoutingPolicy); either way every assignment that can be made is made.
 */
export function planAssignments(queues: Queues, agents: readonly AgentSlot[], now: Timestamp, options: PlanOptions = {}): Assignment[] {
  const slots = agents.map((a) => ({ ...a }));
  const speakers = options.policy === "scarcity" ? speakersByLanguage(slots) : null;
  const before = speakers
    ? (a: Waiting, b: Waiting) => (speakers.get(a.language) ?? 0) - (speakers.get(b.language) ?? 0) || compareWaiting(a, b)
    : compareWaiting;
  const pick = speakers ? scarcityPicker(speakers) : pickAgent;
  const heads = new Map<LanguageCode, number>();
  for (const language of queues.languages()) heads.set(language, 0);
  const plan: Assignment[] = [];
  for (;;) {
    // The next conversation to serve: the best-ordered head among languages that still have someone to serve them.
    let next: Waiting | null = null;
    for (const [language, at] of heads) {
      const head = queues.line(language)[at];
      if (!head || !slots.some((s) => canTake(s, language))) {
        heads.delete(language);
        continue;
      }
      if (next === null || before(head, next) < 0) next = head;
    }
    if (next === null) return plan;
    const agent = pick(next.language, slots)!;
    agent.load++;
    agent.idleSince = now;
    plan.push({ conversationId: next.id, agentId: agent.id });
    heads.set(next.language, heads.get(next.language)! + 1);
  }
}
