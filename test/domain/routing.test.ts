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

describe("planning assignments with the scarcity policy", () => {
  type Row = [title: string, queued: Array<[id: string, language: string, queuedAt: number]>, agents: AgentSlot[], leastLoaded: string[], scarcity: string[]];
  const rows: Row[] = [
    [
      "an agent who is the only Turkish speaker serves Turkish before an older English visitor",
      [["en1", "en", 10], ["tr1", "tr", 20]],
      [agent("both", { languages: ["en", "tr"], maxChats: 1 }), agent("en", { load: 3 })],
      ["en1→both"],
      ["tr1→both"],
    ],
    [
      "an English visitor goes to the agent who speaks only English, keeping the Turkish speaker free",
      [["en1", "en", 10]],
      [agent("both", { languages: ["en", "tr"], idleSince: 1 }), agent("en", { load: 1, idleSince: 0 })],
      ["en1→both"],
      ["en1→en"],
    ],
    [
      "with the rare queue empty, the common queue is served as before",
      [["en1", "en", 10], ["en2", "en", 20]],
      [agent("both", { languages: ["en", "tr"], maxChats: 1 })],
      ["en1→both"],
      ["en1→both"],
    ],
    [
      "within one language the longest-waiting visitor still comes first",
      [["tr2", "tr", 30], ["tr1", "tr", 20], ["en1", "en", 10]],
      [agent("both", { languages: ["en", "tr"], maxChats: 2 }), agent("en", { load: 3 })],
      ["en1→both", "tr1→both"],
      ["tr1→both", "tr2→both"],
    ],
    [
      "every assignment that can be made is made, whatever the order",
      [["en1", "en", 1], ["en2", "en", 2], ["tr1", "tr", 3], ["de1", "de", 4]],
      [agent("a", { languages: ["en", "tr"], maxChats: 2 }), agent("b", { languages: ["en", "de"], maxChats: 1 }), agent("c", { maxChats: 1, load: 1 })],
      ["en1→a", "en2→b", "tr1→a"],
      ["tr1→a", "de1→b", "en1→a"],
    ],
    [
      "an agent who is not accepting does not count as help",
      [["en1", "en", 10], ["tr1", "tr", 20]],
      [agent("both", { languages: ["en", "tr"], maxChats: 1 }), agent("away", { languages: ["en", "tr"], accepting: false }), agent("en", { load: 3 })],
      ["en1→both"],
      ["tr1→both"],
    ],
  ];

  it.each(rows)("%s", (_title, queued, agents, leastLoaded, scarcity) => {
    const q = createQueues();
    for (const [id, language, queuedAt] of queued) q.enqueue({ id, language, priority: 0, queuedAt });
    const show = (plan: ReturnType<typeof planAssignments>) => plan.map((p) => `${p.conversationId}→${p.agentId}`);
    expect(show(planAssignments(q, agents, 100))).toEqual(leastLoaded);
    expect(show(planAssignments(q, agents, 100, { policy: "least-loaded" }))).toEqual(leastLoaded);
    expect(show(planAssignments(q, agents, 100, { policy: "scarcity" }))).toEqual(scarcity);
  });

  it("never plans above an agent's capacity", () => {
    const q = createQueues();
    for (let i = 0; i < 20; i++) q.enqueue({ id: `c${i}`, language: i % 3 ? "en" : "tr", priority: 0, queuedAt: i });
    const agents = [agent("a", { languages: ["en", "tr"], maxChats: 2 }), agent("b", { maxChats: 3, load: 1 })];
    const plan = planAssignments(q, agents, 100, { policy: "scarcity" });
    expect(plan.filter((p) => p.agentId === "a")).toHaveLength(2);
    expect(plan.filter((p) => p.agentId === "b")).toHaveLength(2);
    expect(new Set(plan.map((p) => p.conversationId)).size).toBe(plan.length);
  });
});
