// Chat messages stored by the node that received them (cluster-messages.ts): they never wait for the desk's node, the
// writer is checked against the conversation as stored at the instant of the append, two nodes appending at once keep
// one gap-free seq order, and the desk's node still hears of every message (its views, supervisors following the chat).
import { expect, it } from "vitest";
import type { AgentConversationView, MessageView } from "../../server/protocol/views.js";
import { nodesForEachTest, quickAgent, type TestNode } from "../helpers/cluster.js";
import { connectVisitor, msgId, next, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import { describeWithRedis } from "../helpers/redis.js";
import { checkDelivery, recordMessages, retried } from "./history.js";

type Sender = VisitorSocket | AgentSocket;
const send = (socket: Sender, conversationId: string, text: string, id = msgId()) =>
  (socket as VisitorSocket).timeout(30_000).emitWithAck("message:send", { conversationId, id, text });

describeWithRedis("messages stored by the node that received them", () => {
  const startNodesOnRedis = nodesForEachTest();
  let nodes: TestNode[] = [];

  /** Three nodes; an agent on one node without the desk, their customer on the other, in an assigned chat. */
  async function chat(agentFields: Parameters<typeof quickAgent>[1] = {}) {
    nodes = await startNodesOnRedis(3);
    const desk = nodes.find((n) => n.app.cluster!.leading())!;
    const [agentNode, visitorNode] = nodes.filter((n) => n !== desk) as [TestNode, TestNode];
    const agent = await quickAgent(agentNode, { maxChats: 5, ...agentFields });
    const visitor = await connectVisitor(visitorNode.url);
    const assigned = next<AgentConversationView>(agent.socket, "conversation:assigned", () => true, 60_000);
    const started = await retried(() => visitor.socket.timeout(30_000).emitWithAck("conversation:start", { language: "en", name: "Mia", message: { id: msgId(), text: "Hello" } }));
    if (!started.ok) throw new Error(started.error);
    await assigned;
    const conversationId = started.data.conversation.id;
    // The seq after the chat's first lines (the first message, the system line of the assignment).
    const base = await desk.store.messages.lastSeq(conversationId);
    return { desk, agentNode, visitorNode, agent, visitor, conversationId, base };
  }

  it("stores and delivers a customer's and an agent's messages while the desk's node is gone", async () => {
    const { desk, agent, visitor, conversationId, visitorNode, base } = await chat();
    const agentGot = next<MessageView>(agent.socket, "message:created", (m) => m.text === "still there?", 30_000);
    const visitorGot = next<MessageView>(visitor.socket, "message:created", (m) => m.text === "yes", 30_000);
    desk.kill();
    // Answered at the first try: no node runs the desk now (its lease has not expired), and none is needed.
    const asked = await send(visitor.socket, conversationId, "still there?");
    expect(asked).toMatchObject({ ok: true, data: { seq: base + 1, author: "visitor" } });
    const answered = await send(agent.socket, conversationId, "yes");
    expect(answered).toMatchObject({ ok: true, data: { seq: base + 2, author: "agent", authorName: agent.record.name } });
    expect((await agentGot).seq).toBe(base + 1);
    expect((await visitorGot).seq).toBe(base + 2);
    expect((await visitorNode.store.messages.list(conversationId, base)).map((m) => m.text)).toEqual(["still there?", "yes"]);
  }, 180_000);

  it("refuses with a typed error, on a node without the desk, a message whose conversation changed meanwhile, and stores nothing", async () => {
    const { agentNode, agent, visitor, visitorNode, conversationId } = await chat();
    const other = await quickAgent(visitorNode, { maxChats: 5 });
    const moved = next<AgentConversationView>(other.socket, "conversation:assigned", (c) => c.id === conversationId, 60_000);
    const early = await send(agent.socket, conversationId, "before the transfer");
    expect(early.ok).toBe(true);
    const asked = await send(visitor.socket, conversationId, "before the end");
    expect(asked.ok).toBe(true);
    // The desk (on the third node) moves the chat to another agent: the first one's next message is refused…
    const transferred = await agent.socket.timeout(30_000).emitWithAck("conversation:transfer", { conversationId, to: { agentId: other.record.id } });
    expect(transferred.ok).toBe(true);
    await moved;
    const late = await send(agent.socket, conversationId, "after the transfer");
    expect(late).toMatchObject({ ok: false, error: "not_found" });
    // …a stranger's too, and once the customer ended it, anything new from either side; a retry keeps its answer.
    const stranger = await connectVisitor(agentNode.url);
    expect(await send(stranger.socket, conversationId, "not mine")).toMatchObject({ ok: false, error: "not_found" });
    const ended = await visitor.socket.timeout(30_000).emitWithAck("conversation:end", { conversationId });
    expect(ended.ok).toBe(true);
    const again = await connectVisitor(agentNode.url, visitor.credentials);
    expect(await send(again.socket, conversationId, "one more thing")).toMatchObject({ ok: false, error: "conversation_closed" });
    expect(await send(other.socket, conversationId, "bye")).toMatchObject({ ok: false, error: "conversation_closed" });
    // The customer's retry of a message stored before the end is answered with the original (its seq), not refused.
    if (!asked.ok) throw new Error(asked.error);
    expect(await send(again.socket, conversationId, asked.data.text, asked.data.id)).toEqual(asked);
    const texts = (await agentNode.store.messages.list(conversationId, 0)).map((m) => m.text);
    for (const refused of ["after the transfer", "not mine", "one more thing", "bye"]) expect(texts).not.toContain(refused);
    expect(texts.filter((t) => t === "before the transfer")).toHaveLength(1);
  }, 180_000);

  it("keeps one gap-free seq order when a customer and an agent on two nodes write at once", async () => {
    const { agentNode, agent, visitor, conversationId, base } = await chat();
    const history = recordMessages();
    history.watch("visitor", visitor.socket);
    history.watch("agent", agent.socket);
    const burst = (who: "visitor" | "agent", socket: Sender) =>
      Promise.all(Array.from({ length: 15 }, (_, i) => send(socket, conversationId, `${who} ${i}`))).then((replies) =>
        replies.map((r) => {
          if (!r.ok) throw new Error(r.error);
          history.acked(who, r.data);
          return r.data.seq;
        }),
      );
    const [fromVisitor, fromAgent] = await Promise.all([burst("visitor", visitor.socket), burst("agent", agent.socket)]);
    // Each sender's messages in the order it sent them; together base+1..base+30 with no gap and nothing twice.
    expect(fromVisitor).toEqual([...fromVisitor].sort((a, b) => a - b));
    expect(fromAgent).toEqual([...fromAgent].sort((a, b) => a - b));
    expect([...fromVisitor, ...fromAgent].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => base + i + 1));
    const stored = await agentNode.store.messages.list(conversationId, 0);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: base + 30 }, (_, i) => i + 1));
    await expect.poll(() => history.received("agent", conversationId).length, { timeout: 60_000 }).toBe(15);
    await expect.poll(() => history.received("visitor", conversationId).length, { timeout: 60_000 }).toBe(15);
    checkDelivery(history, "agent", conversationId, stored, (m) => m.author === "visitor" && m.seq > base);
    checkDelivery(history, "visitor", conversationId, stored, (m) => m.author === "agent" && m.seq > base);
  }, 180_000);

  it("tells the desk's node of messages stored elsewhere: its views count them and supervisors following the chat get them", async () => {
    const { desk, agent, visitor, conversationId, base } = await chat();
    const supervisor = await quickAgent(desk, { role: "supervisor" });
    const watching = await supervisor.socket.timeout(30_000).emitWithAck("conversation:watch", { conversationId, watch: true });
    expect(watching.ok).toBe(true);
    const seen: MessageView[] = [];
    supervisor.socket.on("message:created", (m: MessageView) => seen.push(m));
    for (const text of ["one", "two", "three"]) expect((await send(visitor.socket, conversationId, text)).ok).toBe(true);
    expect((await send(agent.socket, conversationId, "four")).ok).toBe(true);
    // The customer's tab on the desk's own node: stored there, and that desk told in process.
    const onDesk = await connectVisitor(desk.url, visitor.credentials);
    expect((await send(onDesk.socket, conversationId, "five")).ok).toBe(true);
    const texts = ["one", "two", "three", "four", "five"];
    await expect.poll(() => seen.map((m) => [m.seq, m.text]), { timeout: 30_000 }).toEqual(texts.map((text, i) => [base + i + 1, text]));
    // The desk answers with the last seq as stored (it ran none of these messages' appends itself).
    const resumed = await visitor.socket.timeout(30_000).emitWithAck("conversation:resume", { afterSeq: base + 5 });
    expect(resumed).toMatchObject({ ok: true, data: { conversation: { id: conversationId, lastSeq: base + 5 }, messages: [] } });
  }, 180_000);
});
