import { describe, expect, it } from "vitest";
import { createQueues } from "../../server/domain/queue.js";
import { pickAgent, planAssignments, type AgentSlot } from "../../server/domain/routing.js";

const agent = (id: string, fields: Partial<AgentSlot> = {}): AgentSlot => ({
  id,
  languages: ["en"],
  maxChats: 3,
  load: 0,
  accepting: true,
  idleSince: 0,
  ...fields,
});

describe("picking an agent", () => {
  it.each([
    ["the least loaded", [agent("a", { load: 2 }), agent("b", { load: 1 })], "en", "b"],
    ["on a tie, the one idle longest", [agent("a", { idleSince: 50 }), agent("b", { idleSince: 10 })], "en", "b"],
    ["only one who speaks the language", [agent("a", { load: 0 }), agent("b", { load: 2, languages: ["de", "en"] })], "de", "b"],
    ["nobody at capacity", [agent("a", { load: 3, maxChats: 3 })], "en", null],
    ["nobody Away or offline", [agent("a", { accepting: false })], "en", null],
    ["an agent with three languages for any of them", [agent("a", { languages: ["tr", "ar", "en"] })], "ar", "a"],
  ])("chooses %s", (_title, agents, language, expected) => {
    expect(pickAgent(language, agents)?.id ?? null).toBe(expected);
  });
});

describe("planning assignments", () => {
  it("assigns the longest-waiting German visitor first", () => {
    const q = createQueues();
    q.enqueue({ id: "late", language: "de", priority: 0, queuedAt: 20 });
    q.enqueue({ id: "early", language: "de", priority: 0, queuedAt: 10 });
    const plan = planAssignments(q, [agent("g", { languages: ["de"], maxChats: 1 })], 100);
    expect(plan).toEqual([{ conversationId: "early", agentId: "g" }]);
  });

  it("never plans above an agent's capacity and spreads load", () => {
    const q = createQueues();
    for (let i = 0; i < 10; i++) q.enqueue({ id: `c${i}`, language: "en", priority: 0, queuedAt: i });
    const agents = [agent("a", { maxChats: 2 }), agent("b", { maxChats: 3, load: 1 })];
    const plan = planAssignments(q, agents, 100);
    const count = (id: string) => plan.filter((p) => p.agentId === id).length;
    expect(count("a")).toBe(2);
    expect(count("b")).toBe(2);
    expect(new Set(plan.map((p) => p.conversationId)).size).toBe(plan.length);
    expect(plan.map((p) => p.conversationId)).toEqual(["c0", "c1", "c2", "c3"]);
  });

  it("serves the backlog of every language the agent speaks, oldest first across them", () => {
    const q = createQueues();
    q.enqueue({ id: "de1", language: "de", priority: 0, queuedAt: 30 });
    q.enqueue({ id: "en1", language: "en", priority: 0, queuedAt: 10 });
    q.enqueue({ id: "fr1", language: "fr", priority: 0, queuedAt: 5 });
    const plan = planAssignments(q, [agent("a", { languages: ["de", "en"], maxChats: 1 })], 100);
    expect(plan).toEqual([{ conversationId: "en1", agentId: "a" }]);
  });

  it("leaves a language nobody speaks waiting without blocking the others", () => {
    const q = createQueues();
    q.enqueue({ id: "ja1", language: "ja", priority: 0, queuedAt: 1 });
    q.enqueue({ id: "en1", language: "en", priority: 0, queuedAt: 2 });
    expect(planAssignments(q, [agent("a")], 100)).toEqual([{ conversationId: "en1", agentId: "a" }]);
  });

  it("assigns nothing when no agent is accepting", () => {
    const q = createQueues();
    q.enqueue({ id: "c", language: "en", priority: 0, queuedAt: 1 });
    expect(planAssignments(q, [agent("a", { accepting: false })], 100)).toEqual([]);
  });
});
