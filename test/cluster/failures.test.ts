// Nodes and Redis failing under a running cluster: a node dies mid-chat, Redis restarts, the `parley` command edits
// agents while nodes run.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentConversationView, AgentSelfView, MessageView } from "../../server/protocol/views.js";
import { buildCli, type BuiltCli } from "../cli/run-cli.js";
import { quickAgent, startNodes, type TestNode } from "../helpers/cluster.js";
import { closeAllSockets, connectVisitor, msgId, next } from "../helpers/clients.js";
import { describeWithRedis, startRedis, type RedisServer } from "../helpers/redis.js";
import { startChat } from "./history.js";

/** Sends until acked, as the widget's outbox does (same id on every try). */
async function sendAcked(socket: { timeout(ms: number): { emitWithAck(e: "message:send", p: { conversationId: string; id: string; text: string }): Promise<{ ok: true; data: MessageView } | { ok: false; error: string }> } }, conversationId: string, text: string) {
  const id = msgId();
  for (;;) {
    const reply = await socket.timeout(30_000).emitWithAck("message:send", { conversationId, id, text }).catch(() => null);
    if (reply?.ok) return reply.data;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describeWithRedis("a cluster under failures", () => {
  let redis: RedisServer;
  let aofDir: string;
  let nodes: TestNode[] = [];
  beforeAll(async () => {
    aofDir = await mkdtemp(join(tmpdir(), "parley-aof-"));
    redis = await startRedis({ aofDir });
  });
  afterAll(async () => {
    await redis?.stop();
    await rm(aofDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    closeAllSockets();
    await Promise.all(nodes.map((n) => n.close()));
    nodes = [];
  });

  it("survives a node's death: its customers resume on another node with nothing lost, its agent's chats go to one other agent", async () => {
    ({ nodes } = await startNodes(redis.url, 3));
    // The node that dies is one that does not run the desk (the desk moving is the next test's matter).
    const doomed = nodes.find((n) => !n.app.cluster!.leading())!;
    const survivor = nodes.find((n) => n !== doomed)!;
    const ann = await quickAgent(doomed, { name: "Ann", maxChats: 2 });
    const chats = [];
    for (let i = 0; i < 2; i++) {
      const visitor = await connectVisitor(doomed.url);
      const assigned = next<AgentConversationView>(ann.socket, "conversation:assigned", () => true, 60_000);
      const { conversation } = await startChat(visitor.socket);
      await assigned;
      const sent = [await sendAcked(visitor.socket, conversation.id, `before ${i}`), await sendAcked(ann.socket, conversation.id, `answer ${i}`)];
      chats.push({ visitor, conversation, sent });
    }
    // Bea is on a node that stays; she has room for both chats once Ann is gone.
    const bea = await quickAgent(survivor, { name: "Bea", maxChats: 5 });
    const beaGot: string[] = [];
    bea.socket.on("conversation:assigned", (view: AgentConversationView) => beaGot.push(view.id));

    doomed.kill();
    // After the grace period both chats are Bea's, each once; nobody else holds them.
    await expect.poll(() => [...beaGot].sort(), { timeout: 60_000 }).toEqual(chats.map((c) => c.conversation.id).sort());
    for (const c of chats) expect((await survivor.store.conversations.get(c.conversation.id))?.assigneeId).toBe(bea.record.id);

    // Each customer comes back on the surviving node and gets everything after what it had.
    for (const c of chats) {
      const again = await connectVisitor(survivor.url, c.visitor.credentials);
      const resumed = await again.socket.timeout(30_000).emitWithAck("conversation:resume", { afterSeq: 0 });
      if (!resumed.ok) throw new Error(resumed.error);
      expect(resumed.data.conversation?.id).toBe(c.conversation.id);
      for (const m of c.sent) expect(resumed.data.messages).toContainEqual(m);
      const seqs = resumed.data.messages.map((m: MessageView) => m.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const reply = await sendAcked(bea.socket, c.conversation.id, "Bea here");
      expect(reply.authorName).toBe("Bea");
    }
    expect(beaGot).toHaveLength(2);
  }, 180_000);

  it("moves the desk when the node running it dies, and assigns nothing twice", async () => {
    ({ nodes } = await startNodes(redis.url, 2));
    const leader = nodes.find((n) => n.app.cluster!.leading())!;
    const other = nodes.find((n) => n !== leader)!;
    const agent = await quickAgent(other, { maxChats: 10 });
    const got: string[] = [];
    agent.socket.on("conversation:assigned", (view: AgentConversationView) => got.push(view.id));
    const first = await connectVisitor(other.url);
    await startChat(first.socket);
    await expect.poll(() => got.length, { timeout: 60_000 }).toBe(1);
    leader.kill();
    await expect.poll(() => other.app.cluster!.leading(), { timeout: 60_000 }).toBe(true);
    const second = await connectVisitor(other.url);
    // The first try may meet the desk still moving: the client retries, as the widget does.
    await expect.poll(async () => (await second.socket.timeout(30_000).emitWithAck("conversation:start", { language: "en", name: "Max", message: { id: "m_second_start_1", text: "Hi" } })).ok, { timeout: 60_000 }).toBe(true);
    await expect.poll(() => got.length, { timeout: 60_000 }).toBe(2);
    expect(new Set(got).size).toBe(2);
  }, 180_000);

  it("rides out a Redis restart: no crash, /healthz says degraded meanwhile, acked messages kept, nothing assigned twice", async () => {
    ({ nodes } = await startNodes(redis.url, 2));
    const [n1, n2] = nodes as [TestNode, TestNode];
    const agent = await quickAgent(n1, { maxChats: 5 });
    const got: string[] = [];
    agent.socket.on("conversation:assigned", (view: AgentConversationView) => got.push(view.id));
    const visitor = await connectVisitor(n2.url);
    const { conversation } = await startChat(visitor.socket);
    await expect.poll(() => got.length, { timeout: 60_000 }).toBe(1);
    const before = await sendAcked(visitor.socket, conversation.id, "before the restart");

    await redis.kill();
    await expect.poll(async () => (await fetch(`${n2.url}/healthz`)).status, { timeout: 60_000 }).toBe(503);
    const during = await visitor.socket.timeout(30_000).emitWithAck("message:send", { conversationId: conversation.id, id: "m_during_outage", text: "while Redis is away" });
    expect(during).toMatchObject({ ok: false, error: "storage_unavailable" });
    await redis.start();
    await expect.poll(async () => (await fetch(`${n2.url}/healthz`)).status, { timeout: 60_000 }).toBe(200);

    // The retry of the refused message is stored once; the agent replays what it missed by seq.
    const retried = await sendAcked(visitor.socket, conversation.id, "while Redis is away");
    const history = await agent.socket.timeout(30_000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: before.seq - 1 });
    if (!history.ok) throw new Error(history.error);
    expect(history.data.messages.map((m: MessageView) => m.id)).toEqual([before.id, retried.id]);
    expect(got).toEqual([conversation.id]);
  }, 180_000);

  it("lets the parley command change an agent in Redis, and the running node tells the agent at once", async () => {
    let cli: BuiltCli | null = null;
    try {
      cli = await buildCli();
      const url = `${redis.url}/3`;
      ({ nodes } = await startNodes(url, 2, { prefix: "parley:" }));
      const ann = await quickAgent(nodes[1]!, { name: "Ann", email: "ann@example.com" });
      const renamed = next<AgentSelfView>(ann.socket, "agent:updated", (v) => v.name === "Annette", 60_000);
      const result = await cli.run(["agent", "update", "--email", "ann@example.com", "--name", "Annette"], { env: { REDIS_URL: url } });
      expect(result, result.stderr).toMatchObject({ code: 0 });
      expect((await renamed).name).toBe("Annette");
      const listed = await cli.run(["agent", "list", "--json"], { env: { REDIS_URL: url } });
      expect(JSON.parse(listed.stdout)).toMatchObject([{ email: "ann@example.com", name: "Annette" }]);
    } finally {
      await cli?.remove();
    }
  }, 180_000);
});
