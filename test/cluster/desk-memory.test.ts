// The desk moving to another node keeps what it remembered beyond the stored records: an agent who chose Away stays
// Away (and gets no new chats), and the measured handle times behind the wait estimates are not reset to the default.
import { expect, it } from "vitest";
import type { AgentConversationView, AgentSelfView } from "../../server/protocol/views.js";
import { nodesForEachTest, quickAgent, type TestNode } from "../helpers/cluster.js";
import { connectVisitor, next } from "../helpers/clients.js";
import { describeWithRedis } from "../helpers/redis.js";
import { retried, startChat } from "./history.js";

describeWithRedis("the desk's memory on a cluster", () => {
  const startNodesOnRedis = nodesForEachTest();
  let nodes: TestNode[] = [];

  it("keeps an agent's Away status and the measured handle times when the desk moves to another node", async () => {
    nodes = await startNodesOnRedis(2);
    const holder = nodes.find((n) => n.app.cluster!.leading())!;
    const other = nodes.find((n) => n !== holder)!;
    const ann = await quickAgent(other, { name: "Ann", maxChats: 5 });

    // Five chats handled and closed: the desk now has measured handle times (seconds, far below the 300 s default).
    for (let i = 0; i < 5; i++) {
      const visitor = await connectVisitor(other.url, await other.app.api.visitor.register());
      const assigned = next<AgentConversationView>(ann.socket, "conversation:assigned", () => true, 60_000);
      const { conversation } = await startChat(visitor.socket);
      await assigned;
      const closed = await retried(() => ann.socket.timeout(30_000).emitWithAck("conversation:close", { conversationId: conversation.id }));
      expect(closed.ok).toBe(true);
    }
    const core = () => (holder.app.cluster!.leading() ? holder : other).app.cluster!.desk().core;
    const measured = core().handleTimes.estimate("en");
    expect(measured).toBeLessThan(60);
    // With their end times, so the next desk measures by time as this one does.
    const at = Date.now();
    const byTime = core().handleTimes.estimate("en", at, []);
    expect(core().handleTimes.samples("en").map((s) => s.endedAt !== undefined)).toEqual([true, true, true, true, true]);

    const away = await retried(() => ann.socket.timeout(30_000).emitWithAck("status:set", { status: "away" }));
    expect(away.ok && (away.data as AgentSelfView).status).toBe("away");

    // The node running the desk leaves; the other takes the desk over.
    await holder.close();
    await expect.poll(() => other.app.cluster!.leading(), { timeout: 60_000 }).toBe(true);
    const desk = other.app.cluster!.desk();
    expect(desk.core.agents.get(ann.record.id)?.status).toBe("away");
    expect(desk.core.handleTimes.estimate("en")).toBeCloseTo(measured, 6);
    expect(desk.core.handleTimes.estimate("en", at, [])).toBeCloseTo(byTime, 6);

    // Away means no new chats, on the new desk too.
    const late = await connectVisitor(other.url, await other.app.api.visitor.register());
    const { conversation } = await startChat(late.socket);
    expect(conversation.status).toBe("queued");
    expect((await other.store.conversations.get(conversation.id))?.assigneeId).toBeNull();
  }, 180_000);
});
