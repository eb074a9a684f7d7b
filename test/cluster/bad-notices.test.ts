// What arrives on the cluster's own pub/sub channels is another node's word, not to be trusted blindly: a request,
// reply or message notice that does not parse (a node of another version, someone with access to Redis) is dropped,
// and the nodes go on serving. A throw in those listeners would be rethrown by ioredis and end the process.
import { expect, it } from "vitest";
import type { AgentConversationView } from "../../server/protocol/views.js";
import { nodesForEachTest, quickAgent } from "../helpers/cluster.js";
import { connectVisitor, msgId, next } from "../helpers/clients.js";
import { describeWithRedis } from "../helpers/redis.js";
import { retried } from "./history.js";

describeWithRedis("a cluster fed malformed pub/sub messages", () => {
  const startNodesOnRedis = nodesForEachTest();

  it("drops requests, replies and message notices that do not parse, and keeps serving chats", async () => {
    const nodes = await startNodesOnRedis(2);
    const redis = nodes[0]!.cluster.client;
    const channels = ((await redis.pubsub("CHANNELS", "*")) as string[]).filter((c) => /rpc:|desk:stored$/.test(c));
    expect(channels.some((c) => c.endsWith("rpc:desk"))).toBe(true);
    expect(channels.some((c) => c.endsWith("desk:stored"))).toBe(true);
    for (const channel of channels) {
      for (const text of ["not json", "null", "42", '{"no":"id"}', '{"id":7}', "c_1\n3\n{broken", "", "\n\n"]) {
        await redis.publish(channel, text);
      }
    }
    // Still one cluster that answers: a customer on one node reaches an agent on the other.
    const desk = nodes.find((n) => n.app.cluster!.leading())!;
    const other = nodes.find((n) => n !== desk)!;
    const agent = await quickAgent(desk);
    const visitor = await connectVisitor(other.url);
    const assigned = next<AgentConversationView>(agent.socket, "conversation:assigned", () => true, 60_000);
    const started = await retried(() => visitor.socket.timeout(30_000).emitWithAck("conversation:start", { language: "en", name: "Mia", message: { id: msgId(), text: "Hello" } }));
    expect(started.ok).toBe(true);
    await assigned;
  });
});
