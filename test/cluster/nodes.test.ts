// Three Parley nodes on one Redis: customers and agents on different nodes chat as if on one; 150 customers arriving
// at once over the three nodes are assigned to 10 agents × 5 slots exactly once each, the rest hold places 1..100.
import { expect, it } from "vitest";
import type { AgentConversationView, ConversationView, MessageView } from "../../server/protocol/views.js";
import { nodesForEachTest, quickAgent, type TestNode } from "../helpers/cluster.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import { describeWithRedis } from "../helpers/redis.js";
import { checkDelivery, recordMessages, retried, startChat } from "./history.js";

describeWithRedis("three nodes on one Redis", () => {
  const startNodesOnRedis = nodesForEachTest();
  let nodes: TestNode[] = [];

  it("lets a customer on one node and an agent on another chat both ways, each message once and in order", async () => {
    nodes = await startNodesOnRedis(3);
    const [n1, n2, n3] = nodes as [TestNode, TestNode, TestNode];
    const agent = await addAgent(n1.store, { languages: ["en"], name: "Ann", maxChats: 2 });
    const ann = await agentOnline(n2.url, agent);
    const history = recordMessages();
    history.watch("agent", ann);

    const visitors: VisitorSocket[] = [];
    for (const node of [n3, n1]) visitors.push((await connectVisitor(node.url)).socket);
    const chats: string[] = [];
    for (const [i, v] of visitors.entries()) {
      history.watch(`visitor${i}`, v);
      const assigned = next<AgentConversationView>(ann, "conversation:assigned", () => true, 60_000);
      const joined = next<ConversationView>(v, "conversation:updated", (c) => c.status === "assigned", 60_000);
      const { conversation, message } = await startChat(v, `hello from visitor ${i}`);
      history.acked(`visitor${i}`, message);
      chats.push(conversation.id);
      expect((await assigned).id).toBe(conversation.id);
      expect((await joined).agentName).toBe("Ann");
    }
    for (let round = 0; round < 5; round++) {
      for (const [i, v] of visitors.entries()) {
        const fromVisitor = { conversationId: chats[i]!, id: msgId(), text: `v${i} says ${round}` };
        const sent = await retried(() => v.timeout(30_000).emitWithAck("message:send", fromVisitor));
        if (!sent.ok) throw new Error(sent.error);
        history.acked(`visitor${i}`, sent.data);
        const fromAgent = { conversationId: chats[i]!, id: msgId(), text: `to v${i}: ${round}` };
        const answer = await retried(() => ann.timeout(30_000).emitWithAck("message:send", fromAgent));
        if (!answer.ok) throw new Error(answer.error);
        history.acked("agent", answer.data);
      }
    }
    // Everyone has received every message of the other side, once, in seq order.
    for (const [i, conversationId] of chats.entries()) {
      const stored = await n1.store.messages.list(conversationId, 0);
      await expect.poll(() => history.received(`visitor${i}`, conversationId).length, { timeout: 60_000 }).toBe(stored.filter((m) => m.author !== "visitor").length);
      await expect.poll(() => history.received("agent", conversationId).length, { timeout: 60_000 }).toBe(stored.filter((m) => m.author !== "agent" && m.seq > 1).length);
      checkDelivery(history, `visitor${i}`, conversationId, stored, (m) => m.author !== "visitor");
      checkDelivery(history, "agent", conversationId, stored, (m) => m.author !== "agent" && m.seq > 1);
    }
  }, 180_000);

  it("assigns 150 customers arriving at once on three nodes to 10 agents × 5 slots: exactly 50, once each, the rest in places 1..100", async () => {
    nodes = await startNodesOnRedis(3);
    const agents: AgentSocket[] = [];
    const assignedTo = new Map<string, string[]>();
    for (let i = 0; i < 10; i++) {
      const { record, socket } = await quickAgent(nodes[i % 3]!, { maxChats: 5 });
      socket.on("conversation:assigned", (view: AgentConversationView) => assignedTo.set(view.id, [...(assignedTo.get(view.id) ?? []), record.id]));
      agents.push(socket);
    }
    // Registered directly (the HTTP endpoint limits new identities per address, and all of these come from one).
    const visitors = await Promise.all(Array.from({ length: 150 }, async (_, i) => connectVisitor(nodes[i % 3]!.url, await nodes[i % 3]!.app.api.visitor.register())));
    const started = await Promise.all(visitors.map((v) => startChat(v.socket)));
    expect(new Set(started.map((s) => s.conversation.id)).size).toBe(150);

    await expect.poll(() => assignedTo.size, { timeout: 60_000 }).toBe(50);
    const open = await nodes[1]!.store.conversations.listOpen();
    const assigned = open.filter((c) => c.status === "assigned");
    expect(assigned).toHaveLength(50);
    expect(open.filter((c) => c.status === "queued")).toHaveLength(100);
    // Each conversation went to one agent, once; nobody above five.
    for (const [, to] of assignedTo) expect(to).toHaveLength(1);
    for (const c of assigned) expect(assignedTo.get(c.id)).toEqual([c.assigneeId]);
    const load = new Map<string, number>();
    for (const c of assigned) load.set(c.assigneeId!, (load.get(c.assigneeId!) ?? 0) + 1);
    expect([...load.values()].every((n) => n === 5)).toBe(true);
    expect(load.size).toBe(10);

    const waiting = visitors.filter((_, i) => !assignedTo.has(started[i]!.conversation.id));
    const positions = await Promise.all(
      waiting.map(async (v) => {
        const r = await retried(() => v.socket.timeout(30_000).emitWithAck("conversation:resume", { afterSeq: 0 }));
        return r.ok ? (r.data.conversation?.queue?.position ?? null) : null;
      }),
    );
    expect(positions.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  }, 180_000);
});
