// A node that is alive but misses its heartbeat for longer than its lifetime (a long GC pause, an overloaded machine,
// here SIGSTOP) is counted out by the desk like a dead one; once it beats again, its sockets are counted back in: its
// agents keep their chats past the grace period and get new ones, its waiting customers keep their places. Two
// `node dist/server/index.js` processes on one Redis, everything observed as clients see it.
import { expect, it } from "vitest";
import type { ConversationView } from "../../server/protocol/views.js";
import { createRedisStore } from "../../server/store/redis.js";
import { connectVisitor, msgId, type AgentSocket } from "../helpers/clients.js";
import { agentOnNode } from "../helpers/node-agent.js";
import { nodeProcessesOnRedis, type NodeProcess } from "../helpers/node-process.js";
import { describeWithRedis } from "../helpers/redis.js";
import { retried } from "./history.js";

const RETRYABLE = new Set(["storage_unavailable", "rate_limited", "internal"]);

/** A customer on `node` who starts a chat; `status` follows what the server says of it. */
async function customerOn(node: NodeProcess, name: string) {
  const { socket } = await connectVisitor(node.url);
  const seen: { status: ConversationView["status"] | null } = { status: null };
  socket.on("conversation:updated", (c: ConversationView) => (seen.status = c.status));
  const message = { id: `${name}-start-message`, text: `hello from ${name}` };
  const reply = await retried(() => socket.timeout(10_000).emitWithAck("conversation:start", { language: "en", name, message }), RETRYABLE);
  if (!reply.ok) throw new Error(reply.error);
  seen.status = reply.data.conversation.status;
  return { socket, id: reply.data.conversation.id, seen };
}

async function close(agent: AgentSocket, conversationId: string) {
  const reply = await retried(() => agent.timeout(10_000).emitWithAck("conversation:close", { conversationId }), RETRYABLE);
  expect(reply).toMatchObject({ ok: true });
}

describeWithRedis("a live node whose heartbeat lapsed", () => {
  const cluster = nodeProcessesOnRedis();

  it("is counted back in once it beats again: its agent keeps her chat past the grace period and gets new ones, its waiting customer keeps her place", async () => {
    // Heartbeats live 2 s; a waiting customer with no socket for 3 s has left; an agent gets 5 s to come back.
    const env = { REDIS_URL: cluster.redis().url, CLUSTER_NODE_TTL_SECONDS: "2", QUEUE_ABANDON_SECONDS: "3", AGENT_GRACE_SECONDS: "5", CLUSTER_DESK_LEASE_SECONDS: "30" };
    const desk = await cluster.start(env);
    await expect.poll(async () => (await desk.health()).desk, { timeout: 60_000 }).toBe(true);
    const other = await cluster.start(env);
    const otherId = (await other.health()).node;
    const store = createRedisStore(cluster.redis().client(), { prefix: "parley:", ownsClient: false });

    // Ann works on the other node and chats with X (on the desk's node); Carl works on the desk's node and chats with
    // Y; W waits on the other node (both agents are full).
    const ann = await agentOnNode(store, other, "ann", 1);
    const x = await customerOn(desk, "x");
    await expect.poll(() => ann.assigned, { timeout: 30_000 }).toContain(x.id);
    const carl = await agentOnNode(store, desk, "carl", 1);
    const y = await customerOn(desk, "y");
    await expect.poll(() => carl.assigned, { timeout: 30_000 }).toContain(y.id);
    const w = await customerOn(other, "w");
    expect(w.seen.status).toBe("queued");

    // The other node freezes past its heartbeat's lifetime: the desk counts its sockets out (Ann and W are gone as far
    // as it knows). Carl leaves at that moment, so his grace period runs out after Ann's would; then the node thaws.
    other.freeze();
    const countedOut = () => desk.output().split("\n").some((line) => line.includes("a node stopped") && line.includes(`"${otherId}"`));
    await expect.poll(countedOut, { timeout: 30_000 }).toBe(true);
    carl.socket.disconnect();
    other.thaw();

    // Carl's grace period ends: Y goes back to the queue (Ann, counted back in, has no room for her).
    await expect.poll(() => y.seen.status, { timeout: 30_000 }).toBe("queued");
    // Ann's would have ended before it; she still has X, and her messages to X go through.
    expect(ann.unassigned).not.toContain(x.id);
    const sent = await retried(() => ann.socket.timeout(10_000).emitWithAck("message:send", { conversationId: x.id, id: msgId(), text: "still here" }), RETRYABLE);
    expect(sent).toMatchObject({ ok: true });
    // She closes X and gets the next chat, Y (requeued at the head of the line), then W, who is still waiting: W's
    // 3 s without a socket (as the desk counted it) ran out long ago, so she was counted back in too.
    await close(ann.socket, x.id);
    await expect.poll(() => ann.assigned, { timeout: 30_000 }).toContain(y.id);
    await close(ann.socket, y.id);
    await expect.poll(() => ann.assigned, { timeout: 30_000 }).toContain(w.id);
    // W hears of it on its own socket (another node's delivery), which may come just after Ann's.
    await expect.poll(() => w.seen.status, { timeout: 10_000 }).toBe("assigned");
  }, 180_000);
});
